-- Clicks at scale: every request through a link is a row; a repeat (the same visitor on the same invitation
-- within an hour) points at the first click. Invitations get a display name. Daily rollups per invitation,
-- kept by triggers in the same transaction as the rows they count, so stats never scan the raw clicks.

ALTER TABLE clicks ADD COLUMN repeat_of TEXT;
-- The repeat check looks for this visitor's earlier click on the invitation within the hour.
CREATE INDEX clicks_visitor ON clicks(invitation_id, visitor_hash, created_at);

ALTER TABLE invitations ADD COLUMN name TEXT;

CREATE TABLE invitation_daily_stats (
  invitation_id TEXT NOT NULL REFERENCES invitations(id),
  day TEXT NOT NULL,                          -- YYYY-MM-DD, UTC
  clicks INTEGER NOT NULL DEFAULT 0,          -- unique link clicks: no bots, no repeats
  scans INTEGER NOT NULL DEFAULT 0,           -- unique QR scans
  repeats INTEGER NOT NULL DEFAULT 0,
  bots INTEGER NOT NULL DEFAULT 0,
  signups INTEGER NOT NULL DEFAULT 0,
  credits_minor INTEGER NOT NULL DEFAULT 0,   -- signup credits given to the invitation's customers
  commission_minor INTEGER NOT NULL DEFAULT 0, -- commission earned through the invitation
  PRIMARY KEY (invitation_id, day)
) WITHOUT ROWID;

CREATE TRIGGER clicks_rollup AFTER INSERT ON clicks
BEGIN
  INSERT INTO invitation_daily_stats (invitation_id, day, clicks, scans, repeats, bots)
  VALUES (
    NEW.invitation_id,
    strftime('%Y-%m-%d', NEW.created_at / 1000, 'unixepoch'),
    NEW.is_bot = 0 AND NEW.is_repeat = 0 AND NEW.source = 'link',
    NEW.is_bot = 0 AND NEW.is_repeat = 0 AND NEW.source = 'qr',
    NEW.is_bot = 0 AND NEW.is_repeat = 1,
    NEW.is_bot = 1
  )
  ON CONFLICT (invitation_id, day) DO UPDATE SET
    clicks = clicks + excluded.clicks,
    scans = scans + excluded.scans,
    repeats = repeats + excluded.repeats,
    bots = bots + excluded.bots;
END;

CREATE TRIGGER customers_rollup AFTER INSERT ON customers WHEN NEW.invitation_id IS NOT NULL
BEGIN
  INSERT INTO invitation_daily_stats (invitation_id, day, signups)
  VALUES (NEW.invitation_id, strftime('%Y-%m-%d', NEW.created_at / 1000, 'unixepoch'), 1)
  ON CONFLICT (invitation_id, day) DO UPDATE SET signups = signups + 1;
END;

-- Money earned through a signup is counted against the signed-up customer's invitation.
CREATE TRIGGER ledger_rollup AFTER INSERT ON ledger_entries
WHEN NEW.event_type = 'signup' AND NEW.type IN ('signup_credit', 'commission')
BEGIN
  INSERT INTO invitation_daily_stats (invitation_id, day, credits_minor, commission_minor)
  SELECT c.invitation_id, strftime('%Y-%m-%d', NEW.created_at / 1000, 'unixepoch'),
         CASE WHEN NEW.type = 'signup_credit' THEN NEW.amount_minor ELSE 0 END,
         CASE WHEN NEW.type = 'commission' THEN NEW.amount_minor ELSE 0 END
  FROM customers c WHERE c.id = NEW.event_id AND c.invitation_id IS NOT NULL
  ON CONFLICT (invitation_id, day) DO UPDATE SET
    credits_minor = credits_minor + excluded.credits_minor,
    commission_minor = commission_minor + excluded.commission_minor;
END;

-- Rollups for what was recorded before this migration.
INSERT INTO invitation_daily_stats (invitation_id, day, clicks, scans, repeats, bots)
SELECT invitation_id, strftime('%Y-%m-%d', created_at / 1000, 'unixepoch') AS d,
       sum(is_bot = 0 AND is_repeat = 0 AND source = 'link'), sum(is_bot = 0 AND is_repeat = 0 AND source = 'qr'),
       sum(is_bot = 0 AND is_repeat = 1), sum(is_bot = 1)
FROM clicks WHERE true GROUP BY invitation_id, d
ON CONFLICT (invitation_id, day) DO NOTHING;

INSERT INTO invitation_daily_stats (invitation_id, day, signups)
SELECT invitation_id, strftime('%Y-%m-%d', created_at / 1000, 'unixepoch') AS d, count(*)
FROM customers WHERE invitation_id IS NOT NULL GROUP BY invitation_id, d
ON CONFLICT (invitation_id, day) DO UPDATE SET signups = excluded.signups;

INSERT INTO invitation_daily_stats (invitation_id, day, credits_minor, commission_minor)
SELECT c.invitation_id, strftime('%Y-%m-%d', e.created_at / 1000, 'unixepoch') AS d,
       sum(CASE WHEN e.type = 'signup_credit' THEN e.amount_minor ELSE 0 END),
       sum(CASE WHEN e.type = 'commission' THEN e.amount_minor ELSE 0 END)
FROM ledger_entries e JOIN customers c ON c.id = e.event_id
WHERE e.event_type = 'signup' AND c.invitation_id IS NOT NULL GROUP BY c.invitation_id, d
ON CONFLICT (invitation_id, day) DO UPDATE SET credits_minor = excluded.credits_minor, commission_minor = excluded.commission_minor;
