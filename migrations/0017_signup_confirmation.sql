-- A signup reported only by the browser (publishable key) is awaiting confirmation: its credit and commission stay
-- pending until the merchant's server confirms it (secret key) or the customer's first payment arrives. Unconfirmed
-- signups expire after the program's setting and their entries are reversed. A signup from the advocate's own
-- browser is held for the program manager to approve or reject.
ALTER TABLE customers ADD COLUMN signup_status TEXT NOT NULL DEFAULT 'confirmed'
  CHECK (signup_status IN ('confirmed', 'awaiting_confirmation', 'held', 'rejected', 'expired'));
ALTER TABLE customers ADD COLUMN confirmed_at INTEGER;
ALTER TABLE customers ADD COLUMN held_reason TEXT;  -- why a signup is held for review, e.g. 'same_visitor'
UPDATE customers SET confirmed_at = created_at WHERE invitation_id IS NOT NULL;
CREATE INDEX customers_unconfirmed ON customers(program_id, signup_status, created_at) WHERE signup_status IN ('awaiting_confirmation', 'held');

-- The safe way is the default: browser-reported signups await confirmation.
ALTER TABLE programs ADD COLUMN browser_signups TEXT NOT NULL DEFAULT 'await_confirmation' CHECK (browser_signups IN ('await_confirmation', 'trusted'));
ALTER TABLE programs ADD COLUMN unconfirmed_signup_days INTEGER NOT NULL DEFAULT 30 CHECK (unconfirmed_signup_days BETWEEN 1 AND 365);

-- The one-way visitor hash (salted IP + user agent) a member signed in from, so a signup from the advocate's own
-- browser is recognised and held for review.
ALTER TABLE sessions ADD COLUMN visitor_hash TEXT;
CREATE INDEX sessions_visitor ON sessions(visitor_hash) WHERE visitor_hash IS NOT NULL;
