-- Webhooks (Standard Webhooks): the program's endpoints, and the delivery of each event to each endpoint with its
-- attempts. Deliveries are created from the outbox (events) and sent through the EVENTS queue; see docs/EVENTS.md.
CREATE TABLE webhook_endpoints (
  id TEXT PRIMARY KEY,
  program_id TEXT NOT NULL REFERENCES programs(id),
  url TEXT NOT NULL,
  description TEXT,
  -- A JSON array of event types; NULL: every type.
  event_types TEXT,
  -- The whsec_ signing secret, sealed (AES-GCM) under the WEBHOOK_SECRET_KEY Worker secret: it must sign, so it
  -- cannot be hashed. Shown once, when created or rotated.
  secret_sealed TEXT NOT NULL,
  secret_hint TEXT NOT NULL,
  -- After a rotation the previous secret also signs, until it expires, so receivers can switch without a gap.
  previous_secret_sealed TEXT,
  previous_secret_expires_at INTEGER,
  enabled INTEGER NOT NULL DEFAULT 1 CHECK (enabled IN (0, 1)),
  disabled_reason TEXT,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL
);
CREATE INDEX webhook_endpoints_program ON webhook_endpoints(program_id);

CREATE TABLE webhook_deliveries (
  id TEXT PRIMARY KEY,
  endpoint_id TEXT NOT NULL REFERENCES webhook_endpoints(id) ON DELETE CASCADE,
  event_id TEXT NOT NULL REFERENCES events(id),
  status TEXT NOT NULL CHECK (status IN ('pending', 'delivered', 'failed')),
  attempts INTEGER NOT NULL DEFAULT 0,
  -- Pending: when the next attempt is due.
  next_attempt_at INTEGER,
  -- Until when the message for that attempt is in the queue; past it, the sweep sends another (a lost message).
  queued_until INTEGER,
  last_attempt_at INTEGER,
  last_status INTEGER,
  last_error TEXT,
  delivered_at INTEGER,
  created_at INTEGER NOT NULL,
  UNIQUE (endpoint_id, event_id)
);
CREATE INDEX webhook_deliveries_due ON webhook_deliveries(next_attempt_at) WHERE status = 'pending';
CREATE INDEX webhook_deliveries_endpoint ON webhook_deliveries(endpoint_id, created_at);

CREATE TABLE webhook_attempts (
  delivery_id TEXT NOT NULL REFERENCES webhook_deliveries(id) ON DELETE CASCADE,
  attempt INTEGER NOT NULL,
  at INTEGER NOT NULL,
  -- The response's status code; NULL when no response came (a network error or a timeout).
  status INTEGER,
  error TEXT,
  PRIMARY KEY (delivery_id, attempt)
);

-- When an event's deliveries were created (one per endpoint that wants its type); NULL: not yet.
ALTER TABLE events ADD COLUMN fanned_out_at INTEGER;
CREATE INDEX events_to_fan_out ON events(seq) WHERE fanned_out_at IS NULL;
