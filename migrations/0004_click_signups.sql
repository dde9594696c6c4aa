-- Conversion counts only the signups that came through a visit (a click or a scan): a promo code typed by
-- someone who never clicked is a signup, but not a converted visit, and would push conversion past 100%.
ALTER TABLE invitation_daily_stats ADD COLUMN click_signups INTEGER NOT NULL DEFAULT 0;

DROP TRIGGER customers_rollup;
CREATE TRIGGER customers_rollup AFTER INSERT ON customers WHEN NEW.invitation_id IS NOT NULL
BEGIN
  INSERT INTO invitation_daily_stats (invitation_id, day, signups, click_signups)
  VALUES (NEW.invitation_id, strftime('%Y-%m-%d', NEW.created_at / 1000, 'unixepoch'), 1, NEW.attribution_method = 'click')
  ON CONFLICT (invitation_id, day) DO UPDATE SET signups = signups + 1, click_signups = click_signups + excluded.click_signups;
END;

UPDATE invitation_daily_stats SET click_signups = (
  SELECT count(*) FROM customers c
  WHERE c.invitation_id = invitation_daily_stats.invitation_id AND c.attribution_method = 'click'
    AND strftime('%Y-%m-%d', c.created_at / 1000, 'unixepoch') = invitation_daily_stats.day
) WHERE true;
