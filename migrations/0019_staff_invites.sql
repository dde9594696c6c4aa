-- A program manager invites a sales representative by a link, as a partner's owner invites colleagues
-- (member_invites): the link carries a 256-bit token of which only the SHA-256 is stored; it works once, for 7 days,
-- and creates the account (the invitee chooses the password) or links an existing one (by its password).
CREATE TABLE staff_invites (
  id TEXT PRIMARY KEY,
  program_id TEXT NOT NULL REFERENCES programs(id),
  email TEXT NOT NULL COLLATE NOCASE,
  name TEXT NOT NULL,
  role TEXT NOT NULL CHECK (role IN ('sales_rep')),
  token_hash TEXT NOT NULL UNIQUE,
  invited_by_account_id TEXT REFERENCES accounts(id),
  created_at INTEGER NOT NULL,
  expires_at INTEGER NOT NULL,
  accepted_at INTEGER,
  accepted_account_id TEXT REFERENCES accounts(id)
);
CREATE INDEX staff_invites_program ON staff_invites(program_id, created_at);
