-- The metric windows (docs/METRICS.md, worker/domain/metric-windows.ts): the console's preset periods (the last 7, 30,
-- 90 and 365 days, this month) with each partner's and each invitation's sums over them, so the metrics of a preset
-- read one row per partner and per invitation. Summing every partner's and invitation's days instead took 78 and 123 ms
-- for 30 days at 10,000 partners in npm run bench:scale, and 177 and 533 ms for 365 days.
--
-- metric_windows says what each window covers. The triggers below add every change of a day inside a window in the
-- same transaction as the change; the hourly Cron Trigger moves each window on once a day (worker/flows/metric-windows.ts)
-- in one batch that adds the days that entered it and takes away the days that left, guarded by the window it moves
-- from. A period that is not a window, or a window not yet moved today, is read from the daily rollups as before.
CREATE TABLE metric_windows (
  program_id TEXT NOT NULL REFERENCES programs(id),
  name TEXT NOT NULL,                 -- last7, last30, last90, last365, month
  previous_from_day TEXT NOT NULL,    -- the period compared with: previous_from_day up to the day before from_day
  from_day TEXT NOT NULL,             -- the period itself, both ends included (YYYY-MM-DD, UTC)
  to_day TEXT NOT NULL,
  PRIMARY KEY (program_id, name)
) WITHOUT ROWID;

-- Each partner's referrals (signups and leads), successes (paying and won) and revenue in the window, and its
-- referrals and successes in the period before it. Rows whose sums are all zero are deleted by the move.
CREATE TABLE partner_window_stats (
  program_id TEXT NOT NULL,
  window_name TEXT NOT NULL,
  partner_id TEXT NOT NULL,
  referrals INTEGER NOT NULL DEFAULT 0,
  successes INTEGER NOT NULL DEFAULT 0,
  revenue_minor INTEGER NOT NULL DEFAULT 0,
  previous_referrals INTEGER NOT NULL DEFAULT 0,
  previous_successes INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (program_id, window_name, partner_id)
) WITHOUT ROWID;

-- Each partner invitation's visits (clicks and scans), signups and paying customers in the window, for the funnel;
-- with its partner and campaign, so the campaigns' rows are summed without reading the invitations.
CREATE TABLE invitation_window_stats (
  program_id TEXT NOT NULL,
  window_name TEXT NOT NULL,
  invitation_id TEXT NOT NULL,
  partner_id TEXT NOT NULL,
  campaign TEXT,
  visits INTEGER NOT NULL DEFAULT 0,
  signups INTEGER NOT NULL DEFAULT 0,
  paying INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (program_id, window_name, invitation_id)
) WITHOUT ROWID;

-- A partner's day with an outcome, new or changed: its counts (or the change) go to every window whose period or
-- previous period holds the day. A day after a window's end (today, before the window moved) goes to none: the move
-- adds it from the daily rollup.
CREATE TRIGGER partner_window_new AFTER INSERT ON partner_daily_stats
WHEN NEW.signups <> 0 OR NEW.leads <> 0 OR NEW.paying <> 0 OR NEW.won <> 0 OR NEW.revenue_minor <> 0
BEGIN
  INSERT INTO partner_window_stats (program_id, window_name, partner_id, referrals, successes, revenue_minor, previous_referrals, previous_successes)
  SELECT w.program_id, w.name, NEW.partner_id,
    iif(NEW.day >= w.from_day, NEW.signups + NEW.leads, 0), iif(NEW.day >= w.from_day, NEW.paying + NEW.won, 0),
    iif(NEW.day >= w.from_day, NEW.revenue_minor, 0),
    iif(NEW.day < w.from_day, NEW.signups + NEW.leads, 0), iif(NEW.day < w.from_day, NEW.paying + NEW.won, 0)
  FROM metric_windows w WHERE w.program_id = NEW.program_id AND NEW.day BETWEEN w.previous_from_day AND w.to_day
  ON CONFLICT (program_id, window_name, partner_id) DO UPDATE SET referrals = referrals + excluded.referrals, successes = successes + excluded.successes,
    revenue_minor = revenue_minor + excluded.revenue_minor, previous_referrals = previous_referrals + excluded.previous_referrals,
    previous_successes = previous_successes + excluded.previous_successes;
END;

