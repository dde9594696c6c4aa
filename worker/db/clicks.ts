// Clicks: written in batches by the queue consumer, read back when a signup names its click id.
import type { ClickFact } from '../domain/attribution';
import { REPEAT_WINDOW_MS } from '../domain/clicks';

export interface NewClick {
  id: string;
  programId: string;
  invitationId: string;
  source: 'link' | 'qr';
  referrerDomain: string | null;
  country: string | null;
  device: string | null;
  browser: string | null;
  visitorHash: string;
  isBot: boolean;
  repeatOf: string | null; // the first click's id, when the isolate already saw this visitor within the hour
  createdAt: number;
}

/**
 * One statement for the whole batch (the rows travel as one JSON parameter, clear of D1's bound-parameter cap).
 * Idempotent on the click id. A row is only written while its invitation is active. A repeat the isolate did
 * not see (another isolate had the first click) is still found here, through the visitor index.
 */
export async function insertClicks(db: D1Database, clicks: NewClick[]): Promise<void> {
  const rows = clicks.map((c) => ({ ...c, isBot: c.isBot ? 1 : 0 }));
  await db
    .prepare(
      `WITH j AS (
         SELECT value ->> '$.id' AS id, value ->> '$.programId' AS program_id, value ->> '$.invitationId' AS invitation_id,
                value ->> '$.source' AS source, value ->> '$.referrerDomain' AS referrer_domain, value ->> '$.country' AS country,
                value ->> '$.device' AS device, value ->> '$.browser' AS browser, value ->> '$.visitorHash' AS visitor_hash,
                value ->> '$.isBot' AS is_bot, value ->> '$.repeatOf' AS repeat_of, value ->> '$.createdAt' AS created_at
         FROM json_each(?1)
       ), r AS (
         SELECT j.*, CASE WHEN j.repeat_of IS NOT NULL OR j.is_bot = 1 THEN j.repeat_of ELSE (
                  SELECT c.id FROM clicks c
                  WHERE c.invitation_id = j.invitation_id AND c.visitor_hash = j.visitor_hash
                    AND c.created_at > j.created_at - ?2 AND c.created_at <= j.created_at
                    AND c.is_bot = 0 AND c.is_repeat = 0 AND c.id <> j.id
                  ORDER BY c.created_at LIMIT 1) END AS first_id
         FROM j
       )
       INSERT INTO clicks (id, program_id, invitation_id, source, referrer_domain, country, device, browser,
                           visitor_hash, is_bot, is_repeat, repeat_of, created_at)
       SELECT r.id, r.program_id, r.invitation_id, r.source, r.referrer_domain, r.country, r.device, r.browser,
              r.visitor_hash, r.is_bot, r.first_id IS NOT NULL, r.first_id, r.created_at
       FROM r WHERE EXISTS (SELECT 1 FROM invitations i WHERE i.id = r.invitation_id AND i.active = 1)
       ON CONFLICT (id) DO NOTHING`,
    )
    .bind(JSON.stringify(rows), REPEAT_WINDOW_MS)
    .run();
}

export async function getClick(db: D1Database, programId: string, id: string): Promise<ClickFact | null> {
  const r = await db
    .prepare('SELECT id, invitation_id, created_at FROM clicks WHERE program_id = ? AND id = ?')
    .bind(programId, id)
    .first<{ id: string; invitation_id: string; created_at: number }>();
  return r ? { id: r.id, invitationId: r.invitation_id, createdAt: r.created_at } : null;
}

/**
 * The row of a click known only from its signed id (its queue message was lost, or has not arrived yet), written when
 * a signup names it, so the click is counted once and the signup can point at it. The id is all we know: no visitor,
 * device or referrer, and a visit (the click converted, so a person made it). Idempotent on the click id, like the
 * consumer's insert: whichever lands first is the row, the other changes nothing. Unlike that insert, it does not ask
 * whether the invitation is still active: the id proves the link was followed while it was.
 */
export async function insertClickFromId(db: D1Database, click: Pick<NewClick, 'id' | 'programId' | 'invitationId' | 'source' | 'createdAt'>): Promise<void> {
  await db
    .prepare(
      `INSERT INTO clicks (id, program_id, invitation_id, source, is_bot, is_repeat, created_at)
       VALUES (?, ?, ?, ?, 0, 0, ?) ON CONFLICT (id) DO NOTHING`,
    )
    .bind(click.id, click.programId, click.invitationId, click.source, click.createdAt)
    .run();
}
