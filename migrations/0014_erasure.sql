-- Erasure: a customer's or a partner member's personal data can be removed on request, while ids and money stay
-- (docs/MONEY.md, "Personal data and erasure"). The ledger is append-only and kept for good, so its reasons must
-- hold no personal data: reasons written before this migration named customers by email; they now name them by id,
-- exactly as new entries do ("customer cus_…").

-- When a row's personal data was erased (NULL: never). The rows stay, since ledger entries and history point at them.
ALTER TABLE customers ADD COLUMN erased_at INTEGER;
ALTER TABLE accounts ADD COLUMN erased_at INTEGER;

-- The one edit the ledger ever gets: the append-only guard is lifted for this rewrite and put back at once.
-- Amounts, statuses and everything else stay; only a customer's email inside a reason becomes "customer <id>".
-- Every place an email appeared (signup and referral credit, signup and payment commission, second tier, release,
-- refund and retention reversals that quote a commission's reason, client payments) had the email as stored in
-- the customer's row. The longest email found wins, so ann@x.test is never matched inside joann@x.test.
-- Running these statements again changes nothing (test/worker/erasure.test.ts runs them over old-style rows).
DROP TRIGGER IF EXISTS ledger_entries_append_only_update;

UPDATE ledger_entries SET reason = (
  SELECT replace(ledger_entries.reason, c.email, 'customer ' || c.id) FROM customers c
  WHERE c.program_id = ledger_entries.program_id AND length(c.email) > 0 AND instr(ledger_entries.reason, c.email) > 0
  ORDER BY length(c.email) DESC LIMIT 1
)
WHERE instr(reason, '@') > 0 AND EXISTS (
  SELECT 1 FROM customers c
  WHERE c.program_id = ledger_entries.program_id AND length(c.email) > 0 AND instr(ledger_entries.reason, c.email) > 0
);

CREATE TRIGGER ledger_entries_append_only_update BEFORE UPDATE ON ledger_entries
BEGIN
  SELECT RAISE(ABORT, 'ledger_entries is append-only');
END;
