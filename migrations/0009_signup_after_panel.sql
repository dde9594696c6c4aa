-- A customer the referral panel created before the signup (unattributed) is attributed when the signup comes:
-- the row is updated once, from no invitation to one, and that counts as the invitation's signup on that day.
CREATE TRIGGER customers_attributed_rollup AFTER UPDATE OF invitation_id ON customers
WHEN OLD.invitation_id IS NULL AND NEW.invitation_id IS NOT NULL
BEGIN
  INSERT INTO invitation_daily_stats (invitation_id, day, signups, click_signups)
  VALUES (NEW.invitation_id, strftime('%Y-%m-%d', 'now'), 1, NEW.attribution_method = 'click')
  ON CONFLICT (invitation_id, day) DO UPDATE SET signups = signups + 1, click_signups = click_signups + excluded.click_signups;
END;
