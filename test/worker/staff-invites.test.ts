// A program manager invites a sales representative by a one-time link, as a partner's owner invites colleagues.
import { env } from 'cloudflare:test';
import { beforeAll, describe, expect, it } from 'vitest';
import { BASE, call, count, DEMO, seedDemo, signIn } from './helpers';
import { api, seedRivalAndRep } from './portal-helpers';

const P = `/programs/${DEMO.programId}`;
let manager: string;

beforeAll(async () => {
  await seedDemo();
  await seedRivalAndRep();
  manager = await signIn(DEMO.managerEmail);
});

const tokenOf = (link: string) => new URL(link).pathname.split('/').pop()!;
const accept = (token: string, body: unknown) =>
  call(`/api/v1/staff-invites/${token}/accept`, { method: 'POST', headers: { 'Content-Type': 'application/json', Origin: BASE }, body: JSON.stringify(body) });

describe('inviting a sales representative', () => {
  it('a new person: the link names the program, creates the account with the password they choose, signs in, and they are staff', async () => {
    const res = await api(manager, `${P}/staff`, { email: 'rhea@demo.test', name: 'Rhea Rep', role: 'sales_rep' });
    expect(res.status).toBe(201);
    const invite = await res.json<any>();
    expect(invite).toMatchObject({ email: 'rhea@demo.test', name: 'Rhea Rep', role: 'sales_rep' });
    expect(invite.link).toMatch(/^http:\/\/edgeref\.test\/dashboard\/staff-invite\/[A-Za-z0-9_-]{43}$/);
    // Only the token's hash is stored.
    expect(await count('SELECT count(*) n FROM staff_invites WHERE token_hash = ?', tokenOf(invite.link))).toBe(0);

    const lookup = await call(`/api/v1/staff-invites/${tokenOf(invite.link)}`);
    expect(await lookup.json<any>()).toEqual({ programName: 'Demo Shop', email: 'rhea@demo.test', name: 'Rhea Rep', role: 'sales_rep', accountExists: false });

    const accepted = await accept(tokenOf(invite.link), { password: 'rhea-pass-1' });
    expect(accepted.status).toBe(200);
    expect(await accepted.json<any>()).toEqual({ programId: DEMO.programId });
    const cookie = accepted.headers.get('Set-Cookie')!.split(';')[0];
    const session = await (await api(cookie, '/session')).json<any>();
    expect(session.account).toMatchObject({ email: 'rhea@demo.test', name: 'Rhea Rep' });
    expect(session.programs).toEqual([{ id: DEMO.programId, name: 'Demo Shop', role: 'sales_rep' }]);
    // A sales representative looks but does not change: the console reads work, a manager's action is 403.
    expect((await api(cookie, `${P}/partner-records`)).status).toBe(200);
    expect((await api(cookie, `${P}/keys`)).status).toBe(403);
    expect((await api(manager, `${P}/staff`)).status).toBe(200);
    expect((await (await api(manager, `${P}/staff`)).json<any[]>()).map((s) => [s.email, s.role])).toContainEqual(['rhea@demo.test', 'sales_rep']);
    // They can sign in with the password they chose; the link works once.
    expect((await signIn('rhea@demo.test', 'rhea-pass-1')).startsWith('edgeref_session=')).toBe(true);
    const again = await accept(tokenOf(invite.link), { password: 'another-pass' });
    expect(again.status).toBe(410);
    expect((await again.json<any>()).error.code).toBe('invite_accepted');
  });

  it('an existing account joins with its own password; a wrong one is 401 and adds nobody', async () => {
    const invite = await (await api(manager, `${P}/staff`, { email: DEMO.partnerEmail, name: 'Petra Partner', role: 'sales_rep' })).json<any>();
    expect((await (await call(`/api/v1/staff-invites/${tokenOf(invite.link)}`)).json<any>()).accountExists).toBe(true);
    const wrong = await accept(tokenOf(invite.link), { password: 'not-her-password' });
    expect(wrong.status).toBe(401);
    expect(await count("SELECT count(*) n FROM program_staff WHERE account_id = 'acc_demo_partner'")).toBe(0);
    expect((await accept(tokenOf(invite.link), { password: DEMO.password })).status).toBe(200);
    expect(await count("SELECT count(*) n FROM program_staff WHERE account_id = 'acc_demo_partner' AND role = 'sales_rep'")).toBe(1);
  });

  it('only a manager of the program invites: a sales representative 403, a partner member 404, signed out 401; staff already is 409', async () => {
    const body = { email: 'sneaky@demo.test', name: 'Sneaky', role: 'sales_rep' };
    expect((await api(await signIn('rep@demo.test', 'rival-pass'), `${P}/staff`, body)).status).toBe(403);
    expect((await api(await signIn('rival@other.test', 'rival-pass'), `${P}/staff`, body)).status).toBe(404);
    expect((await api(null, `${P}/staff`, body)).status).toBe(401);
    expect(await count("SELECT count(*) n FROM staff_invites WHERE email = 'sneaky@demo.test'")).toBe(0);
    const staffAlready = await api(manager, `${P}/staff`, { email: 'rep@demo.test', name: 'Rob Rep', role: 'sales_rep' });
    expect(staffAlready.status).toBe(409);
    expect((await staffAlready.json<any>()).error.code).toBe('already_staff');
    expect((await api(manager, `${P}/staff`, { ...body, role: 'manager' })).status).toBe(400);
  });

  it('an unknown link is 404 and an expired one 410, and neither adds anyone', async () => {
    expect((await call(`/api/v1/staff-invites/${'x'.repeat(43)}`)).status).toBe(404);
    const invite = await (await api(manager, `${P}/staff`, { email: 'late@demo.test', name: 'Late Comer', role: 'sales_rep' })).json<any>();
    await env.DB.prepare('UPDATE staff_invites SET expires_at = ? WHERE id = ?').bind(Date.now() - 1, invite.id).run();
    const late = await accept(tokenOf(invite.link), { password: 'late-pass-1' });
    expect(late.status).toBe(410);
    expect((await late.json<any>()).error.code).toBe('invite_expired');
    expect(await count("SELECT count(*) n FROM accounts WHERE email = 'late@demo.test'")).toBe(0);
  });
});