CREATE TRIGGER partner_window_change AFTER UPDATE ON partner_daily_stats
WHEN NEW.signups <> OLD.signups OR NEW.leads <> OLD.leads OR NEW.paying <> OLD.paying OR NEW.won <> OLD.won OR NEW.revenue_minor <> OLD.revenue_minor
BEGIN
  INSERT INTO partner_window_stats (program_id, window_name, partner_id, referrals, successes, revenue_minor, previous_referrals, previous_successes)
  SELECT w.program_id, w.name, NEW.partner_id,
    iif(NEW.day >= w.from_day, (NEW.signups + NEW.leads) - (OLD.signups + OLD.leads), 0), iif(NEW.day >= w.from_day, (NEW.paying + NEW.won) - (OLD.paying + OLD.won), 0),
    iif(NEW.day >= w.from_day, NEW.revenue_minor - OLD.revenue_minor, 0),
    iif(NEW.day < w.from_day, (NEW.signups + NEW.leads) - (OLD.signups + OLD.leads), 0), iif(NEW.day < w.from_day, (NEW.paying + NEW.won) - (OLD.paying + OLD.won), 0)
  FROM metric_windows w WHERE w.program_id = NEW.program_id AND NEW.day BETWEEN w.previous_from_day AND w.to_day
  ON CONFLICT (program_id, window_name, partner_id) DO UPDATE SET referrals = referrals + excluded.referrals, successes = successes + excluded.successes,
    revenue_minor = revenue_minor + excluded.revenue_minor, previous_referrals = previous_referrals + excluded.previous_referrals,
    previous_successes = previous_successes + excluded.previous_successes;
END;

-- An invitation's day, new or changed: its counts (or the change) go to every window whose period holds the day.
CREATE TRIGGER invitation_window_new AFTER INSERT ON invitation_daily_stats
WHEN NEW.clicks + NEW.scans <> 0 OR NEW.signups <> 0 OR NEW.paying <> 0
BEGIN
  INSERT INTO invitation_window_stats (program_id, window_name, invitation_id, partner_id, campaign, visits, signups, paying)
  SELECT w.program_id, w.name, i.id, i.partner_id, i.campaign, NEW.clicks + NEW.scans, NEW.signups, NEW.paying
  FROM invitations i JOIN metric_windows w ON w.program_id = i.program_id AND NEW.day BETWEEN w.from_day AND w.to_day
  WHERE i.id = NEW.invitation_id AND i.partner_id IS NOT NULL
  ON CONFLICT (program_id, window_name, invitation_id) DO UPDATE SET visits = visits + excluded.visits, signups = signups + excluded.signups,
    paying = paying + excluded.paying;
END;

CREATE TRIGGER invitation_window_change AFTER UPDATE ON invitation_daily_stats
WHEN NEW.clicks + NEW.scans <> OLD.clicks + OLD.scans OR NEW.signups <> OLD.signups OR NEW.paying <> OLD.paying
BEGIN
  INSERT INTO invitation_window_stats (program_id, window_name, invitation_id, partner_id, campaign, visits, signups, paying)
  SELECT w.program_id, w.name, i.id, i.partner_id, i.campaign, (NEW.clicks + NEW.scans) - (OLD.clicks + OLD.scans),
    NEW.signups - OLD.signups, NEW.paying - OLD.paying
  FROM invitations i JOIN metric_windows w ON w.program_id = i.program_id AND NEW.day BETWEEN w.from_day AND w.to_day
  WHERE i.id = NEW.invitation_id AND i.partner_id IS NOT NULL
  ON CONFLICT (program_id, window_name, invitation_id) DO UPDATE SET visits = visits + excluded.visits, signups = signups + excluded.signups,
    paying = paying + excluded.paying;
END;

-- A partner may rename an invitation's campaign: its window rows follow, as the funnel groups by the current name.
CREATE TRIGGER invitation_window_campaign AFTER UPDATE OF campaign ON invitations
WHEN NEW.campaign IS NOT OLD.campaign
BEGIN
  UPDATE invitation_window_stats SET campaign = NEW.campaign
  WHERE program_id = NEW.program_id AND window_name IN (SELECT name FROM metric_windows WHERE program_id = NEW.program_id) AND invitation_id = NEW.id;
END;

-- The funnel sums a window's invitations per campaign, busiest first: in the order of this index, from its entries alone.
CREATE INDEX invitation_window_stats_campaign ON invitation_window_stats (program_id, window_name, campaign, visits, signups, paying);
