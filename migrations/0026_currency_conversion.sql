-- Payments in other currencies than the program's are converted to it (docs/BILLING.md#several-currencies).

-- The rates a program manager keeps, each with the day it is for: a payment uses the latest rate on or before its day.
-- A rate is a decimal string (units of the program's currency per unit of `currency`), never a float.
CREATE TABLE exchange_rates (
  program_id TEXT NOT NULL REFERENCES programs(id),
  currency TEXT NOT NULL CHECK (length(currency) = 3),
  as_of TEXT NOT NULL CHECK (as_of GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
  rate TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  PRIMARY KEY (program_id, currency, as_of)
) WITHOUT ROWID;

-- A converted payment keeps what was paid and the rate used (and where the rate came from); amount_minor and
-- currency are the program's, which commissions and refunds are computed in.
ALTER TABLE payments ADD COLUMN original_amount_minor INTEGER;
ALTER TABLE payments ADD COLUMN original_currency TEXT;
ALTER TABLE payments ADD COLUMN fx_rate TEXT;
ALTER TABLE payments ADD COLUMN fx_source TEXT CHECK (fx_source IN ('provider', 'program'));
