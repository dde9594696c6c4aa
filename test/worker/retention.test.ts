import { env } from 'cloudflare:test';
import { beforeAll, describe, expect, it } from 'vitest';
import { DEMO, seedDemo } from './helpers';
import { insertClicks, type NewClick } from '../../worker/db/clicks';
import { pruneOldClicks } from '../../worker/scheduled';
import type { Env } from '../../worker/env';

const DAY = 86_400_000;
const now = Date.UTC(2026, 10, 23);
const click = (id: string, ageDays: number, visitor: string): NewClick => ({
  id, programId: DEMO.programId, invitationId: 'inv_demo', source: 'link', referrerDomain: null, country: null,
  device: 'desktop', browser: 'Chrome', visitorHash: visitor.padEnd(64, '0'), isBot: false, repeatOf: null, createdAt: now - ageDays * DAY,
});

beforeAll(seedDemo);

describe('click retention (the daily Cron Trigger)', () => {
  it('prunes raw clicks past the retention period, keeps attributed ones, and leaves the rollups untouched', async () => {
    await insertClicks(env.DB, [click('old-1', 200, 'a'), click('old-2', 190, 'b'), click('old-attributed', 185, 'c'), click('recent', 10, 'd')]);
    // A customer attributed by an old click (inserted directly: the click is far outside the attribution window).
    await env.DB.prepare("INSERT INTO customers (id, program_id, external_id, email, invitation_id, partner_id, click_id, attribution_method, created_at) VALUES ('cus_old', ?, 'ext-old', 'old@example.com', 'inv_demo', ?, 'old-attributed', 'click', ?)")
      .bind(DEMO.programId, DEMO.partnerId, now - 184 * DAY).run();
    const rollupBefore = await env.DB.prepare('SELECT sum(clicks) AS n FROM invitation_daily_stats').first<{ n: number }>();

    const pruned = await pruneOldClicks({ ...(env as unknown as Env), CLICK_RETENTION_DAYS: '180' }, now);

    expect(pruned).toBe(2);
    const left = await env.DB.prepare('SELECT id FROM clicks ORDER BY id').all<{ id: string }>();
    expect(left.results.map((r) => r.id)).toEqual(['old-attributed', 'recent']);
    const rollupAfter = await env.DB.prepare('SELECT sum(clicks) AS n FROM invitation_daily_stats').first<{ n: number }>();
    expect(rollupAfter!.n).toBe(rollupBefore!.n);
  });

  it('finds old clicks through an index', async () => {
    const { results } = await env.DB.prepare('EXPLAIN QUERY PLAN SELECT c.id FROM clicks c WHERE c.created_at < ?1 AND NOT EXISTS (SELECT 1 FROM customers u WHERE u.click_id = c.id) ORDER BY c.created_at LIMIT ?2').bind(0, 10).all<{ detail: string }>();
    const plan = results.map((r) => r.detail).join('\n');
    expect(plan).toMatch(/USING (COVERING )?INDEX clicks_created/);
    expect(plan).toMatch(/USING (COVERING )?INDEX customers_click/);
  });
});
