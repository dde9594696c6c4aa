-- The console's per-partner figures (activity, rankings, "many referrals, no purchase", companies; worker/db/metrics.ts)
-- and the engagement lists (worker/db/engagement.ts) count referrals, successes and revenue: a partner's day with
-- visits alone adds nothing to them. Most of partner_daily_stats is such days (npm run bench:scale: every partner has
-- visits on most days, a referral or payment on few), yet the covering index of migration 0035 made those reads walk
-- every one of them. This partial index holds only the days with an outcome, so they read those alone; the visits
-- the rankings show are read per listed partner through the table's key. The index of migration 0035 has no reader
-- left (the program's totals and series read program_daily_stats, migration 0036) and cost a rewrite of its entry on
-- every counter change, visits included; it goes.
DROP INDEX partner_daily_stats_program_day;
CREATE INDEX partner_daily_stats_outcomes ON partner_daily_stats (program_id, day, partner_id, signups, leads, paying, won, revenue_minor)
WHERE signups <> 0 OR leads <> 0 OR paying <> 0 OR won <> 0 OR revenue_minor <> 0;
