-- edgeref schema: the whole domain of ../shared/DOMAIN.md (programs, partners, members,
-- invitations, clicks, customers, the ledger, keys, sessions, and the B2B referral records).
-- Times are Unix epoch milliseconds (INTEGER). Money is integer minor units plus a currency.

CREATE TABLE programs (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  currency TEXT NOT NULL CHECK (length(currency) = 3),
  destination_url TEXT NOT NULL,
  allowed_origins TEXT NOT NULL DEFAULT '[]',           -- JSON array of origins
  attribution_window_days INTEGER NOT NULL DEFAULT 30 CHECK (attribution_window_days > 0),
  attribution_model TEXT NOT NULL DEFAULT 'first_touch' CHECK (attribution_model IN ('first_touch', 'last_touch')),
  signup_credit_minor INTEGER NOT NULL DEFAULT 500 CHECK (signup_credit_minor >= 0),
  withdrawal_minimum_minor INTEGER NOT NULL DEFAULT 5000 CHECK (withdrawal_minimum_minor >= 0),
  reporting_period TEXT NOT NULL DEFAULT 'monthly' CHECK (reporting_period IN ('weekly', 'monthly', 'quarterly')),
  partner_discount_bps INTEGER NOT NULL DEFAULT 0 CHECK (partner_discount_bps BETWEEN 0 AND 10000),
  created_at INTEGER NOT NULL
);

-- People who sign in: partner members and program-side staff share one account table.
CREATE TABLE accounts (
  id TEXT PRIMARY KEY,
  email TEXT NOT NULL UNIQUE COLLATE NOCASE,
  name TEXT NOT NULL,
  password_hash TEXT NOT NULL,                           -- pbkdf2-sha256$iterations$salt$hash
  created_at INTEGER NOT NULL
);

CREATE TABLE sessions (
  id_hash TEXT PRIMARY KEY,                              -- SHA-256 of the cookie token; the token itself is never stored
  account_id TEXT NOT NULL REFERENCES accounts(id),
  created_at INTEGER NOT NULL,
  expires_at INTEGER NOT NULL
);
CREATE INDEX sessions_account ON sessions(account_id);

-- Program managers and sales representatives.
CREATE TABLE program_staff (
  program_id TEXT NOT NULL REFERENCES programs(id),
  account_id TEXT NOT NULL REFERENCES accounts(id),
  role TEXT NOT NULL CHECK (role IN ('manager', 'sales_rep')),
  PRIMARY KEY (program_id, account_id)
);

CREATE TABLE api_keys (
  id TEXT PRIMARY KEY,
  program_id TEXT NOT NULL REFERENCES programs(id),
  kind TEXT NOT NULL CHECK (kind IN ('publishable', 'secret')),
  key_hash TEXT NOT NULL UNIQUE,                         -- SHA-256 hex of the key
  key_hint TEXT NOT NULL,                                -- prefix and last four characters, for display
  created_at INTEGER NOT NULL,
  revoked_at INTEGER
);

-- Partners: number is shown as A123456 while an affiliate and P123456 once approved.
CREATE TABLE partners (
  id TEXT PRIMARY KEY,
  program_id TEXT NOT NULL REFERENCES programs(id),
  number INTEGER NOT NULL UNIQUE CHECK (number BETWEEN 100000 AND 999999),
  name TEXT NOT NULL,
  email TEXT NOT NULL COLLATE NOCASE,
  company TEXT,
  status TEXT NOT NULL DEFAULT 'affiliate' CHECK (status IN ('affiliate', 'partner', 'rejected', 'suspended')),
  status_reason TEXT,
  sales_rep_account_id TEXT REFERENCES accounts(id),
  recruited_by_partner_id TEXT REFERENCES partners(id),
  payout_method TEXT CHECK (payout_method IN ('card', 'bank_account')),
  payout_details TEXT,
  tax_id TEXT,
  billing_address TEXT,
  approved_at INTEGER,
  created_at INTEGER NOT NULL
);
CREATE INDEX partners_program ON partners(program_id, status);

CREATE TABLE members (
  id TEXT PRIMARY KEY,
  partner_id TEXT NOT NULL REFERENCES partners(id),
  account_id TEXT NOT NULL REFERENCES accounts(id),
  role TEXT NOT NULL CHECK (role IN ('owner', 'manager', 'finance')),
  created_at INTEGER NOT NULL,
  UNIQUE (partner_id, account_id)
);
CREATE INDEX members_account ON members(account_id);

-- Customers: end customers of the merchant, attributed once and for good.
CREATE TABLE customers (
  id TEXT PRIMARY KEY,
  program_id TEXT NOT NULL REFERENCES programs(id),
  external_id TEXT NOT NULL,                             -- the merchant's own customer id
  email TEXT COLLATE NOCASE,
  invitation_id TEXT REFERENCES invitations(id),
  partner_id TEXT REFERENCES partners(id),               -- the partner credited, when the advocate is a partner
  referred_by_customer_id TEXT REFERENCES customers(id), -- the customer credited, when the advocate is a customer
  click_id TEXT REFERENCES clicks(id),
  attribution_method TEXT CHECK (attribution_method IN ('click', 'promo_code')),
  created_at INTEGER NOT NULL,
  UNIQUE (program_id, external_id)
);
CREATE INDEX customers_invitation ON customers(invitation_id, created_at);
CREATE INDEX customers_partner ON customers(partner_id, created_at);

