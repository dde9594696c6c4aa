-- The statistics rules in one place, and the referrer credit's own ledger type.
--
-- 1. invitation_daily_stats is kept by triggers in the same transaction as the rows it counts. Those triggers were
--    defined and redefined across migrations 0002, 0004, 0006, 0009 and 0016. Here every one is dropped and created
--    again, named daily_stats_…, each mirroring one rule of worker/domain/daily-stats.ts (named in its comment);
--    test/worker/daily-stats.test.ts holds each trigger to its rule case by case. They count what they counted
--    before, and the counts already kept are not touched. The live definition is this file until a later migration
--    recreates a daily_stats_ trigger (and names the rule it changes).
-- 2. The credit a customer earns when a friend joins through their invitation was posted as a `commission`, which
--    DOMAIN.md keeps for what a partner earns. It gets its own type, `referrer_credit`. Changing the ledger's CHECK
--    takes a rebuilt table: every entry is copied with its rowid (readers order by it), amounts, statuses and keys,
--    and only the type of the commission entries held by customers (the referrer credits, and only they) changes.
--    The copy is written with no trigger on the table, so balances and counts stay as they were; the append-only
--    guards, the balances trigger and the indexes come back before this migration commits. The new CHECK also says
--    whose each word is: a commission is always a partner's, a referrer credit always a customer's.

DROP TRIGGER clicks_rollup;
DROP TRIGGER clicks_converted_visit;
DROP TRIGGER customers_rollup;
DROP TRIGGER customers_attributed_rollup;
DROP TRIGGER ledger_rollup;
DROP TRIGGER ledger_rollup_payments;

-- The ledger, rebuilt. Renaming it first lets the new table take the name (and its self-reference, lot_id) at once;
-- nothing else references ledger_entries, and the triggers on it are dropped before the rename.
DROP TRIGGER ledger_balances;
DROP TRIGGER ledger_entries_append_only_update;
DROP TRIGGER ledger_entries_append_only_delete;
ALTER TABLE ledger_entries RENAME TO ledger_entries_before_0020;

CREATE TABLE ledger_entries (
  id TEXT PRIMARY KEY,
  program_id TEXT NOT NULL REFERENCES programs(id),
  partner_id TEXT REFERENCES partners(id),
  customer_id TEXT REFERENCES customers(id),
  type TEXT NOT NULL CHECK (type IN ('signup_credit', 'referrer_credit', 'commission', 'clawback', 'reversal', 'withdrawal',
                                     'top_up', 'client_payment', 'credit_spend', 'release')),
  amount_minor INTEGER NOT NULL,
  currency TEXT NOT NULL CHECK (length(currency) = 3),
  status TEXT NOT NULL CHECK (status IN ('pending', 'available', 'paid', 'reversed')),
  available_at INTEGER,                                  -- when a pending entry's hold ends
  reason TEXT NOT NULL,                                  -- human-readable, naming people by id only
  event_type TEXT NOT NULL,                              -- what caused it: signup, payment, refund, withdrawal...
  event_id TEXT NOT NULL,
  idempotency_key TEXT NOT NULL UNIQUE,                  -- the same event never posts twice
  created_at INTEGER NOT NULL,
  lot_id TEXT REFERENCES ledger_entries(id),             -- the commission (or signup entry) this entry moves
  subject_customer_id TEXT REFERENCES customers(id),     -- the referred customer whose signup or payment earned it
  requires_retention INTEGER NOT NULL DEFAULT 0 CHECK (requires_retention IN (0, 1)),
  CHECK ((partner_id IS NULL) <> (customer_id IS NULL)),
  CHECK (type <> 'commission' OR partner_id IS NOT NULL),
  CHECK (type <> 'referrer_credit' OR customer_id IS NOT NULL)
);

INSERT INTO ledger_entries (rowid, id, program_id, partner_id, customer_id, type, amount_minor, currency, status, available_at,
                            reason, event_type, event_id, idempotency_key, created_at, lot_id, subject_customer_id, requires_retention)
SELECT rowid, id, program_id, partner_id, customer_id,
       CASE WHEN type = 'commission' AND customer_id IS NOT NULL THEN 'referrer_credit' ELSE type END,
       amount_minor, currency, status, available_at, reason, event_type, event_id, idempotency_key, created_at,
       lot_id, subject_customer_id, requires_retention
FROM ledger_entries_before_0020 WHERE true ORDER BY rowid;

DROP TABLE ledger_entries_before_0020;

CREATE INDEX ledger_partner ON ledger_entries(partner_id, created_at);
CREATE INDEX ledger_customer ON ledger_entries(customer_id, created_at);
CREATE INDEX ledger_event ON ledger_entries(event_type, event_id);
CREATE INDEX ledger_lot ON ledger_entries(lot_id);
CREATE INDEX ledger_subject ON ledger_entries(subject_customer_id);
CREATE INDEX ledger_program_status ON ledger_entries(program_id, status, available_at);

