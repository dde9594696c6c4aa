-- Email to people: each account's language, the optional mail each one turned off, and the mail outbox, one row per
-- message to one account. Rows come from events (the relay's fan-out) or from a change itself (an endpoint disabled);
-- they are sent through the EMAILS queue by the send_email binding. See docs/EVENTS.md.
ALTER TABLE accounts ADD COLUMN language TEXT NOT NULL DEFAULT 'en' CHECK (language IN ('en', 'sv', 'de'));

CREATE TABLE email_opt_outs (
  account_id TEXT NOT NULL REFERENCES accounts(id),
  -- An optional email's template (shared/email-templates.ts); mail that must go out has no opt-out.
  topic TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  PRIMARY KEY (account_id, topic)
);

CREATE TABLE emails (
  -- eml_…: also the Message-ID's local part, so a message a crash made go out twice is recognisably one.
  id TEXT PRIMARY KEY,
  program_id TEXT NOT NULL REFERENCES programs(id),
  -- The recipient: the address and the language are read when it is sent, so an erased account gets nothing.
  -- NULL for an invite, whose recipient has no account yet: the invite names the address (member_invites, staff_invites).
  account_id TEXT REFERENCES accounts(id),
  template TEXT NOT NULL,
  -- The event it tells of; NULL for mail a change writes itself.
  event_id TEXT REFERENCES events(id),
  -- template:cause:account: a retried fan-out or change writes no second message.
  dedupe_key TEXT NOT NULL UNIQUE,
  -- JSON: the facts it tells, ids and amounts only (names and addresses are read when it is sent).
  data TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('pending', 'sent', 'skipped', 'failed')),
  attempts INTEGER NOT NULL DEFAULT 0,
  next_attempt_at INTEGER,
  -- Until when its queue message is on its way; past it, the sweep sends another (a lost message).
  queued_until INTEGER,
  -- A consumer is sending it until then: a second message for the same email waits instead of sending it twice.
  sending_until INTEGER,
  subject TEXT,
  sent_at INTEGER,
  -- Why it failed or was skipped (unsubscribed, erased account).
  last_error TEXT,
  created_at INTEGER NOT NULL
);
CREATE INDEX emails_due ON emails(next_attempt_at) WHERE status = 'pending';
CREATE INDEX emails_account ON emails(account_id, created_at);
