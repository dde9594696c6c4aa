-- A signup from a company locked to another partner (docs/LEADS.md, "The lock and attribution"): held for the
-- manager with the lead it conflicts with, so both sides are shown and neither claim wins silently.
ALTER TABLE customers ADD COLUMN conflicting_referral_id TEXT REFERENCES referrals(id);
