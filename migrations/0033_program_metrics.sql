-- Program metrics (docs/METRICS.md): each partner's counts per UTC day, kept by triggers in the same transaction as the
-- rows they count, so the console's metrics never scan raw clicks, customers, payments or ledger entries. Every
-- trigger is named partner_stats_… after the rule of docs/METRICS.md it keeps; test/worker/program-metrics.test.ts
-- recounts the table from the raw rows after random histories.
CREATE TABLE partner_daily_stats (
  partner_id TEXT NOT NULL REFERENCES partners(id),
  day TEXT NOT NULL,                              -- YYYY-MM-DD, UTC
  program_id TEXT NOT NULL REFERENCES programs(id),
  visits INTEGER NOT NULL DEFAULT 0,              -- link clicks and QR scans through the partner's invitations (no bots, no repeats)
  signups INTEGER NOT NULL DEFAULT 0,             -- customers credited to the partner, on the day they signed up
  leads INTEGER NOT NULL DEFAULT 0,               -- deals the partner registered (partner_to_program referrals)
  paying INTEGER NOT NULL DEFAULT 0,              -- the partner's customers, on the day of their first payment
  won INTEGER NOT NULL DEFAULT 0,                 -- the partner's registered deals, on the day they were won
  revenue_minor INTEGER NOT NULL DEFAULT 0,       -- the partner's customers' payments, less refunds on the refund's day
  commission_minor INTEGER NOT NULL DEFAULT 0,    -- commission the partner earned (before clawbacks)
  PRIMARY KEY (partner_id, day)
) WITHOUT ROWID;
CREATE INDEX partner_daily_stats_program_day ON partner_daily_stats (program_id, day);

-- The day a deal was won, so that a deal moved out of Won comes off the day it was counted on.
ALTER TABLE referrals ADD COLUMN won_at INTEGER;
UPDATE referrals SET won_at = coalesce((SELECT max(c.created_at) FROM referral_changes c WHERE c.referral_id = referrals.id AND c.field = 'stage' AND c.new_value = 'won'), updated_at)
WHERE stage = 'won';

-- Per invitation, for the funnel: customers who joined through it, on the day of their first payment (as they stood then).
ALTER TABLE invitation_daily_stats ADD COLUMN paying INTEGER NOT NULL DEFAULT 0;

-- Rule "visits": what the invitation's daily counts add to clicks and scans, its partner's counts add too.
CREATE TRIGGER partner_stats_visits_new AFTER INSERT ON invitation_daily_stats WHEN NEW.clicks + NEW.scans <> 0
BEGIN
  INSERT INTO partner_daily_stats (partner_id, day, program_id, visits)
  SELECT i.partner_id, NEW.day, i.program_id, NEW.clicks + NEW.scans FROM invitations i WHERE i.id = NEW.invitation_id AND i.partner_id IS NOT NULL
  ON CONFLICT (partner_id, day) DO UPDATE SET visits = visits + excluded.visits;
END;

CREATE TRIGGER partner_stats_visits AFTER UPDATE OF clicks, scans ON invitation_daily_stats
WHEN NEW.clicks + NEW.scans <> OLD.clicks + OLD.scans
BEGIN
  INSERT INTO partner_daily_stats (partner_id, day, program_id, visits)
  SELECT i.partner_id, NEW.day, i.program_id, (NEW.clicks + NEW.scans) - (OLD.clicks + OLD.scans) FROM invitations i
  WHERE i.id = NEW.invitation_id AND i.partner_id IS NOT NULL
  ON CONFLICT (partner_id, day) DO UPDATE SET visits = visits + excluded.visits;
END;

-- Rule "a signup": a customer credited to a partner counts on the day the customer's row was written.
CREATE TRIGGER partner_stats_signup AFTER INSERT ON customers WHEN NEW.partner_id IS NOT NULL
BEGIN
  INSERT INTO partner_daily_stats (partner_id, day, program_id, signups)
  VALUES (NEW.partner_id, strftime('%Y-%m-%d', NEW.created_at / 1000, 'unixepoch'), NEW.program_id, 1)
  ON CONFLICT (partner_id, day) DO UPDATE SET signups = signups + 1;
