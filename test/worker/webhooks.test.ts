// Webhook endpoints in the console, and the relay from the outbox to deliveries. Delivery to a real receiver, signed
// and retried, is test/e2e/webhooks.test.ts (a Node server the Worker can reach).
import { env } from 'cloudflare:test';
import { beforeAll, describe, expect, it } from 'vitest';
import { count, DEMO, eventually, seedDemo, server, signIn } from './helpers';
import { api } from './portal-helpers';
import type { Env } from '../../worker/env';
import { relayEvents } from '../../worker/flows/outbox';
import { hourly } from '../../worker/scheduled';
import { openSecret } from '../../worker/security/webhook-secrets';

let manager: string;
let partner: string;
const base = `/programs/${DEMO.programId}/webhook-endpoints`;
// Nothing listens on the discard port: every attempt there fails at once, with no answer.
const NOBODY = 'http://127.0.0.1:9/hook';
const worker = env as unknown as Env;

beforeAll(async () => {
  await seedDemo();
  [manager, partner] = await Promise.all([signIn(DEMO.managerEmail), signIn(DEMO.partnerEmail)]);
});

const create = async (body: Record<string, unknown>) => api(manager, base, body);
let n = 0;
const signup = () => server('/api/v1/signups', { customerId: `hook-${Date.now()}-${++n}`, email: `hook${n}@example.com`, promoCode: DEMO.invitationCode });