CREATE TRIGGER ledger_entries_append_only_update BEFORE UPDATE ON ledger_entries
BEGIN
  SELECT RAISE(ABORT, 'ledger_entries is append-only');
END;
CREATE TRIGGER ledger_entries_append_only_delete BEFORE DELETE ON ledger_entries
BEGIN
  SELECT RAISE(ABORT, 'ledger_entries is append-only');
END;

-- Balances per holder and currency (a cache the ledger check compares with the sums of entries), as in 0006.
CREATE TRIGGER ledger_balances AFTER INSERT ON ledger_entries
BEGIN
  INSERT INTO holder_balances (holder_id, program_id, currency, pending_minor, available_minor, paid_minor, reversed_minor)
  VALUES (coalesce(NEW.partner_id, NEW.customer_id), NEW.program_id, NEW.currency,
          CASE WHEN NEW.status = 'pending' THEN NEW.amount_minor ELSE 0 END,
          CASE WHEN NEW.status = 'available' THEN NEW.amount_minor ELSE 0 END,
          CASE WHEN NEW.status = 'paid' THEN NEW.amount_minor ELSE 0 END,
          CASE WHEN NEW.status = 'reversed' THEN NEW.amount_minor ELSE 0 END)
  ON CONFLICT (holder_id, currency) DO UPDATE SET
    pending_minor = pending_minor + excluded.pending_minor,
    available_minor = available_minor + excluded.available_minor,
    paid_minor = paid_minor + excluded.paid_minor,
    reversed_minor = reversed_minor + excluded.reversed_minor;
END;

-- The daily stats. Days are UTC (statsDay).

-- Rule "a click" (clickStats; what counts as a visit is countsAsVisit in worker/domain/clicks.ts).
CREATE TRIGGER daily_stats_click AFTER INSERT ON clicks
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

-- Rule "a click that converts was a visit" (convertedBotStats). The signup triggers below set it off, by clearing the
-- bot flag of the click a signup names.
CREATE TRIGGER daily_stats_converted_bot AFTER UPDATE OF is_bot ON clicks WHEN OLD.is_bot = 1 AND NEW.is_bot = 0
BEGIN
  UPDATE invitation_daily_stats
  SET bots = bots - 1, clicks = clicks + (NEW.source = 'link'), scans = scans + (NEW.source = 'qr')
  WHERE invitation_id = NEW.invitation_id AND day = strftime('%Y-%m-%d', NEW.created_at / 1000, 'unixepoch');
END;

-- Rule "a signup" (signupStats), for a customer row written with its invitation: attributed on the row's own day.
CREATE TRIGGER daily_stats_signup AFTER INSERT ON customers WHEN NEW.invitation_id IS NOT NULL
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

-- Rule "a signup" (signupStats), for a customer row the referral panel wrote unattributed and a signup attributed
-- later (the row is updated once, from no invitation to one): attributed today.
CREATE TRIGGER daily_stats_signup_adopted AFTER UPDATE OF invitation_id ON customers
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

-- Rule "money" (entryStats), a signup's entries: toward the invitation the customer named by event_id joined through.
CREATE TRIGGER daily_stats_signup_money AFTER INSERT ON ledger_entries
WHEN NEW.event_type = 'signup' AND NEW.type IN ('signup_credit', 'commission', 'referrer_credit')
BEGIN
  INSERT INTO invitation_daily_stats (invitation_id, day, credits_minor, commission_minor)
  SELECT c.invitation_id, strftime('%Y-%m-%d', NEW.created_at / 1000, 'unixepoch'),
         CASE WHEN NEW.type = 'signup_credit' THEN NEW.amount_minor ELSE 0 END,
         CASE WHEN NEW.type IN ('commission', 'referrer_credit') THEN NEW.amount_minor ELSE 0 END
  FROM customers c WHERE c.id = NEW.event_id AND c.invitation_id IS NOT NULL
  ON CONFLICT (invitation_id, day) DO UPDATE SET
    credits_minor = credits_minor + excluded.credits_minor,
    commission_minor = commission_minor + excluded.commission_minor;
END;

-- Rule "money" (entryStats), a payment's commission: toward the invitation that brought the paying customer, only
-- what that invitation's own partner earned.
CREATE TRIGGER daily_stats_payment_commission AFTER INSERT ON ledger_entries
WHEN NEW.event_type = 'payment' AND NEW.type = 'commission'
BEGIN
  INSERT INTO invitation_daily_stats (invitation_id, day, commission_minor)
  SELECT c.invitation_id, strftime('%Y-%m-%d', NEW.created_at / 1000, 'unixepoch'), NEW.amount_minor
  FROM customers c WHERE c.id = NEW.subject_customer_id AND c.invitation_id IS NOT NULL AND c.partner_id = NEW.partner_id
  ON CONFLICT (invitation_id, day) DO UPDATE SET commission_minor = commission_minor + excluded.commission_minor;
END;
