-- Failed password checks, counted per account email and per client IP, so guessing passwords is slowed down.
-- Rows older than a day are pruned by the Cron Trigger.
CREATE TABLE failed_sign_ins (
  key TEXT NOT NULL,       -- 'email:<lower-cased email>' or 'ip:<address>'
  at INTEGER NOT NULL
);
CREATE INDEX failed_sign_ins_key ON failed_sign_ins(key, at);
