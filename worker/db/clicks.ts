// Clicks: written off the redirect's critical path, read back when a signup names its click id.
import type { ClickFact } from '../domain/attribution';

export interface NewClick {
  id: string;
  programId: string;
  invitationId: string;
  source: 'link' | 'qr';
  referrerDomain: string | null;
  country: string | null;
  userAgent: string | null;
  visitorHash: string | null;
  isBot: boolean;
  createdAt: number;
}

/** Idempotent on the click id, so a retried write never records a click twice. */
export async function insertClick(db: D1Database, c: NewClick): Promise<void> {
  await db
    .prepare(
      `INSERT INTO clicks (id, program_id, invitation_id, source, referrer_domain, country, browser, visitor_hash, is_bot, created_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT(id) DO NOTHING`,
    )
    .bind(c.id, c.programId, c.invitationId, c.source, c.referrerDomain, c.country, c.userAgent?.slice(0, 200) ?? null, c.visitorHash, c.isBot ? 1 : 0, c.createdAt)
    .run();
}

export async function getClick(db: D1Database, programId: string, id: string): Promise<ClickFact | null> {
  const r = await db
    .prepare('SELECT id, invitation_id, created_at FROM clicks WHERE program_id = ? AND id = ?')
    .bind(programId, id)
    .first<{ id: string; invitation_id: string; created_at: number }>();
  return r ? { id: r.id, invitationId: r.invitation_id, createdAt: r.created_at } : null;
}
