// Helpers for the portal and console tests: JSON calls with a session, and a rival partner and a sales rep to test walls.
import { env } from 'cloudflare:test';
import { BASE, call, DEMO } from './helpers';
import { hashPassword } from '../../worker/security/hashing';

export function api(cookie: string | null, path: string, body?: unknown, method = body === undefined ? 'GET' : 'POST'): Promise<Response> {
  const headers: Record<string, string> = { 'Content-Type': 'application/json', Origin: BASE };
  if (cookie) headers.Cookie = cookie;
  return call(`/api/v1${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
}

/** A second partner (with its own owner and a referral) and a sales representative of the demo program. */
export async function seedRivalAndRep(): Promise<void> {
  const now = Date.now();
  const hash = await hashPassword('rival-pass');
  await env.DB.batch([
    env.DB.prepare("INSERT OR IGNORE INTO accounts (id, email, name, password_hash, created_at) VALUES ('acc_rival', 'rival@other.test', 'Rita Rival', ?, ?)").bind(hash, now),
    env.DB.prepare("INSERT OR IGNORE INTO partners (id, program_id, number, name, email, status, created_at) VALUES ('prt_rival', ?, 100002, 'Rival Ltd', 'rival@other.test', 'partner', ?)").bind(DEMO.programId, now),
    env.DB.prepare("INSERT OR IGNORE INTO members (id, partner_id, account_id, role, created_at) VALUES ('mem_rival', 'prt_rival', 'acc_rival', 'owner', ?)").bind(now),
    env.DB.prepare(
      `INSERT OR IGNORE INTO referrals (id, program_id, partner_id, type, customer_name, registered_at, updated_at)
       VALUES ('ref_rival', ?, 'prt_rival', 'partner_to_program', 'Rival Prospect', ?, ?)`,
    ).bind(DEMO.programId, now, now),
    env.DB.prepare("INSERT OR IGNORE INTO accounts (id, email, name, password_hash, created_at) VALUES ('acc_rep', 'rep@demo.test', 'Rob Rep', ?, ?)").bind(hash, now),
    env.DB.prepare("INSERT OR IGNORE INTO program_staff (program_id, account_id, role) VALUES (?, 'acc_rep', 'sales_rep')").bind(DEMO.programId),
  ]);
}
