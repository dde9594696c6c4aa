-- A partner's balance shows what it earned on signups not confirmed yet (worker/db/signup-confirmations.ts,
-- awaitingConfirmationRead). That read went through all of the partner's ledger entries and looked up each one's
-- customer: 95 ms for a partner with 15,000 entries in npm run bench:scale. It now starts from the partner's customers
-- still unconfirmed, which this partial index lists (a handful, usually), and sums their pending entries.
CREATE INDEX customers_partner_unconfirmed ON customers (partner_id) WHERE signup_status IN ('awaiting_confirmation', 'held');
