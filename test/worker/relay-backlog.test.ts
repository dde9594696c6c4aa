// The relay after a backlog of events (a relay that failed for long, or requests that died before theirs ran): it fans
// them out FAN_OUT_BATCH at a time, each batch its own transaction, every event once and every email once.
import { env } from 'cloudflare:test';
import { beforeAll, expect, it } from 'vitest';
import { count, DEMO, seedDemo } from './helpers';
import type { Env } from '../../worker/env';
import { relayEvents } from '../../worker/flows/outbox';
import { FAN_OUT_BATCH } from '../../worker/db/events';
import { partnerStatusChanged } from '../../worker/domain/events';

const worker = env as unknown as Env;
const unfanned = () => count('SELECT count(*) n FROM events WHERE fanned_out_at IS NULL');
/** The demo partner's members the approval mails (every member: owners, managers, finance). */
const members = () => count("SELECT count(*) n FROM members WHERE partner_id = ? AND role IN ('owner', 'manager', 'finance')", DEMO.partnerId);

beforeAll(seedDemo);

it('fans a backlog out FAN_OUT_BATCH events a transaction, every event once and every email once', async () => {
  // No request runs here, so no request's relay takes part: whatever the seed raised is relayed first.
  await relayEvents(worker);
  expect(await unfanned()).toBe(0);
  // The backlog: events no relay saw (the last three mailed to the partner's members), as the domain shapes them.
  const backlog = 2 * FAN_OUT_BATCH + 7;
  const drafts = Array.from({ length: backlog }, (_, i) =>
    partnerStatusChanged({ changeId: `backlog-${i}`, partnerId: DEMO.partnerId, from: 'suspended', to: i >= backlog - 3 ? 'partner' : 'affiliate', reason: null }),
  );
  await env.DB.prepare(
    `INSERT INTO events (id, program_id, type, version, dedupe_key, data, created_at)
     SELECT 'evt_backlog_' || key, ?1, value ->> '$.type', 1, value ->> '$.dedupeKey', json(value -> '$.data'), ?2 FROM json_each(?3)`,
  )
    .bind(DEMO.programId, Date.now(), JSON.stringify(drafts))
    .run();
  expect(await unfanned()).toBe(backlog);

  const relayed = await relayEvents(worker);
  expect(relayed.batches).toBe(3); // 500, 500 and 7 events
  expect(await unfanned()).toBe(0);
  const mailed = 3 * (await members());
  expect(mailed).toBeGreaterThan(0);
  expect(relayed.emails).toBe(mailed);
  expect(await count("SELECT count(*) n FROM emails WHERE event_id LIKE 'evt_backlog_%'")).toBe(mailed);
  expect(await count("SELECT count(DISTINCT dedupe_key) n FROM emails WHERE event_id LIKE 'evt_backlog_%'")).toBe(mailed);
});