-- Invitations: a promo code, the link /r/<code> and its QR code. Owned by a partner
-- (optionally one of its members) or by a customer acting as an advocate.
CREATE TABLE invitations (
  id TEXT PRIMARY KEY,
  program_id TEXT NOT NULL REFERENCES programs(id),
  partner_id TEXT REFERENCES partners(id),
  member_id TEXT REFERENCES members(id),
  customer_id TEXT REFERENCES customers(id),
  code TEXT NOT NULL,                                    -- as the advocate typed it
  code_key TEXT NOT NULL,                                -- upper-cased, for case-insensitive lookup
  campaign TEXT,
  destination_url TEXT,                                  -- overrides the program's, within its allowed origins
  active INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  CHECK ((partner_id IS NULL) <> (customer_id IS NULL)),
  CHECK (member_id IS NULL OR partner_id IS NOT NULL)
);
-- Codes are unique across the deployment (so per program too): /r/<code> carries no program.
CREATE UNIQUE INDEX invitations_code ON invitations(code_key);
CREATE INDEX invitations_program ON invitations(program_id);
CREATE INDEX invitations_partner ON invitations(partner_id, created_at);
CREATE INDEX invitations_customer ON invitations(customer_id);

-- Clicks: one row per visit through a link or a QR scan. Bots and repeats are kept but flagged.
CREATE TABLE clicks (
  id TEXT PRIMARY KEY,                                   -- the click id handed to the merchant's site
  program_id TEXT NOT NULL REFERENCES programs(id),
  invitation_id TEXT NOT NULL REFERENCES invitations(id),
  source TEXT NOT NULL CHECK (source IN ('link', 'qr')),
  referrer_domain TEXT,
  country TEXT,
  device TEXT,
  browser TEXT,
  visitor_hash TEXT,                                     -- one-way hash of IP and user agent, never the raw IP
  is_bot INTEGER NOT NULL DEFAULT 0 CHECK (is_bot IN (0, 1)),
  is_repeat INTEGER NOT NULL DEFAULT 0 CHECK (is_repeat IN (0, 1)),
  created_at INTEGER NOT NULL
);
CREATE INDEX clicks_invitation ON clicks(invitation_id, created_at);

-- Reward rules: per program, with optional per-partner overrides. Later rules kinds
-- (tiers, split timing, second tier) are expressed through these columns.
CREATE TABLE reward_rules (
  id TEXT PRIMARY KEY,
  program_id TEXT NOT NULL REFERENCES programs(id),
  partner_id TEXT REFERENCES partners(id),               -- NULL: the program default
  event TEXT NOT NULL CHECK (event IN ('signup', 'payment')),
  kind TEXT NOT NULL CHECK (kind IN ('flat', 'percent')),
  amount_minor INTEGER CHECK (amount_minor >= 0),        -- for flat rules
  percent_bps INTEGER CHECK (percent_bps BETWEEN 0 AND 10000), -- for percent rules
  product TEXT,                                          -- NULL: any product
  recurring_months INTEGER,                              -- NULL: for life; 0: first payment only
  hold_days INTEGER NOT NULL DEFAULT 0 CHECK (hold_days >= 0),
  active INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
  created_at INTEGER NOT NULL,
  CHECK ((kind = 'flat') = (amount_minor IS NOT NULL)),
  CHECK ((kind = 'percent') = (percent_bps IS NOT NULL))
);
CREATE INDEX reward_rules_program ON reward_rules(program_id, event, active);

-- The ledger: append-only. A balance is the sum of its entries; a correction is a new entry.
CREATE TABLE ledger_entries (
  id TEXT PRIMARY KEY,
  program_id TEXT NOT NULL REFERENCES programs(id),
  partner_id TEXT REFERENCES partners(id),
  customer_id TEXT REFERENCES customers(id),
  type TEXT NOT NULL CHECK (type IN ('signup_credit', 'commission', 'clawback', 'reversal', 'withdrawal',
                                     'top_up', 'client_payment', 'credit_spend', 'release')),
  amount_minor INTEGER NOT NULL,
  currency TEXT NOT NULL CHECK (length(currency) = 3),
  status TEXT NOT NULL CHECK (status IN ('pending', 'available', 'paid', 'reversed')),
  available_at INTEGER,                                  -- when a pending entry's hold ends
  reason TEXT NOT NULL,                                  -- human-readable
  event_type TEXT NOT NULL,                              -- what caused it: signup, payment, refund, withdrawal...
  event_id TEXT NOT NULL,
  idempotency_key TEXT NOT NULL UNIQUE,                  -- the same event never posts twice
  created_at INTEGER NOT NULL,
  CHECK ((partner_id IS NULL) <> (customer_id IS NULL))
);
CREATE INDEX ledger_partner ON ledger_entries(partner_id, created_at);
CREATE INDEX ledger_customer ON ledger_entries(customer_id, created_at);
CREATE INDEX ledger_event ON ledger_entries(event_type, event_id);

