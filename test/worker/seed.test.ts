import { env } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { count, seedDemo } from './helpers';
import { verifyPassword } from '../../worker/security/hashing';
import { DEMO } from '../../scripts/demo-data';

const tables = ['programs', 'accounts', 'partners', 'members', 'program_staff', 'invitations', 'api_keys', 'reward_rules'];

describe('the demo seed (npm start)', () => {
  it('can run again without failing or duplicating anything', async () => {
    await seedDemo();
    const first = await Promise.all(tables.map((t) => count(`SELECT count(*) n FROM ${t}`)));
    await seedDemo();
    const second = await Promise.all(tables.map((t) => count(`SELECT count(*) n FROM ${t}`)));
    expect(second).toEqual(first);
    expect(first).toEqual([1, 3, 1, 2, 1, 1, 2, 2]); // two reward rules: per signup and per payment
  });

  it('stores the demo password only as a PBKDF2 hash that verifies', async () => {
    const row = await env.DB.prepare('SELECT password_hash FROM accounts WHERE email = ?').bind(DEMO.partnerEmail).first<{ password_hash: string }>();
    expect(row!.password_hash).toMatch(/^pbkdf2-sha256\$100000\$/);
    expect(await verifyPassword(DEMO.password, row!.password_hash)).toBe(true);
    expect(await verifyPassword('demo12345', row!.password_hash)).toBe(false);
  });
});