describe('the invites a manager sent', () => {
  it('are listed with their status; an open one is withdrawn, its link then answers 410 and cannot be accepted', async () => {
    const invite = await (await api(manager, `${P}/staff`, { email: 'wilma@demo.test', name: 'Wilma Withdrawn', role: 'sales_rep' })).json<any>();
    const listed = async () => ((await (await api(manager, `${P}/staff-invites`)).json<any[]>()).find((i) => i.id === invite.id));
    expect(await listed()).toMatchObject({ email: 'wilma@demo.test', name: 'Wilma Withdrawn', role: 'sales_rep', status: 'pending' });
    expect((await api(manager, `${P}/staff-invites/${invite.id}`, undefined, 'DELETE')).status).toBe(204);
    expect((await listed()).status).toBe('revoked');
    const lookup = await call(`/api/v1/staff-invites/${tokenOf(invite.link)}`);
    expect(lookup.status).toBe(410);
    expect((await lookup.json<any>()).error.code).toBe('invite_revoked');
    expect((await accept(tokenOf(invite.link), { password: 'wilma-pass-1' })).status).toBe(410);
    expect(await count("SELECT count(*) n FROM accounts WHERE email = 'wilma@demo.test'")).toBe(0);
    // Withdrawn once; an accepted or unknown invite is not open.
    expect((await api(manager, `${P}/staff-invites/${invite.id}`, undefined, 'DELETE')).status).toBe(404);
    expect((await api(manager, `${P}/staff-invites/sti_nope`, undefined, 'DELETE')).status).toBe(404);
  });
});
