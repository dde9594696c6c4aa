-- The money engine: payments, refunds and client payments; commission lots and the entries that move them
-- between statuses; balances kept beside the entries (and checked against them); richer reward rules.

-- A commission entry is a "lot". Later entries that move it (release, clawback, reversal) name it in lot_id,
-- so a lot's position in each status is the sum of its own entry and the entries that name it.
ALTER TABLE ledger_entries ADD COLUMN lot_id TEXT REFERENCES ledger_entries(id);
-- The referred customer whose signup or payment earned the commission (for "my clients" and retention).
ALTER TABLE ledger_entries ADD COLUMN subject_customer_id TEXT REFERENCES customers(id);
-- 1: the lot is earned only if the customer still subscribes when it becomes available (split timing).
ALTER TABLE ledger_entries ADD COLUMN requires_retention INTEGER NOT NULL DEFAULT 0 CHECK (requires_retention IN (0, 1));
CREATE INDEX ledger_lot ON ledger_entries(lot_id);
CREATE INDEX ledger_subject ON ledger_entries(subject_customer_id);
CREATE INDEX ledger_program_status ON ledger_entries(program_id, status, available_at);

-- Balances per holder and currency, kept by a trigger in the same transaction as the entry.
-- They are a cache for fast reads and guards; the invariant check compares them with the sums of entries.
CREATE TABLE holder_balances (
  holder_id TEXT NOT NULL,                               -- a partner id or a customer id
  program_id TEXT NOT NULL REFERENCES programs(id),
  currency TEXT NOT NULL,
  pending_minor INTEGER NOT NULL DEFAULT 0,
  available_minor INTEGER NOT NULL DEFAULT 0,
  paid_minor INTEGER NOT NULL DEFAULT 0,
  reversed_minor INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (holder_id, currency)
);

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

INSERT INTO holder_balances (holder_id, program_id, currency, pending_minor, available_minor, paid_minor, reversed_minor)
SELECT coalesce(partner_id, customer_id), program_id, currency,
       sum(CASE WHEN status = 'pending' THEN amount_minor ELSE 0 END),
       sum(CASE WHEN status = 'available' THEN amount_minor ELSE 0 END),
       sum(CASE WHEN status = 'paid' THEN amount_minor ELSE 0 END),
       sum(CASE WHEN status = 'reversed' THEN amount_minor ELSE 0 END)
FROM ledger_entries WHERE true GROUP BY coalesce(partner_id, customer_id), currency
ON CONFLICT (holder_id, currency) DO NOTHING;

-- Payments reported by the merchant's server; the invoice id makes a report idempotent.
CREATE TABLE payments (
  id TEXT PRIMARY KEY,
  program_id TEXT NOT NULL REFERENCES programs(id),
  customer_id TEXT NOT NULL REFERENCES customers(id),
  invoice_id TEXT NOT NULL,
  amount_minor INTEGER NOT NULL CHECK (amount_minor > 0),
  currency TEXT NOT NULL CHECK (length(currency) = 3),
  product TEXT,
  paid_at INTEGER NOT NULL,
  created_at INTEGER NOT NULL,
  UNIQUE (program_id, invoice_id)
);
CREATE INDEX payments_customer ON payments(customer_id, paid_at);
CREATE INDEX payments_program ON payments(program_id, paid_at);

CREATE TABLE refunds (
  id TEXT PRIMARY KEY,
  program_id TEXT NOT NULL REFERENCES programs(id),
  payment_id TEXT NOT NULL REFERENCES payments(id),
  refund_ref TEXT NOT NULL,                              -- the merchant's refund id, the idempotency key
  amount_minor INTEGER NOT NULL CHECK (amount_minor > 0),
  created_at INTEGER NOT NULL,
  UNIQUE (program_id, refund_ref)
);
CREATE INDEX refunds_payment ON refunds(payment_id);

-- A partner paying one of its clients' subscriptions from its balance, with the partner discount.
CREATE TABLE client_payments (
  id TEXT PRIMARY KEY,
  program_id TEXT NOT NULL REFERENCES programs(id),
  partner_id TEXT NOT NULL REFERENCES partners(id),
  customer_id TEXT NOT NULL REFERENCES customers(id),
  plan TEXT NOT NULL,
  list_price_minor INTEGER NOT NULL CHECK (list_price_minor > 0),
  discount_bps INTEGER NOT NULL CHECK (discount_bps BETWEEN 0 AND 10000),
  price_minor INTEGER NOT NULL CHECK (price_minor >= 0),
  currency TEXT NOT NULL,
  paid_until INTEGER NOT NULL,
  requested_by_account_id TEXT REFERENCES accounts(id),
  created_at INTEGER NOT NULL
);
CREATE INDEX client_payments_program ON client_payments(program_id, created_at);
CREATE INDEX client_payments_partner ON client_payments(partner_id, created_at);

-- Subscriptions: the billing interval, so a client payment knows how far it extends the subscription.
ALTER TABLE subscriptions ADD COLUMN billing_interval TEXT NOT NULL DEFAULT 'month' CHECK (billing_interval IN ('month', 'year'));
ALTER TABLE subscriptions ADD COLUMN canceled_at INTEGER;

-- Reward rules: escalation tiers and split timing as JSON, checked by the API's schema.
ALTER TABLE reward_rules ADD COLUMN tiers TEXT NOT NULL DEFAULT '[]';   -- [{"minReferrals":5,"percentBps":3000}] or amountMinor
ALTER TABLE reward_rules ADD COLUMN split TEXT NOT NULL DEFAULT '[]';   -- [{"shareBps":2500,"afterDays":0},{"shareBps":7500,"afterDays":180,"retention":true}]

-- The second tier: a share of what recruited partners earn. One level only, bounded, off by default.
ALTER TABLE programs ADD COLUMN second_tier_bps INTEGER NOT NULL DEFAULT 0 CHECK (second_tier_bps BETWEEN 0 AND 2000);

CREATE INDEX withdrawals_partner ON withdrawals(partner_id, created_at);
CREATE INDEX withdrawals_batch ON withdrawals(payout_batch_id);
CREATE INDEX reporting_periods_open ON reporting_periods(closed_at, ends_at);

-- Commissions earned on payments count toward the invitation that brought the customer (its own partner's only).
CREATE TRIGGER ledger_rollup_payments AFTER INSERT ON ledger_entries
WHEN NEW.event_type = 'payment' AND NEW.type = 'commission'
BEGIN
  INSERT INTO invitation_daily_stats (invitation_id, day, commission_minor)
  SELECT c.invitation_id, strftime('%Y-%m-%d', NEW.created_at / 1000, 'unixepoch'), NEW.amount_minor
  FROM customers c WHERE c.id = NEW.subject_customer_id AND c.invitation_id IS NOT NULL AND c.partner_id = NEW.partner_id
  ON CONFLICT (invitation_id, day) DO UPDATE SET commission_minor = commission_minor + excluded.commission_minor;
END;

-- Why a withdrawal was rejected or failed, shown to the partner.
ALTER TABLE withdrawals ADD COLUMN status_reason TEXT;
