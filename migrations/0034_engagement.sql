-- Engagement triggers (docs/ENGAGEMENT.md): partners inactive for a program's number of days, partners with
-- referrals but no success in the current period, partners close to the next escalation tier. Each is told once per
-- condition: a notice row per partner, kind and condition key (the spell: inactive since a day, the period, the
-- period and tier), written with the event that sends the email and the webhooks.
ALTER TABLE programs ADD COLUMN inactive_days INTEGER NOT NULL DEFAULT 30 CHECK (inactive_days BETWEEN 7 AND 365);

-- When the person last signed in: sessions are deleted at sign-out and expiry, so the time is kept on the account.
ALTER TABLE accounts ADD COLUMN last_sign_in_at INTEGER;
UPDATE accounts SET last_sign_in_at = (SELECT max(s.created_at) FROM sessions s WHERE s.account_id = accounts.id);

CREATE TABLE engagement_notices (
  program_id TEXT NOT NULL REFERENCES programs(id),
  partner_id TEXT NOT NULL REFERENCES partners(id),
  kind TEXT NOT NULL CHECK (kind IN ('inactive', 'no_success', 'near_tier')),
  -- The spell (worker/domain/engagement.ts): since:2026-11-02, the period id, or the period id and the tier.
  condition_key TEXT NOT NULL,
  -- The event that told the partner first; a manager's re-send raises events of its own.
  event_id TEXT NOT NULL,
  -- NULL when the daily run sent it; else the program manager who sent it from the console.
  sent_by TEXT REFERENCES accounts(id),
  created_at INTEGER NOT NULL,
  -- Sends of this condition in all (a manager may send again on purpose), and the latest.
  sends INTEGER NOT NULL DEFAULT 1,
  last_sent_at INTEGER NOT NULL,
  PRIMARY KEY (partner_id, kind, condition_key)
) WITHOUT ROWID;
CREATE INDEX engagement_notices_program ON engagement_notices (program_id, kind, created_at);