describe('webhook endpoints', () => {
  it('are created with a whsec_ secret shown once and stored sealed; the list shows only its hint', async () => {
    const res = await create({ url: NOBODY, description: 'CRM', eventTypes: ['customer.signed_up', 'customer.signed_up'] });
    expect(res.status).toBe(201);
    const e = await res.json<any>();
    expect(e).toMatchObject({ url: NOBODY, description: 'CRM', eventTypes: ['customer.signed_up'], enabled: true, disabledReason: null });
    expect(e.secret).toMatch(/^whsec_[A-Za-z0-9+/]{32}$/);
    expect(e.secretHint).toBe(`…${e.secret.slice(-4)}`);
    const row = await env.DB.prepare('SELECT secret_sealed FROM webhook_endpoints WHERE id = ?').bind(e.id).first<{ secret_sealed: string }>();
    expect(row!.secret_sealed).not.toContain(e.secret.slice(6));
    expect(await openSecret(row!.secret_sealed, worker.WEBHOOK_SECRET_KEY!)).toBe(e.secret);
    const list = await (await api(manager, base)).json<any[]>();
    expect(list.find((x) => x.id === e.id)).toMatchObject({ secretHint: e.secretHint });
    expect(JSON.stringify(list)).not.toContain(e.secret);
  });

  it('refuse private and internal addresses and non-https URLs, unknown event types and unknown fields, writing nothing', async () => {
    const before = await count('SELECT count(*) n FROM webhook_endpoints');
    for (const body of [
      { url: 'http://example.com/hook' },
      { url: 'https://10.0.0.1/hook' },
      { url: 'https://169.254.169.254/latest/meta-data' },
      { url: 'https://[fc00::1]/hook' },
      { url: 'http://192.168.0.10/hook' },
      { url: 'https://printer.internal/hook' },
      { url: 'not a url' },
      { url: 'https://example.com/hook', eventTypes: ['customer.exploded'] },
      { url: 'https://example.com/hook', eventTypes: [] },
      { url: 'https://example.com/hook', secret: 'whsec_mine' },
    ]) {
      const res = await create(body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(await res.json<any>()).toMatchObject({ error: { code: 'invalid_request' } });
    }
    expect(await count('SELECT count(*) n FROM webhook_endpoints')).toBe(before);
  });

  it('are for managers: a partner is told the program does not exist, and nothing is written', async () => {
    const before = await count('SELECT count(*) n FROM webhook_endpoints');
    expect((await api(partner, base, { url: 'https://example.com/hook' })).status).toBe(404);
    expect((await api(partner, base)).status).toBe(404);
    expect(await count('SELECT count(*) n FROM webhook_endpoints')).toBe(before);
  });

  it('rotate: a new secret, and the previous one keeps signing for 24 hours', async () => {
    const e = await (await create({ url: 'https://example.com/rotating' })).json<any>();
    const res = await api(manager, `${base}/${e.id}/secret`, {});
    expect(res.status).toBe(200);
    const r = await res.json<any>();
    expect(r.secret).not.toBe(e.secret);
    expect(Date.parse(r.previousSecretExpiresAt) - Date.now()).toBeGreaterThan(23 * 3600_000);
    const row = await env.DB.prepare('SELECT previous_secret_sealed FROM webhook_endpoints WHERE id = ?').bind(e.id).first<{ previous_secret_sealed: string }>();
    expect(await openSecret(row!.previous_secret_sealed, worker.WEBHOOK_SECRET_KEY!)).toBe(e.secret);
  });

  it('change, disable and delete; an unknown endpoint is 404', async () => {
    const e = await (await create({ url: 'https://example.com/a' })).json<any>();
    const patched = await api(manager, `${base}/${e.id}`, { url: 'https://example.com/b', eventTypes: ['partner.approved'], enabled: false }, 'PATCH');
    expect(await patched.json<any>()).toMatchObject({ url: 'https://example.com/b', eventTypes: ['partner.approved'], enabled: false });
    expect((await api(manager, `${base}/${e.id}`, { url: 'http://192.168.1.1/x' }, 'PATCH')).status).toBe(400);
    expect((await api(manager, `${base}/${e.id}`, {}, 'PATCH')).status).toBe(400);
    expect((await api(manager, `${base}/${e.id}`, undefined, 'DELETE')).status).toBe(204);
    expect((await api(manager, `${base}/${e.id}`, undefined, 'DELETE')).status).toBe(404);
    expect((await api(manager, `${base}/we_nope/deliveries`)).status).toBe(404);
  });
});

describe('the relay', () => {
  it('gives each new event a delivery per enabled endpoint that wants its type, once; events from before an endpoint are not sent to it', async () => {
    await signup(); // an event from before the endpoints below
    await relayEvents(worker);
    const all = await (await create({ url: NOBODY })).json<any>();
    const onlySignups = await (await create({ url: NOBODY, eventTypes: ['customer.signed_up'] })).json<any>();
    const off = await (await create({ url: NOBODY })).json<any>();
    await api(manager, `${base}/${off.id}`, { enabled: false }, 'PATCH');
    await signup(); // customer.signed_up and commission.earned
    await relayEvents(worker);
    await relayEvents(worker);
    const types = async (id: string) =>
      (await env.DB.prepare('SELECT e.type FROM webhook_deliveries d JOIN events e ON e.id = d.event_id WHERE d.endpoint_id = ? ORDER BY e.seq').bind(id).all<{ type: string }>()).results.map((r) => r.type);
    expect(await types(all.id)).toEqual(['customer.signed_up', 'commission.earned']);
    expect(await types(onlySignups.id)).toEqual(['customer.signed_up']);
    expect(await types(off.id)).toEqual([]);
  });

  it('a failed attempt (no answer) is logged and scheduled again on the Standard Webhooks schedule: 5 s, give or take 10%', async () => {
    const e = await (await create({ url: NOBODY, eventTypes: ['webhook.test'] })).json<any>();
    const sent = await (await api(manager, `${base}/${e.id}/test`, {})).json<any>();
    // The relay after the request hands it to the queue, whose consumer (this Worker) makes the attempt.
    const log = await eventually(
      async () => (await (await api(manager, `${base}/${e.id}/deliveries`)).json<any[]>())[0],
      (d) => d?.attempts >= 1,
    );
    expect(log).toMatchObject({ id: sent.deliveryId, eventId: sent.eventId, eventType: 'webhook.test', status: 'pending', lastStatus: null });
    expect(log.lastError).toBeTruthy();
    const wait = Date.parse(log.nextAttemptAt) - Date.parse(log.lastAttemptAt);
    expect(wait).toBeGreaterThanOrEqual(4500);
    expect(wait).toBeLessThanOrEqual(5500);
    expect(await count('SELECT count(*) n FROM webhook_attempts WHERE delivery_id = ?', sent.deliveryId)).toBeGreaterThanOrEqual(1);
  });

  it('the hourly sweep delivers an event whose request died before its relay ran, and resends a delivery whose queue message was lost', async () => {
    const e = await (await create({ url: NOBODY, eventTypes: ['partner.suspended'] })).json<any>();
    // A change that committed its event, from a Worker that died before the relay: nothing but the row.
    const eventId = `evt_orphan_${Date.now()}`;
    await env.DB.prepare("INSERT INTO events (id, program_id, type, version, dedupe_key, data, created_at) VALUES (?, ?, 'partner.suspended', 1, ?, '{}', ?)")
      .bind(eventId, DEMO.programId, `orphan:${eventId}`, Date.now() + 1000)
      .run();
    await hourly(worker, Date.now() + 2000);
    const delivery = () => env.DB.prepare('SELECT id, queued_until FROM webhook_deliveries WHERE endpoint_id = ? AND event_id = ?').bind(e.id, eventId).first<{ id: string; queued_until: number | null }>();
    const first = await delivery();
    expect(first?.queued_until).toBeGreaterThan(Date.now());
    // Its message lost with a Worker: once the lease has passed, the next sweep sends it again.
    await env.DB.prepare('UPDATE webhook_deliveries SET next_attempt_at = ?1, queued_until = ?1 WHERE id = ?2').bind(Date.now() - 1, first!.id).run();
    await hourly(worker, Date.now());
    expect((await delivery())!.queued_until).toBeGreaterThan(Date.now());
  });
});
