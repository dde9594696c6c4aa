-- A customer credited through a locked lead (docs/LEADS.md, "The lock and signups"): one who signed up with no
-- invitation from a company locked to a partner, or a conflicting signup the manager awarded to the locked partner.
-- Such a customer has no invitation (invitation_id is NULL, so no invitation's stats count what the lead brings);
-- partner_id is the lead's partner, and its click, if any, stays recorded as it came.
ALTER TABLE customers ADD COLUMN lead_id TEXT REFERENCES referrals(id);
CREATE INDEX customers_lead ON customers(lead_id) WHERE lead_id IS NOT NULL;

-- A lead's contact persons and their emails are personal data: erased on request (DELETE …/referrals/{id}/contacts),
-- when, so the console can say so. The company, its domain and the deal stay.
ALTER TABLE referrals ADD COLUMN contacts_erased_at INTEGER;
