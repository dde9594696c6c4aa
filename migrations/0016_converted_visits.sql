-- What counts as a converted visit, at the mechanism, so conversion never passes 100%:
-- 1. A click that converts counts as a visit. A click flagged as a bot (a privacy browser, an odd user agent) that a
--    signup names was a person after all: it is re-counted from bots to clicks or scans on its own day, and the
--    person keeps their referral.
-- 2. A visit converts at most once, and is counted on the day of the visit, not of the signup. So over any range of
--    days, converted visits are a subset of the visits: conversion = click_signups / (clicks + scans) <= 1.
-- `signups` still counts every attributed signup on the day it happened.

CREATE TRIGGER clicks_converted_visit AFTER UPDATE OF is_bot ON clicks WHEN OLD.is_bot = 1 AND NEW.is_bot = 0
BEGIN
  UPDATE invitation_daily_stats
  SET bots = bots - 1, clicks = clicks + (NEW.source = 'link'), scans = scans + (NEW.source = 'qr')
  WHERE invitation_id = NEW.invitation_id AND day = strftime('%Y-%m-%d', NEW.created_at / 1000, 'unixepoch');
END;

DROP TRIGGER customers_rollup;
CREATE TRIGGER customers_rollup AFTER INSERT ON customers WHEN NEW.invitation_id IS NOT NULL
BEGIN
  INSERT INTO invitation_daily_stats (invitation_id, day, signups)
  VALUES (NEW.invitation_id, strftime('%Y-%m-%d', NEW.created_at / 1000, 'unixepoch'), 1)
  ON CONFLICT (invitation_id, day) DO UPDATE SET signups = signups + 1;
  UPDATE clicks SET is_bot = 0 WHERE id = NEW.click_id AND NEW.attribution_method = 'click' AND is_bot = 1;
  INSERT INTO invitation_daily_stats (invitation_id, day, click_signups)
  SELECT k.invitation_id, strftime('%Y-%m-%d', k.created_at / 1000, 'unixepoch'), 1 FROM clicks k
  WHERE k.id = NEW.click_id AND NEW.attribution_method = 'click'
    AND NOT EXISTS (SELECT 1 FROM customers o WHERE o.click_id = NEW.click_id AND o.id <> NEW.id AND o.attribution_method = 'click')
  ON CONFLICT (invitation_id, day) DO UPDATE SET click_signups = click_signups + 1;
END;

-- A customer the referral panel created before signing up is attributed by an update: the same two counts.
DROP TRIGGER customers_attributed_rollup;
CREATE TRIGGER customers_attributed_rollup AFTER UPDATE OF invitation_id ON customers
WHEN OLD.invitation_id IS NULL AND NEW.invitation_id IS NOT NULL
BEGIN
  INSERT INTO invitation_daily_stats (invitation_id, day, signups)
  VALUES (NEW.invitation_id, strftime('%Y-%m-%d', 'now'), 1)
  ON CONFLICT (invitation_id, day) DO UPDATE SET signups = signups + 1;
  UPDATE clicks SET is_bot = 0 WHERE id = NEW.click_id AND NEW.attribution_method = 'click' AND is_bot = 1;
  INSERT INTO invitation_daily_stats (invitation_id, day, click_signups)
  SELECT k.invitation_id, strftime('%Y-%m-%d', k.created_at / 1000, 'unixepoch'), 1 FROM clicks k
  WHERE k.id = NEW.click_id AND NEW.attribution_method = 'click'
    AND NOT EXISTS (SELECT 1 FROM customers o WHERE o.click_id = NEW.click_id AND o.id <> NEW.id AND o.attribution_method = 'click')
  ON CONFLICT (invitation_id, day) DO UPDATE SET click_signups = click_signups + 1;
END;

-- Existing data under the same rules: converted bot clicks become visits (the trigger above moves their counts),
-- then converted visits are recounted on their click's day, once per click. Attributed clicks are never pruned.
UPDATE clicks SET is_bot = 0 WHERE is_bot = 1 AND id IN (SELECT click_id FROM customers WHERE attribution_method = 'click');
UPDATE invitation_daily_stats SET click_signups = 0 WHERE true;
INSERT INTO invitation_daily_stats (invitation_id, day, click_signups)
SELECT k.invitation_id, strftime('%Y-%m-%d', k.created_at / 1000, 'unixepoch'), count(*) FROM clicks k
WHERE k.id IN (SELECT click_id FROM customers WHERE attribution_method = 'click')
GROUP BY 1, 2
ON CONFLICT (invitation_id, day) DO UPDATE SET click_signups = excluded.click_signups;
