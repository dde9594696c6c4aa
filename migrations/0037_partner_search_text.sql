-- The console's partner search (GET …/partner-records?q=, worker/db/partner-profile.ts) matches part of the partner's
-- name, company and email or of a member's email. It read every partner of the program with four LIKEs and a members
-- lookup each: 74 ms at 10,000 partners in npm run bench:scale. Each partner now keeps that text in one column, kept
-- by triggers in the same transaction as the rows it copies, and an index on (program_id, search_text) lets the
-- search read the index alone: one substring test per partner, no row lookups. (A full-text index would find the
-- matches without reading every entry, but `wrangler d1 export` refuses a database that has an FTS5 table.)
ALTER TABLE partners ADD COLUMN search_text TEXT NOT NULL DEFAULT '';
CREATE INDEX partners_program_search ON partners (program_id, search_text);

-- The text: name, company, email, then the members' emails, a line each.
CREATE VIEW partner_search_texts AS
SELECT p.id AS partner_id,
  p.name || char(10) || coalesce(p.company, '') || char(10) || coalesce(p.email, '') ||
  coalesce((SELECT char(10) || group_concat(a.email, char(10)) FROM members m JOIN accounts a ON a.id = m.account_id WHERE m.partner_id = p.id), '') AS text
FROM partners p;

CREATE TRIGGER partner_search_new AFTER INSERT ON partners
BEGIN
  UPDATE partners SET search_text = (SELECT text FROM partner_search_texts WHERE partner_id = NEW.id) WHERE id = NEW.id;
END;

CREATE TRIGGER partner_search_partner AFTER UPDATE OF name, company, email ON partners
BEGIN
  UPDATE partners SET search_text = (SELECT text FROM partner_search_texts WHERE partner_id = NEW.id) WHERE id = NEW.id;
END;

CREATE TRIGGER partner_search_member_new AFTER INSERT ON members
BEGIN
  UPDATE partners SET search_text = (SELECT text FROM partner_search_texts WHERE partner_id = NEW.partner_id) WHERE id = NEW.partner_id;
END;

CREATE TRIGGER partner_search_member_gone AFTER DELETE ON members
BEGIN
  UPDATE partners SET search_text = (SELECT text FROM partner_search_texts WHERE partner_id = OLD.partner_id) WHERE id = OLD.partner_id;
END;

CREATE TRIGGER partner_search_account AFTER UPDATE OF email ON accounts
BEGIN
  UPDATE partners SET search_text = (SELECT text FROM partner_search_texts WHERE partner_id = partners.id)
  WHERE id IN (SELECT partner_id FROM members WHERE account_id = NEW.id);
END;

-- The partners already recorded.
UPDATE partners SET search_text = (SELECT text FROM partner_search_texts WHERE partner_id = partners.id);