CREATE TRIGGER ledger_entries_append_only_update BEFORE UPDATE ON ledger_entries
BEGIN
  SELECT RAISE(ABORT, 'ledger_entries is append-only');
END;
CREATE TRIGGER ledger_entries_append_only_delete BEFORE DELETE ON ledger_entries
BEGIN
  SELECT RAISE(ABORT, 'ledger_entries is append-only');
END;

-- Subscriptions reported by the merchant's server, shown to the partner under "My clients".
CREATE TABLE subscriptions (
  id TEXT PRIMARY KEY,
  program_id TEXT NOT NULL REFERENCES programs(id),
  customer_id TEXT NOT NULL REFERENCES customers(id),
  plan TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('trialing', 'active', 'past_due', 'canceled', 'expired')),
  amount_minor INTEGER,
  currency TEXT,
  expires_at INTEGER,
  updated_at INTEGER NOT NULL,
  UNIQUE (program_id, customer_id, plan)
);

-- Reporting periods, withdrawals and payout batches.
CREATE TABLE reporting_periods (
  id TEXT PRIMARY KEY,
  program_id TEXT NOT NULL REFERENCES programs(id),
  starts_at INTEGER NOT NULL,
  ends_at INTEGER NOT NULL,
  closed_at INTEGER,
  UNIQUE (program_id, starts_at)
);

CREATE TABLE payout_batches (
  id TEXT PRIMARY KEY,
  program_id TEXT NOT NULL REFERENCES programs(id),
  period_id TEXT NOT NULL REFERENCES reporting_periods(id),
  created_at INTEGER NOT NULL
);

CREATE TABLE withdrawals (
  id TEXT PRIMARY KEY,
  program_id TEXT NOT NULL REFERENCES programs(id),
  partner_id TEXT NOT NULL REFERENCES partners(id),
  amount_minor INTEGER NOT NULL CHECK (amount_minor > 0),
  currency TEXT NOT NULL,
  payout_method TEXT NOT NULL CHECK (payout_method IN ('card', 'bank_account')),
  status TEXT NOT NULL CHECK (status IN ('requested', 'approved', 'paid', 'failed', 'canceled')),
  payout_batch_id TEXT REFERENCES payout_batches(id),
  requested_by_member_id TEXT REFERENCES members(id),
  created_at INTEGER NOT NULL,
  settled_at INTEGER
);
-- Only one open request per partner at a time.
CREATE UNIQUE INDEX withdrawals_one_open ON withdrawals(partner_id) WHERE status IN ('requested', 'approved');

-- Stripe-style Idempotency-Key replay for the merchant's server calls.
CREATE TABLE idempotency_keys (
  program_id TEXT NOT NULL REFERENCES programs(id),
  key TEXT NOT NULL,
  request_hash TEXT NOT NULL,
  response_status INTEGER NOT NULL,
  response_body TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  PRIMARY KEY (program_id, key)
);

-- B2B referral records (leads): registered by a partner or sent by the program to a partner.
CREATE TABLE referrals (
  id TEXT PRIMARY KEY,
  program_id TEXT NOT NULL REFERENCES programs(id),
  partner_id TEXT NOT NULL REFERENCES partners(id),
  type TEXT NOT NULL CHECK (type IN ('partner_to_program', 'program_to_partner')),
  stage TEXT NOT NULL DEFAULT 'new' CHECK (stage IN ('new', 'in_progress', 'won', 'lost', 'junk')),
  registration_status TEXT NOT NULL DEFAULT 'pending' CHECK (registration_status IN ('pending', 'confirmed', 'rejected', 'unlocked')),
  customer_name TEXT NOT NULL,
  contact_persons TEXT,
  requirement TEXT,
  product TEXT,
  value_minor INTEGER,
  currency TEXT,
  notes TEXT,
  owner_account_id TEXT REFERENCES accounts(id),         -- the sales representative
  duplicate_of_referral_id TEXT REFERENCES referrals(id),
  registered_at INTEGER NOT NULL,
  confirmed_at INTEGER,
  updated_at INTEGER NOT NULL
);
CREATE INDEX referrals_partner ON referrals(partner_id, registered_at);

CREATE TABLE referral_changes (
  id TEXT PRIMARY KEY,
  referral_id TEXT NOT NULL REFERENCES referrals(id),
  account_id TEXT REFERENCES accounts(id),
  field TEXT NOT NULL,
  old_value TEXT,
  new_value TEXT,
  created_at INTEGER NOT NULL
);
CREATE INDEX referral_changes_referral ON referral_changes(referral_id, created_at);
