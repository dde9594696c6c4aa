-- The program's counts per UTC day (docs/METRICS.md): the sums of partner_daily_stats over the program's partners, kept
-- by triggers on that table in the same transaction as its rows, so the console's totals and daily series read one row
-- per day (730 for a year and the year before it) instead of every partner's day (1.7 million at 10,000 partners in
-- npm run bench:scale). test/worker/program-metrics.test.ts checks it equals a recount of partner_daily_stats.
CREATE TABLE program_daily_stats (
  program_id TEXT NOT NULL REFERENCES programs(id),
  day TEXT NOT NULL,                              -- YYYY-MM-DD, UTC
  visits INTEGER NOT NULL DEFAULT 0,
  signups INTEGER NOT NULL DEFAULT 0,
  leads INTEGER NOT NULL DEFAULT 0,
  paying INTEGER NOT NULL DEFAULT 0,
  won INTEGER NOT NULL DEFAULT 0,
  revenue_minor INTEGER NOT NULL DEFAULT 0,
  commission_minor INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (program_id, day)
) WITHOUT ROWID;

-- A partner's new day adds its counts; every change of a partner's day (each trigger of migration 0033 writes by
-- upsert, so a later change to the same day is an UPDATE) adds the difference. Nothing deletes partner_daily_stats rows.
CREATE TRIGGER program_stats_new AFTER INSERT ON partner_daily_stats
BEGIN
  INSERT INTO program_daily_stats (program_id, day, visits, signups, leads, paying, won, revenue_minor, commission_minor)
  VALUES (NEW.program_id, NEW.day, NEW.visits, NEW.signups, NEW.leads, NEW.paying, NEW.won, NEW.revenue_minor, NEW.commission_minor)
  ON CONFLICT (program_id, day) DO UPDATE SET visits = visits + excluded.visits, signups = signups + excluded.signups,
    leads = leads + excluded.leads, paying = paying + excluded.paying, won = won + excluded.won,
    revenue_minor = revenue_minor + excluded.revenue_minor, commission_minor = commission_minor + excluded.commission_minor;
END;

CREATE TRIGGER program_stats_change AFTER UPDATE ON partner_daily_stats
BEGIN
  INSERT INTO program_daily_stats (program_id, day, visits, signups, leads, paying, won, revenue_minor, commission_minor)
  VALUES (NEW.program_id, NEW.day, NEW.visits - OLD.visits, NEW.signups - OLD.signups, NEW.leads - OLD.leads, NEW.paying - OLD.paying,
    NEW.won - OLD.won, NEW.revenue_minor - OLD.revenue_minor, NEW.commission_minor - OLD.commission_minor)
  ON CONFLICT (program_id, day) DO UPDATE SET visits = visits + excluded.visits, signups = signups + excluded.signups,
    leads = leads + excluded.leads, paying = paying + excluded.paying, won = won + excluded.won,
    revenue_minor = revenue_minor + excluded.revenue_minor, commission_minor = commission_minor + excluded.commission_minor;
END;

-- What is already recorded.
INSERT INTO program_daily_stats (program_id, day, visits, signups, leads, paying, won, revenue_minor, commission_minor)
SELECT program_id, day, sum(visits), sum(signups), sum(leads), sum(paying), sum(won), sum(revenue_minor), sum(commission_minor)
FROM partner_daily_stats GROUP BY program_id, day;