END;

-- Rule "a customer changes partner" (a referral panel's row attributed later, a held signup awarded to a locked lead's
-- partner): the signup, the first payment and the revenue move with the customer, on their own days.
CREATE TRIGGER partner_stats_customer_moved AFTER UPDATE OF partner_id ON customers WHEN OLD.partner_id IS NOT NEW.partner_id
BEGIN
  INSERT INTO partner_daily_stats (partner_id, day, program_id, signups)
  SELECT OLD.partner_id, strftime('%Y-%m-%d', OLD.created_at / 1000, 'unixepoch'), OLD.program_id, -1 WHERE OLD.partner_id IS NOT NULL
  ON CONFLICT (partner_id, day) DO UPDATE SET signups = signups + excluded.signups;
  INSERT INTO partner_daily_stats (partner_id, day, program_id, signups)
  SELECT NEW.partner_id, strftime('%Y-%m-%d', NEW.created_at / 1000, 'unixepoch'), NEW.program_id, 1 WHERE NEW.partner_id IS NOT NULL
  ON CONFLICT (partner_id, day) DO UPDATE SET signups = signups + excluded.signups;
  INSERT INTO partner_daily_stats (partner_id, day, program_id, paying)
  SELECT OLD.partner_id, strftime('%Y-%m-%d', min(p.paid_at) / 1000, 'unixepoch'), OLD.program_id, -1 FROM payments p
  WHERE p.customer_id = OLD.id AND OLD.partner_id IS NOT NULL GROUP BY p.customer_id
  ON CONFLICT (partner_id, day) DO UPDATE SET paying = paying + excluded.paying;
  INSERT INTO partner_daily_stats (partner_id, day, program_id, paying)
  SELECT NEW.partner_id, strftime('%Y-%m-%d', min(p.paid_at) / 1000, 'unixepoch'), NEW.program_id, 1 FROM payments p
  WHERE p.customer_id = NEW.id AND NEW.partner_id IS NOT NULL GROUP BY p.customer_id
  ON CONFLICT (partner_id, day) DO UPDATE SET paying = paying + excluded.paying;
  INSERT INTO partner_daily_stats (partner_id, day, program_id, revenue_minor)
  SELECT OLD.partner_id, d, OLD.program_id, -sum(amount) FROM (
    SELECT strftime('%Y-%m-%d', p.paid_at / 1000, 'unixepoch') AS d, p.amount_minor AS amount FROM payments p WHERE p.customer_id = OLD.id
    UNION ALL
    SELECT strftime('%Y-%m-%d', r.created_at / 1000, 'unixepoch'), -r.amount_minor FROM refunds r JOIN payments p ON p.id = r.payment_id WHERE p.customer_id = OLD.id
  ) WHERE OLD.partner_id IS NOT NULL GROUP BY d
  ON CONFLICT (partner_id, day) DO UPDATE SET revenue_minor = revenue_minor + excluded.revenue_minor;
  INSERT INTO partner_daily_stats (partner_id, day, program_id, revenue_minor)
  SELECT NEW.partner_id, d, NEW.program_id, sum(amount) FROM (
    SELECT strftime('%Y-%m-%d', p.paid_at / 1000, 'unixepoch') AS d, p.amount_minor AS amount FROM payments p WHERE p.customer_id = NEW.id
    UNION ALL
    SELECT strftime('%Y-%m-%d', r.created_at / 1000, 'unixepoch'), -r.amount_minor FROM refunds r JOIN payments p ON p.id = r.payment_id WHERE p.customer_id = NEW.id
  ) WHERE NEW.partner_id IS NOT NULL GROUP BY d
  ON CONFLICT (partner_id, day) DO UPDATE SET revenue_minor = revenue_minor + excluded.revenue_minor;
