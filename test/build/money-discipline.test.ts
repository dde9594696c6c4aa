// Money discipline: only shared/money.ts does arithmetic on amounts. Everywhere else an amount (`x.amount`) may be
// read, formatted and stored, but not added, subtracted, negated, scaled or compared by hand: that is how a sum
// mixes currencies or a comparison of EUR with USD passes. The check reads the source's syntax with TypeScript.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const root = new URL('../..', import.meta.url).pathname;
const folders = ['worker', 'shared', 'dashboard/src', 'widget/src', 'scripts'];
const allowed = new Set(['shared/money.ts']);

const ARITHMETIC = new Set([
  ts.SyntaxKind.PlusToken, ts.SyntaxKind.MinusToken, ts.SyntaxKind.AsteriskToken, ts.SyntaxKind.SlashToken,
  ts.SyntaxKind.PercentToken, ts.SyntaxKind.AsteriskAsteriskToken,
  ts.SyntaxKind.LessThanToken, ts.SyntaxKind.LessThanEqualsToken, ts.SyntaxKind.GreaterThanToken, ts.SyntaxKind.GreaterThanEqualsToken,
  ts.SyntaxKind.EqualsEqualsToken, ts.SyntaxKind.EqualsEqualsEqualsToken, ts.SyntaxKind.ExclamationEqualsToken, ts.SyntaxKind.ExclamationEqualsEqualsToken,
  ts.SyntaxKind.PlusEqualsToken, ts.SyntaxKind.MinusEqualsToken, ts.SyntaxKind.AsteriskEqualsToken, ts.SyntaxKind.SlashEqualsToken,
]);

function sources(dir: string): string[] {
  return readdirSync(join(root, dir)).flatMap((name) => {
    const path = join(dir, name);
    if (name === 'node_modules' || name.startsWith('.')) return [];
    if (statSync(join(root, path)).isDirectory()) return sources(path);
    return /\.tsx?$/.test(name) && !name.endsWith('.d.ts') ? [path] : [];
  });
}

const isAmount = (node: ts.Node): boolean => {
  while (ts.isParenthesizedExpression(node) || ts.isNonNullExpression(node) || ts.isAsExpression(node)) node = node.expression;
  return (ts.isPropertyAccessExpression(node) && node.name.text === 'amount') || (ts.isElementAccessExpression(node) && ts.isStringLiteral(node.argumentExpression) && node.argumentExpression.text === 'amount');
};

/** Every place in `text` where an amount is an operand of arithmetic or a comparison, as "file:line: code". */
export function handArithmetic(file: string, text: string): string[] {
  const sf = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true, file.endsWith('x') ? ts.ScriptKind.TSX : ts.ScriptKind.TS);
  const found: string[] = [];
  const flag = (node: ts.Node) => found.push(`${file}:${sf.getLineAndCharacterOfPosition(node.getStart()).line + 1}: ${node.getText().slice(0, 80)}`);
  const visit = (node: ts.Node) => {
    if (ts.isBinaryExpression(node) && ARITHMETIC.has(node.operatorToken.kind) && (isAmount(node.left) || isAmount(node.right))) flag(node);
    if ((ts.isPrefixUnaryExpression(node) || ts.isPostfixUnaryExpression(node)) && node.operator !== ts.SyntaxKind.ExclamationToken && isAmount(node.operand)) flag(node);
    if (ts.isCallExpression(node) && /^Math\.(min|max|abs|round|floor|ceil)$/.test(node.expression.getText()) && node.arguments.some(isAmount)) flag(node);
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return found;
}

describe('money discipline', () => {
  it('finds hand arithmetic on amounts (the check itself)', () => {
    const code = `const a = x.amount + y.amount; const b = -m.amount; if (p.price.amount > q['amount']) {}; const c = Math.max(0, (t.amount as number));
      const fine = { amount: 5 }; store(x.amount); const n = items.length + 1; const ok = !x.amount;`;
    expect(handArithmetic('example.ts', code).map((f) => f.split(': ')[1])).toEqual(['x.amount + y.amount', '-m.amount', "p.price.amount > q['amount']", 'Math.max(0, (t.amount as number))']);
  });

  it('does arithmetic on amounts only in shared/money.ts', () => {
    const files = folders.flatMap(sources).filter((f) => !allowed.has(relative(root, join(root, f))));
    expect(files.length).toBeGreaterThan(100);
    const found = files.flatMap((f) => handArithmetic(f, readFileSync(join(root, f), 'utf8')));
    expect(found).toEqual([]);
  });
});
