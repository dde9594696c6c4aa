-- Customers are advocates too: a customer whose invitation brings a new customer earns this much credit.
-- 0 turns it off (the default); the new customer's own signup credit is separate.
ALTER TABLE programs ADD COLUMN referrer_credit_minor INTEGER NOT NULL DEFAULT 0 CHECK (referrer_credit_minor >= 0);