END;

-- Rules "revenue" and "paying": a payment adds to its customer's partner's revenue on the day it was paid; the
-- customer turns paying on the day of their first payment, and a payment recorded late but paid earlier moves that day.
CREATE TRIGGER partner_stats_payment AFTER INSERT ON payments
BEGIN
  INSERT INTO partner_daily_stats (partner_id, day, program_id, revenue_minor)
  SELECT c.partner_id, strftime('%Y-%m-%d', NEW.paid_at / 1000, 'unixepoch'), NEW.program_id, NEW.amount_minor FROM customers c
  WHERE c.id = NEW.customer_id AND c.partner_id IS NOT NULL
  ON CONFLICT (partner_id, day) DO UPDATE SET revenue_minor = revenue_minor + excluded.revenue_minor;
  INSERT INTO partner_daily_stats (partner_id, day, program_id, paying)
  SELECT c.partner_id, strftime('%Y-%m-%d', NEW.paid_at / 1000, 'unixepoch'), NEW.program_id, 1 FROM customers c
  WHERE c.id = NEW.customer_id AND c.partner_id IS NOT NULL
    AND NOT EXISTS (SELECT 1 FROM payments o WHERE o.customer_id = NEW.customer_id AND o.id <> NEW.id AND o.paid_at <= NEW.paid_at)
  ON CONFLICT (partner_id, day) DO UPDATE SET paying = paying + 1;
  INSERT INTO partner_daily_stats (partner_id, day, program_id, paying)
  SELECT c.partner_id, strftime('%Y-%m-%d', min(o.paid_at) / 1000, 'unixepoch'), NEW.program_id, -1 FROM customers c JOIN payments o ON o.customer_id = c.id
  WHERE c.id = NEW.customer_id AND c.partner_id IS NOT NULL AND o.id <> NEW.id GROUP BY c.id HAVING min(o.paid_at) > NEW.paid_at
  ON CONFLICT (partner_id, day) DO UPDATE SET paying = paying - 1;
END;

-- Rule "a first payment" (firstPaymentStats in worker/domain/daily-stats.ts): the invitation the customer joined through
-- (as the customer stands when paying) counts the customer paying on the day of their first payment.
CREATE TRIGGER daily_stats_first_payment AFTER INSERT ON payments
BEGIN
  INSERT INTO invitation_daily_stats (invitation_id, day, paying)
  SELECT c.invitation_id, strftime('%Y-%m-%d', NEW.paid_at / 1000, 'unixepoch'), 1 FROM customers c
  WHERE c.id = NEW.customer_id AND c.invitation_id IS NOT NULL
    AND NOT EXISTS (SELECT 1 FROM payments o WHERE o.customer_id = NEW.customer_id AND o.id <> NEW.id AND o.paid_at <= NEW.paid_at)
  ON CONFLICT (invitation_id, day) DO UPDATE SET paying = paying + 1;
  INSERT INTO invitation_daily_stats (invitation_id, day, paying)
  SELECT c.invitation_id, strftime('%Y-%m-%d', min(o.paid_at) / 1000, 'unixepoch'), -1 FROM customers c JOIN payments o ON o.customer_id = c.id
  WHERE c.id = NEW.customer_id AND c.invitation_id IS NOT NULL AND o.id <> NEW.id GROUP BY c.id HAVING min(o.paid_at) > NEW.paid_at
  ON CONFLICT (invitation_id, day) DO UPDATE SET paying = paying - 1;
END;

-- Rule "revenue": a refund takes its amount off the partner's revenue on the day it was made.
CREATE TRIGGER partner_stats_refund AFTER INSERT ON refunds
BEGIN
  INSERT INTO partner_daily_stats (partner_id, day, program_id, revenue_minor)
  SELECT c.partner_id, strftime('%Y-%m-%d', NEW.created_at / 1000, 'unixepoch'), NEW.program_id, -NEW.amount_minor
  FROM payments p JOIN customers c ON c.id = p.customer_id WHERE p.id = NEW.payment_id AND c.partner_id IS NOT NULL
  ON CONFLICT (partner_id, day) DO UPDATE SET revenue_minor = revenue_minor + excluded.revenue_minor;
