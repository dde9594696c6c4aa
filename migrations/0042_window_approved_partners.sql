-- Every approved partner has a row in every metric window (migration 0041), zero or not, flagged as approved and with
-- its approval time, so a window alone answers the console's partner activity (over the approved partners) and its
-- lowest performers (the approved partners with the fewest referrals, in the order of the index below). Before, the
-- metrics read all the program's approved partners and sorted them by their window figures on every call: 18 of the
-- 43 ms the per-partner statement took for 365 days at 10,000 partners (sqlite3, npm run bench:scale's database).
--
-- Kept by triggers: a window made (its first move) gets a row per approved partner; a partner approved, or no longer
-- approved, has its rows flagged (and made, when missing); the move deletes rows left at zero only when unflagged.
ALTER TABLE partner_window_stats ADD COLUMN approved INTEGER NOT NULL DEFAULT 0; -- 1 while the partner's status is 'partner'
ALTER TABLE partner_window_stats ADD COLUMN approved_at INTEGER;                 -- the partner's approved_at, for the lowest's order

UPDATE partner_window_stats SET approved = 1, approved_at = (SELECT p.approved_at FROM partners p WHERE p.id = partner_window_stats.partner_id)
WHERE partner_id IN (SELECT id FROM partners WHERE status = 'partner');

INSERT INTO partner_window_stats (program_id, window_name, partner_id, approved, approved_at)
SELECT w.program_id, w.name, p.id, 1, p.approved_at FROM metric_windows w JOIN partners p ON p.program_id = w.program_id AND p.status = 'partner'
WHERE true
ON CONFLICT (program_id, window_name, partner_id) DO NOTHING;

-- A window made: its approved partners. The move's other statements ran first in its batch, so some rows are there.
CREATE TRIGGER window_approved_partners AFTER INSERT ON metric_windows
BEGIN
  INSERT INTO partner_window_stats (program_id, window_name, partner_id, approved, approved_at)
  SELECT NEW.program_id, NEW.name, p.id, 1, p.approved_at FROM partners p WHERE p.program_id = NEW.program_id AND p.status = 'partner'
  ON CONFLICT (program_id, window_name, partner_id) DO UPDATE SET approved = 1, approved_at = excluded.approved_at;
END;

-- A partner made approved (an advocate the program vouches for).
CREATE TRIGGER partner_window_new_approved AFTER INSERT ON partners
WHEN NEW.status = 'partner'
BEGIN
  INSERT INTO partner_window_stats (program_id, window_name, partner_id, approved, approved_at)
  SELECT w.program_id, w.name, NEW.id, 1, NEW.approved_at FROM metric_windows w WHERE w.program_id = NEW.program_id
  ON CONFLICT (program_id, window_name, partner_id) DO UPDATE SET approved = 1, approved_at = excluded.approved_at;
END;

-- A partner approved, suspended, let go or approved again: its rows follow. A row left at zero when it stops being
-- approved goes at the next move.
CREATE TRIGGER partner_window_approval AFTER UPDATE OF status, approved_at ON partners
WHEN (NEW.status = 'partner') <> (OLD.status = 'partner') OR NEW.approved_at IS NOT OLD.approved_at
BEGIN
  UPDATE partner_window_stats SET approved = (NEW.status = 'partner'), approved_at = NEW.approved_at
  WHERE program_id = NEW.program_id AND window_name IN (SELECT name FROM metric_windows WHERE program_id = NEW.program_id) AND partner_id = NEW.id;
  INSERT INTO partner_window_stats (program_id, window_name, partner_id, approved, approved_at)
  SELECT w.program_id, w.name, NEW.id, 1, NEW.approved_at FROM metric_windows w WHERE w.program_id = NEW.program_id AND NEW.status = 'partner'
  ON CONFLICT (program_id, window_name, partner_id) DO NOTHING;
END;

-- The lowest performers are the first entries of a window's approved partners in this order; the activity sums read
-- the entries alone.
CREATE INDEX partner_window_stats_approved ON partner_window_stats
  (program_id, window_name, referrals, successes, revenue_minor, approved_at, partner_id, previous_referrals, previous_successes)
  WHERE approved = 1;
