// A program created by the statements npm run program:create hands to wrangler (worker/db/program-setup.ts) works:
// its keys authenticate, its manager signs in, and running the statements again is refused, not half-applied.
import { env } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { call, count, signIn } from './helpers';
import { programSetupStatements, runStatements, type NewProgram } from '../../worker/db/program-setup';
import { hashPassword, sha256Hex } from '../../worker/security/hashing';
import { renderStatement } from '../../scripts/d1';

let made = 0;
/** A program of its own per test: the file's tests share one database. */
async function newProgram(): Promise<NewProgram & { secretKey: string; password: string }> {
  const n = ++made;
  const secretKey = `sk_live_setup_test_4f2a9c1e7b3d5a8e_${n}`;
  const password = 'setup-test-password';
  return {
    id: `prg_setup_${n}`,
    name: "O'Brien & Co",
    currency: 'SEK',
    destinationUrl: 'https://obrien.test/',
    allowedOrigins: ['https://obrien.test'],
    signupCreditMinor: 2500,
    rules: [{ id: `rul_setup_${n}`, event: 'signup', kind: 'flat', amountMinor: 5000, holdDays: 0 }],
    keys: [
      { id: `key_setup_pk_${n}`, kind: 'publishable', hash: await sha256Hex(`pk_live_setup_test_${n}`), hint: 'pk_live_setu…' },
      { id: `key_setup_sk_${n}`, kind: 'secret', hash: await sha256Hex(secretKey), hint: 'sk_live_…5a8e' },
    ],
    managers: [{ accountId: `acc_setup_mgr_${n}`, email: `setup-manager-${n}@obrien.test`, name: 'Setup Manager', passwordHash: await hashPassword(password) }],
    now: Date.now(),
    secretKey,
    password,
  };
}

describe('creating a program (npm run program:create)', () => {
  it('makes a program whose secret key and manager work', async () => {
    const p = await newProgram();
    await runStatements(env.DB, programSetupStatements(p));
    const program = await env.DB.prepare('SELECT name, currency, signup_credit_minor FROM programs WHERE id = ?').bind(p.id).first();
    expect(program).toEqual({ name: "O'Brien & Co", currency: 'SEK', signup_credit_minor: 2500 });

    expect(await signIn(p.managers[0].email, p.password)).toMatch(/=/);
    const anon = await call(`/api/v1/customers/cus_none/export`, { headers: { Authorization: `Bearer ${p.secretKey}` } });
    expect(anon.status).toBe(404); // the key is known: an unknown customer of this program, not 401
  });

  it('refuses to run twice, and the second run changes nothing', async () => {
    const p = await newProgram();
    await runStatements(env.DB, programSetupStatements(p));
    const before = await count('SELECT count(*) n FROM api_keys');
    await expect(runStatements(env.DB, programSetupStatements({ ...p, name: 'Changed' }))).rejects.toThrow();
    expect(await count('SELECT count(*) n FROM api_keys')).toBe(before);
    expect(await env.DB.prepare('SELECT name FROM programs WHERE id = ?').bind(p.id).first('name')).toBe("O'Brien & Co");
  });

  it('renders statements for wrangler d1 execute with every value quoted', async () => {
    const p = await newProgram();
    const [program] = programSetupStatements(p);
    const text = renderStatement(program);
    expect(text).toContain("'O''Brien & Co'");
    expect(text).not.toContain('?');
    // What wrangler runs is what D1 binds: the rendered text inserts the same row.
    await env.DB.prepare(text).run();
    expect(await env.DB.prepare('SELECT name FROM programs WHERE id = ?').bind(p.id).first('name')).toBe("O'Brien & Co");
    expect(() => renderStatement({ sql: 'SELECT ?, ?', params: [1] })).toThrow(/1 parameters for 2 placeholders/);
  });
});