END;

-- Rule "a lead": a deal the partner registers counts on the day it was registered; one entered as won counts won then.
CREATE TRIGGER partner_stats_lead AFTER INSERT ON referrals WHEN NEW.type = 'partner_to_program'
BEGIN
  INSERT INTO partner_daily_stats (partner_id, day, program_id, leads)
  VALUES (NEW.partner_id, strftime('%Y-%m-%d', NEW.registered_at / 1000, 'unixepoch'), NEW.program_id, 1)
  ON CONFLICT (partner_id, day) DO UPDATE SET leads = leads + 1;
  UPDATE referrals SET won_at = coalesce(NEW.won_at, NEW.updated_at) WHERE id = NEW.id AND NEW.stage = 'won';
  INSERT INTO partner_daily_stats (partner_id, day, program_id, won)
  SELECT NEW.partner_id, strftime('%Y-%m-%d', coalesce(NEW.won_at, NEW.updated_at) / 1000, 'unixepoch'), NEW.program_id, 1 WHERE NEW.stage = 'won'
  ON CONFLICT (partner_id, day) DO UPDATE SET won = won + 1;
END;

-- Rule "won": a registered deal counts won on the day it moved to Won; moved out of Won, it comes off that day.
CREATE TRIGGER partner_stats_won AFTER UPDATE OF stage ON referrals
WHEN NEW.type = 'partner_to_program' AND NEW.stage = 'won' AND OLD.stage <> 'won'
BEGIN
  UPDATE referrals SET won_at = NEW.updated_at WHERE id = NEW.id;
  INSERT INTO partner_daily_stats (partner_id, day, program_id, won)
  VALUES (NEW.partner_id, strftime('%Y-%m-%d', NEW.updated_at / 1000, 'unixepoch'), NEW.program_id, 1)
  ON CONFLICT (partner_id, day) DO UPDATE SET won = won + 1;
END;

CREATE TRIGGER partner_stats_unwon AFTER UPDATE OF stage ON referrals
WHEN NEW.type = 'partner_to_program' AND OLD.stage = 'won' AND NEW.stage <> 'won'
BEGIN
  INSERT INTO partner_daily_stats (partner_id, day, program_id, won)
  SELECT NEW.partner_id, strftime('%Y-%m-%d', OLD.won_at / 1000, 'unixepoch'), NEW.program_id, -1 WHERE OLD.won_at IS NOT NULL
  ON CONFLICT (partner_id, day) DO UPDATE SET won = won - 1;
  UPDATE referrals SET won_at = NULL WHERE id = NEW.id;
END;

-- Rule "commission": a partner's commission (not the entries that later move it) counts on the day it was posted.
CREATE TRIGGER partner_stats_commission AFTER INSERT ON ledger_entries
WHEN NEW.type = 'commission' AND NEW.lot_id IS NULL AND NEW.partner_id IS NOT NULL
BEGIN
  INSERT INTO partner_daily_stats (partner_id, day, program_id, commission_minor)
  VALUES (NEW.partner_id, strftime('%Y-%m-%d', NEW.created_at / 1000, 'unixepoch'), NEW.program_id, NEW.amount_minor)
  ON CONFLICT (partner_id, day) DO UPDATE SET commission_minor = commission_minor + excluded.commission_minor;
END;

