// Running SQL from scripts against the D1 database through wrangler, locally or on Cloudflare.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Statement } from '../worker/db/program-setup';

/** A SQL literal for our own fixed values (strings are quoted and escaped). */
export function sqlValue(v: string | number | null): string {
  return v === null ? 'NULL' : typeof v === 'number' ? String(v) : `'${v.replace(/'/g, "''")}'`;
}

/** A parameterised statement written out as SQL text, for `wrangler d1 execute --file` (which takes no parameters). */
export function renderStatement({ sql, params }: Statement): string {
  const parts = sql.split('?');
  if (parts.length !== params.length + 1) throw new Error(`${params.length} parameters for ${parts.length - 1} placeholders in: ${sql}`);
  return parts.reduce((text, part, i) => text + sqlValue(params[i - 1]) + part);
}

export function executeSql(statements: Statement[], target: { remote?: boolean; persistTo?: string }): void {
  const file = join(mkdtempSync(join(tmpdir(), 'edgeref-sql-')), 'statements.sql');
  writeFileSync(file, statements.map(renderStatement).join(';\n') + ';\n');
  const where = target.remote ? ['--remote'] : ['--local', ...(target.persistTo ? ['--persist-to', target.persistTo] : [])];
  execFileSync('npx', ['wrangler', 'd1', 'execute', 'DB', '--file', file, ...where], {
    stdio: ['ignore', 'ignore', 'inherit'],
    env: { ...process.env, CI: 'true', CLOUDFLARE_CF_FETCH_ENABLED: 'false' },
  });
}
