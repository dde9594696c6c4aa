// The OpenAPI document passes Redocly's linter with its recommended rules (redocly.yaml): every operation has an operationId (so a
// generated SDK gets sensible method names) and states its security, public ones with `security: []`.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openApiDocument } from '../../scripts/openapi';

interface Problem {
  ruleId: string;
  severity: 'error' | 'warn';
  message: string;
  location: { pointer: string }[];
}

describe('the OpenAPI document', () => {
  it('passes redocly lint (recommended) with no error and no warning', async () => {
    const doc = await openApiDocument();
    const file = join(mkdtempSync(join(tmpdir(), 'edgeref-openapi-')), 'openapi.json');
    writeFileSync(file, JSON.stringify(doc));
    let out: string;
    try {
      out = execFileSync('npx', ['redocly', 'lint', file, '--format=json'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
    } catch (err) {
      out = (err as { stdout: string }).stdout; // a failed lint exits 1 with the same JSON
    }
    const { totals, problems } = JSON.parse(out) as { totals: { errors: number; warnings: number }; problems: Problem[] };
    expect(problems.map((p) => `${p.ruleId} at ${p.location[0]?.pointer}: ${p.message}`)).toEqual([]);
    expect(totals).toMatchObject({ errors: 0, warnings: 0 });
  });

  it('names operations so that an SDK reads well', async () => {
    const doc = (await openApiDocument()) as { paths: Record<string, Record<string, { operationId?: string }>> };
    const ids = Object.values(doc.paths).flatMap((ops) => Object.values(ops).map((op) => op.operationId));
    expect(ids.every((id) => typeof id === 'string' && /^[a-z][A-Za-z0-9]+$/.test(id))).toBe(true);
    expect(new Set(ids).size).toBe(ids.length);
  });
});
