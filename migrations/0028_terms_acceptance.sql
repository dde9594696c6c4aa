-- Terms re-acceptance (docs/API.md#written-terms): every acceptance of a version of the written terms is kept, a
-- program setting says what a partner may not do until it accepts the current version, and the emails that ask each
-- partner to accept are written a bounded chunk of partners at a time (terms_mailings is that chunking's cursor).

-- One row per partner and version accepted: who accepted, when. Kept for good (the record a program shows on dispute).
CREATE TABLE terms_acceptances (
  partner_id TEXT NOT NULL REFERENCES partners(id),
  version INTEGER NOT NULL CHECK (version > 0),
  program_id TEXT NOT NULL REFERENCES programs(id),
  -- The account that accepted (an owner of the partner, or the account that registered it); NULL when not known.
  account_id TEXT REFERENCES accounts(id),
  accepted_at INTEGER NOT NULL,
  PRIMARY KEY (partner_id, version)
) WITHOUT ROWID;
CREATE INDEX terms_acceptances_program ON terms_acceptances(program_id, accepted_at, partner_id, version);
CREATE INDEX terms_acceptances_version ON terms_acceptances(program_id, version);

-- What partners accepted so far was accepted at registration, by the account that registered the partner: its owner
-- whose membership was created with the partner.
INSERT INTO terms_acceptances (partner_id, version, program_id, account_id, accepted_at)
SELECT p.id, p.terms_version, p.program_id,
       (SELECT m.account_id FROM members m WHERE m.partner_id = p.id AND m.role = 'owner' AND m.created_at = p.created_at ORDER BY m.id LIMIT 1),
       coalesce(p.terms_accepted_at, p.created_at)
FROM partners p WHERE p.terms_version IS NOT NULL;

-- What waits for a partner's acceptance of the current terms: a JSON array of invitations, withdrawals, referrals,
-- client_payments. New invitations and withdrawals by default; nothing earned stops.
ALTER TABLE programs ADD COLUMN paused_until_terms_accepted TEXT NOT NULL DEFAULT '["invitations","withdrawals"]';

-- A publication's emails to every partner that has not accepted it, written in chunks of partners in id order.
CREATE TABLE terms_mailings (
  program_id TEXT NOT NULL REFERENCES programs(id),
  version INTEGER NOT NULL,
  -- The terms.published event it tells of.
  event_id TEXT NOT NULL REFERENCES events(id),
  -- The partners up to this id have their emails; '' before the first chunk.
  after_partner_id TEXT NOT NULL DEFAULT '',
  -- Until when a queue message is on its way to write the next chunk; past it, the relay's sweep sends another.
  queued_until INTEGER,
  finished_at INTEGER,
  created_at INTEGER NOT NULL,
  PRIMARY KEY (program_id, version)
) WITHOUT ROWID;
CREATE INDEX terms_mailings_open ON terms_mailings(queued_until) WHERE finished_at IS NULL;

-- The chunks walk a program's partners in id order.
CREATE INDEX partners_program_id ON partners(program_id, id);
