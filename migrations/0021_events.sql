-- The outbox: every business event (customer.signed_up, commission.earned, partner.approved, withdrawal.paid, ...),
-- written in the same D1 batch as the change that causes it, so no event is lost and none is invented by a change
-- that did not happen. The rules for which change raises which event are worker/domain/events.ts.
CREATE TABLE events (
  -- Numbered in the order they were written: readers page by it (GET /api/v1/events?after=).
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  -- evt_…: the id a reader or a webhook sees; it never changes, however often the event is delivered.
  id TEXT NOT NULL UNIQUE,
  program_id TEXT NOT NULL REFERENCES programs(id),
  -- Dot-separated: resource.what_happened.
  type TEXT NOT NULL,
  -- The version of the type's data shape; a changed shape gets a new version, never a silent change.
  version INTEGER NOT NULL,
  -- The change that raised it (e.g. the ledger entry's idempotency key): a retried change raises no second event.
  dedupe_key TEXT NOT NULL UNIQUE,
  -- JSON. Ids and amounts only, never an email or a name: events are kept, while personal data can be erased.
  data TEXT NOT NULL,
  created_at INTEGER NOT NULL
);
CREATE INDEX events_program ON events(program_id, seq);