-- What is already recorded, counted once by the same rules.
INSERT INTO partner_daily_stats (partner_id, day, program_id, visits)
SELECT i.partner_id, s.day, i.program_id, sum(s.clicks + s.scans) FROM invitation_daily_stats s JOIN invitations i ON i.id = s.invitation_id
WHERE i.partner_id IS NOT NULL GROUP BY i.partner_id, s.day HAVING sum(s.clicks + s.scans) <> 0
ON CONFLICT (partner_id, day) DO UPDATE SET visits = visits + excluded.visits;
INSERT INTO partner_daily_stats (partner_id, day, program_id, signups)
SELECT partner_id, strftime('%Y-%m-%d', created_at / 1000, 'unixepoch') AS d, program_id, count(*) FROM customers WHERE partner_id IS NOT NULL GROUP BY partner_id, d
ON CONFLICT (partner_id, day) DO UPDATE SET signups = signups + excluded.signups;
INSERT INTO partner_daily_stats (partner_id, day, program_id, paying)
SELECT partner_id, d, program_id, count(*) FROM (
  SELECT c.partner_id, c.program_id, strftime('%Y-%m-%d', min(p.paid_at) / 1000, 'unixepoch') AS d FROM customers c JOIN payments p ON p.customer_id = c.id
  WHERE c.partner_id IS NOT NULL GROUP BY c.id
) WHERE true GROUP BY partner_id, d
ON CONFLICT (partner_id, day) DO UPDATE SET paying = paying + excluded.paying;
INSERT INTO partner_daily_stats (partner_id, day, program_id, revenue_minor)
SELECT partner_id, d, program_id, sum(amount) FROM (
  SELECT c.partner_id, c.program_id, strftime('%Y-%m-%d', p.paid_at / 1000, 'unixepoch') AS d, p.amount_minor AS amount
  FROM payments p JOIN customers c ON c.id = p.customer_id WHERE c.partner_id IS NOT NULL
  UNION ALL
  SELECT c.partner_id, c.program_id, strftime('%Y-%m-%d', r.created_at / 1000, 'unixepoch'), -r.amount_minor
  FROM refunds r JOIN payments p ON p.id = r.payment_id JOIN customers c ON c.id = p.customer_id WHERE c.partner_id IS NOT NULL
) WHERE true GROUP BY partner_id, d
ON CONFLICT (partner_id, day) DO UPDATE SET revenue_minor = revenue_minor + excluded.revenue_minor;
INSERT INTO partner_daily_stats (partner_id, day, program_id, leads)
SELECT partner_id, strftime('%Y-%m-%d', registered_at / 1000, 'unixepoch') AS d, program_id, count(*) FROM referrals
WHERE type = 'partner_to_program' GROUP BY partner_id, d
ON CONFLICT (partner_id, day) DO UPDATE SET leads = leads + excluded.leads;
INSERT INTO partner_daily_stats (partner_id, day, program_id, won)
SELECT partner_id, strftime('%Y-%m-%d', won_at / 1000, 'unixepoch') AS d, program_id, count(*) FROM referrals
WHERE type = 'partner_to_program' AND stage = 'won' GROUP BY partner_id, d
ON CONFLICT (partner_id, day) DO UPDATE SET won = won + excluded.won;
INSERT INTO partner_daily_stats (partner_id, day, program_id, commission_minor)
SELECT partner_id, strftime('%Y-%m-%d', created_at / 1000, 'unixepoch') AS d, program_id, sum(amount_minor) FROM ledger_entries
WHERE type = 'commission' AND lot_id IS NULL AND partner_id IS NOT NULL GROUP BY partner_id, d
ON CONFLICT (partner_id, day) DO UPDATE SET commission_minor = commission_minor + excluded.commission_minor;
INSERT INTO invitation_daily_stats (invitation_id, day, paying)
SELECT invitation_id, d, count(*) FROM (
  SELECT c.invitation_id, strftime('%Y-%m-%d', min(p.paid_at) / 1000, 'unixepoch') AS d FROM customers c JOIN payments p ON p.customer_id = c.id
  WHERE c.invitation_id IS NOT NULL GROUP BY c.id
) WHERE true GROUP BY invitation_id, d
ON CONFLICT (invitation_id, day) DO UPDATE SET paying = paying + excluded.paying;
