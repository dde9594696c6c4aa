-- One partner payment per billing interval of a client's subscription, whatever the Idempotency-Keys: a payment is
-- for the interval that ends at its paid_until, and that date is unique per customer and plan.
-- Racing payments before this could pay one interval twice. Those repeats stay (money history is never deleted),
-- marked so they can be found and refunded, and outside the index so it can be built.
ALTER TABLE client_payments ADD COLUMN repeats_interval INTEGER NOT NULL DEFAULT 0 CHECK (repeats_interval IN (0, 1));
UPDATE client_payments SET repeats_interval = 1
WHERE rowid NOT IN (SELECT min(rowid) FROM client_payments GROUP BY customer_id, plan, paid_until);
CREATE UNIQUE INDEX client_payments_one_per_interval ON client_payments(customer_id, plan, paid_until) WHERE repeats_interval = 0;
