-- The B2B channel (docs/LEADS.md): lead registration with duplicate keys, the confirmation SLA, locks, deals won for a
-- commission, and sales representatives who own partners and leads.

-- How long the program has to confirm or reject a registered lead (hours), and how long a confirmed lead stays locked
-- to its partner (days).
ALTER TABLE programs ADD COLUMN lead_sla_hours INTEGER NOT NULL DEFAULT 72 CHECK (lead_sla_hours BETWEEN 1 AND 2160);
ALTER TABLE programs ADD COLUMN lead_lock_days INTEGER NOT NULL DEFAULT 365 CHECK (lead_lock_days BETWEEN 1 AND 3650);

-- A registered lead's company domain and contact emails; its deadline and lock; the reason of a rejection or a lifted
-- lock; which deadline emails went out (0 none, 1 "due soon", 2 "overdue"); a partner's proposal that the deal is won;
-- and the won deal's contract date. registration_status 'unlocked' is the API's "not_genuine": the lock was lifted
-- after the first call.
ALTER TABLE referrals ADD COLUMN company_domain TEXT;
ALTER TABLE referrals ADD COLUMN contact_emails TEXT NOT NULL DEFAULT '[]';
ALTER TABLE referrals ADD COLUMN due_at INTEGER;
ALTER TABLE referrals ADD COLUMN decided_at INTEGER;
ALTER TABLE referrals ADD COLUMN locked_until INTEGER;
ALTER TABLE referrals ADD COLUMN decision_reason TEXT;
ALTER TABLE referrals ADD COLUMN sla_notice INTEGER NOT NULL DEFAULT 0 CHECK (sla_notice IN (0, 1, 2));
ALTER TABLE referrals ADD COLUMN won_proposed_at INTEGER;
ALTER TABLE referrals ADD COLUMN contract_date TEXT;
ALTER TABLE referrals ADD COLUMN duplicate_matches TEXT NOT NULL DEFAULT '[]';

-- Leads registered before the SLA existed are due 72 hours after registration, like new ones; records the program
-- sent a partner have nothing to confirm.
UPDATE referrals SET due_at = registered_at + 72 * 3600000 WHERE type = 'partner_to_program' AND registration_status = 'pending';
UPDATE referrals SET registration_status = 'confirmed', decided_at = registered_at WHERE type = 'program_to_partner';

CREATE INDEX referrals_owner ON referrals(owner_account_id, registered_at);
CREATE INDEX referrals_due ON referrals(registration_status, due_at) WHERE registration_status = 'pending';
CREATE INDEX partners_sales_rep ON partners(sales_rep_account_id);

-- The keys a lead is matched on for duplicates (worker/domain/leads.ts): its normalised company name, its domain's
-- name without the TLD, its company domains and its contact emails, each a row so that a match is an index lookup.
CREATE TABLE lead_keys (
  program_id TEXT NOT NULL REFERENCES programs(id),
  key TEXT NOT NULL,                                      -- 'name:globex', 'label:globex', 'domain:globex.se', 'email:nina@globex.se'
  referral_id TEXT NOT NULL REFERENCES referrals(id),
  PRIMARY KEY (program_id, key, referral_id)
) WITHOUT ROWID;
CREATE INDEX lead_keys_referral ON lead_keys(referral_id);

-- Customers matched by their email's domain.
CREATE INDEX customers_email_domain ON customers(program_id, lower(substr(email, instr(email, '@') + 1)));

-- Reward rules gain a third event, a deal won (a percent of its value or a flat amount). A CHECK changes only with a
-- rebuilt table; nothing references reward_rules, so it is copied as it is.
ALTER TABLE reward_rules RENAME TO reward_rules_before_0027;
CREATE TABLE reward_rules (
  id TEXT PRIMARY KEY,
  program_id TEXT NOT NULL REFERENCES programs(id),
  partner_id TEXT REFERENCES partners(id),               -- NULL: the program default
  event TEXT NOT NULL CHECK (event IN ('signup', 'payment', 'deal')),
  kind TEXT NOT NULL CHECK (kind IN ('flat', 'percent')),
  amount_minor INTEGER CHECK (amount_minor >= 0),        -- for flat rules
  percent_bps INTEGER CHECK (percent_bps BETWEEN 0 AND 10000), -- for percent rules
  product TEXT,                                          -- NULL: any product
  recurring_months INTEGER,                              -- NULL: for life; 0: first payment only
  hold_days INTEGER NOT NULL DEFAULT 0 CHECK (hold_days >= 0),
  active INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
  created_at INTEGER NOT NULL,
  tiers TEXT NOT NULL DEFAULT '[]',
  split TEXT NOT NULL DEFAULT '[]',
  CHECK ((kind = 'flat') = (amount_minor IS NOT NULL)),
  CHECK ((kind = 'percent') = (percent_bps IS NOT NULL))
);
INSERT INTO reward_rules (id, program_id, partner_id, event, kind, amount_minor, percent_bps, product, recurring_months, hold_days, active, created_at, tiers, split)
  SELECT id, program_id, partner_id, event, kind, amount_minor, percent_bps, product, recurring_months, hold_days, active, created_at, tiers, split
  FROM reward_rules_before_0027;
DROP TABLE reward_rules_before_0027;
CREATE INDEX reward_rules_program ON reward_rules(program_id, event, active);
