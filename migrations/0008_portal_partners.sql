-- Partner portal and program console: written terms with versions, the accepted version, onboarding
-- details, member invites by emailed link, and an audit trail of partner status changes.

-- The program's written terms. Publishing new terms adds a version; old versions stay, since partners accepted them.
CREATE TABLE program_terms (
  program_id TEXT NOT NULL REFERENCES programs(id),
  version INTEGER NOT NULL CHECK (version > 0),
  body TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  PRIMARY KEY (program_id, version)
);

ALTER TABLE partners ADD COLUMN terms_version INTEGER;              -- the version of program_terms accepted at registration
ALTER TABLE partners ADD COLUMN terms_accepted_at INTEGER;
ALTER TABLE partners ADD COLUMN contact_name TEXT;
ALTER TABLE partners ADD COLUMN contact_phone TEXT;
ALTER TABLE partners ADD COLUMN status_changed_at INTEGER;

-- A colleague invited by the owner: the emailed link carries a token; only its SHA-256 is stored.
CREATE TABLE member_invites (
  id TEXT PRIMARY KEY,
  partner_id TEXT NOT NULL REFERENCES partners(id),
  email TEXT NOT NULL COLLATE NOCASE,
  role TEXT NOT NULL CHECK (role IN ('owner', 'manager', 'finance')),
  token_hash TEXT NOT NULL UNIQUE,
  invited_by_account_id TEXT REFERENCES accounts(id),
  created_at INTEGER NOT NULL,
  expires_at INTEGER NOT NULL,
  accepted_at INTEGER,
  accepted_account_id TEXT REFERENCES accounts(id),
  revoked_at INTEGER
);
CREATE INDEX member_invites_partner ON member_invites(partner_id, created_at);

-- Who approved, rejected, suspended or reinstated a partner, when and why.
CREATE TABLE partner_status_changes (
  id TEXT PRIMARY KEY,
  partner_id TEXT NOT NULL REFERENCES partners(id),
  account_id TEXT REFERENCES accounts(id),
  from_status TEXT NOT NULL,
  to_status TEXT NOT NULL,
  reason TEXT,
  created_at INTEGER NOT NULL
);
CREATE INDEX partner_status_changes_partner ON partner_status_changes(partner_id, created_at);

CREATE INDEX referrals_program ON referrals(program_id, registered_at);
CREATE INDEX referral_changes_field ON referral_changes(field, new_value, created_at);
