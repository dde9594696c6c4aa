// Running SQL from scripts against the D1 database through wrangler, locally or on Cloudflare.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A SQL literal for our own fixed values (strings are quoted and escaped). */
export function sqlValue(v: string | number | null): string {
  return v === null ? 'NULL' : typeof v === 'number' ? String(v) : `'${v.replace(/'/g, "''")}'`;
}

export function executeSql(statements: string[], target: { remote?: boolean; persistTo?: string }): void {
  const file = join(mkdtempSync(join(tmpdir(), 'edgeref-sql-')), 'statements.sql');
  writeFileSync(file, statements.join(';\n') + ';\n');
  const where = target.remote ? ['--remote'] : ['--local', ...(target.persistTo ? ['--persist-to', target.persistTo] : [])];
  execFileSync('npx', ['wrangler', 'd1', 'execute', 'DB', '--file', file, ...where], {
    stdio: ['ignore', 'ignore', 'inherit'],
    env: { ...process.env, CI: 'true', CLOUDFLARE_CF_FETCH_ENABLED: 'false' },
  });
}
