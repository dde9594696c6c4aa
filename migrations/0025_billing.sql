-- Billing in: Stripe (and later Paddle) events become payments, refunds and subscriptions (docs/BILLING.md).

-- A program takes either live or test billing events, never both: its ledger is either real money or a sandbox.
ALTER TABLE programs ADD COLUMN billing_mode TEXT NOT NULL DEFAULT 'live' CHECK (billing_mode IN ('live', 'test'));

-- The providers' webhook signing secrets, several per provider and mode while one is rotated. Each verifies a
-- signature, so it cannot be hashed: it is sealed (AES-GCM) under WEBHOOK_SECRET_KEY, as endpoints' secrets are.
CREATE TABLE billing_secrets (
  id TEXT PRIMARY KEY,
  program_id TEXT NOT NULL REFERENCES programs(id),
  provider TEXT NOT NULL CHECK (provider IN ('stripe', 'paddle')),
  mode TEXT NOT NULL CHECK (mode IN ('live', 'test')),
  secret_sealed TEXT NOT NULL,
  secret_hint TEXT NOT NULL,
  created_at INTEGER NOT NULL
);
CREATE INDEX billing_secrets_program ON billing_secrets(program_id, provider);

-- Every verified event, once per provider event id, with what became of it. The payload is kept so a waiting or
-- refused event can be applied again; it is dropped when the customer is erased and 90 days after the event settled.
CREATE TABLE billing_events (
  id TEXT PRIMARY KEY,
  program_id TEXT NOT NULL REFERENCES programs(id),
  provider TEXT NOT NULL CHECK (provider IN ('stripe', 'paddle')),
  event_id TEXT NOT NULL,
  type TEXT NOT NULL,
  livemode INTEGER NOT NULL CHECK (livemode IN (0, 1)),
  -- The provider's own time of the event (ms).
  occurred_at INTEGER NOT NULL,
  received_at INTEGER NOT NULL,
  -- When it was received or last replayed: how long it has waited for another event counts from here.
  opened_at INTEGER NOT NULL,
  -- How often the provider delivered it; every delivery after the first is a duplicate that changed nothing.
  deliveries INTEGER NOT NULL DEFAULT 1,
  status TEXT NOT NULL CHECK (status IN ('received', 'applied', 'waiting', 'refused', 'ignored')),
  -- Why it waits, was refused or ignored; what it did when applied.
  reason TEXT,
  attempts INTEGER NOT NULL DEFAULT 0,
  -- Received or waiting: when it is next applied (by a queue message, or the hourly sweep if that was lost).
  next_attempt_at INTEGER,
  -- While one consumer applies it, others leave it alone; past this time it is free again (a consumer that died).
  claimed_until INTEGER,
  settled_at INTEGER,
  -- The edgeref customer it concerns, once known: erasure drops the payloads about them.
  customer_id TEXT,
  payload TEXT,
  UNIQUE (program_id, provider, event_id)
);
CREATE INDEX billing_events_due ON billing_events(next_attempt_at) WHERE status IN ('received', 'waiting');
CREATE INDEX billing_events_program ON billing_events(program_id, received_at);
CREATE INDEX billing_events_customer ON billing_events(customer_id) WHERE customer_id IS NOT NULL;

-- What a waiting event waits for: keys such as 'customer:cus_…' (a checkout that attributes this buyer), 'charge:ch_…'
-- (the payment a refund is of) or 'rate:USD'. An event that makes one of them known wakes exactly those events.
CREATE TABLE billing_waits (
  program_id TEXT NOT NULL REFERENCES programs(id),
  wait_key TEXT NOT NULL,
  event_id TEXT NOT NULL REFERENCES billing_events(id),
  PRIMARY KEY (program_id, wait_key, event_id)
) WITHOUT ROWID;
CREATE INDEX billing_waits_event ON billing_waits(event_id);

-- What a provider's ids stand for here, learnt from the events: a provider customer is an edgeref customer; a charge,
-- payment intent or transaction paid an invoice (the payment's business id); a promotion code (or Paddle discount) id
-- has a code; a Paddle customer has an email (Paddle's transactions name only the customer id). Emails are personal
-- data: dropped when the customer is erased, and 90 days after they were learnt.
CREATE TABLE billing_links (
  program_id TEXT NOT NULL REFERENCES programs(id),
  provider TEXT NOT NULL CHECK (provider IN ('stripe', 'paddle')),
  kind TEXT NOT NULL CHECK (kind IN ('customer', 'charge', 'payment_intent', 'promotion_code', 'email')),
  external_id TEXT NOT NULL,
  value TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  PRIMARY KEY (program_id, provider, kind, external_id)
) WITHOUT ROWID;
CREATE INDEX billing_links_value ON billing_links(value) WHERE kind = 'customer';
CREATE INDEX billing_links_emails ON billing_links(created_at) WHERE kind = 'email';

-- What the provider said was refunded, per charge: each refund by its id, and the charge's running total
-- ('total:<charge>'), since events that carry one or the other arrive in any order. A payment's refunded amount is
-- brought up to what these facts add up to, so no refund counts twice, whichever events tell of it.
CREATE TABLE billing_refund_facts (
  program_id TEXT NOT NULL REFERENCES programs(id),
  provider TEXT NOT NULL CHECK (provider IN ('stripe', 'paddle')),
  fact_id TEXT NOT NULL,
  invoice_id TEXT NOT NULL,
  charge_id TEXT NOT NULL,
  amount_minor INTEGER NOT NULL CHECK (amount_minor >= 0),
  PRIMARY KEY (program_id, provider, fact_id)
) WITHOUT ROWID;
CREATE INDEX billing_refund_facts_invoice ON billing_refund_facts(program_id, invoice_id);

-- What the provider charged for a payment, tax included. Providers state refunds tax included too; the payment is
-- recorded less tax, so a refund's share of it is the refund's share of this.
CREATE TABLE billing_payments (
  program_id TEXT NOT NULL REFERENCES programs(id),
  provider TEXT NOT NULL CHECK (provider IN ('stripe', 'paddle')),
  invoice_id TEXT NOT NULL,
  gross_minor INTEGER NOT NULL CHECK (gross_minor > 0),
  currency TEXT NOT NULL,
  PRIMARY KEY (program_id, provider, invoice_id)
) WITHOUT ROWID;

-- A billing event's buyer is matched to a customer who signed up before by email, so paying through Stripe never
-- attributes the same person twice.
CREATE INDEX customers_email ON customers(program_id, lower(email)) WHERE email IS NOT NULL;
