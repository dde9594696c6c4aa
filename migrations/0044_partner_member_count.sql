-- Each partner's number of members, kept by triggers, so the console's partner companies (the partners with more than
-- one member: docs/METRICS.md) are read from a partial index of the program's companies alone. Before, the metrics
-- counted every member of every program's partners on each call (4 of the per-partner statement's 15 ms at 10,000
-- partners in sqlite3, on npm run bench:scale's database), and more with every program on the same database.
ALTER TABLE partners ADD COLUMN member_count INTEGER NOT NULL DEFAULT 0;

UPDATE partners SET member_count = (SELECT count(*) FROM members m WHERE m.partner_id = partners.id);

CREATE TRIGGER partner_member_count_new AFTER INSERT ON members
BEGIN
  UPDATE partners SET member_count = member_count + 1 WHERE id = NEW.partner_id;
END;

CREATE TRIGGER partner_member_count_gone AFTER DELETE ON members
BEGIN
  UPDATE partners SET member_count = member_count - 1 WHERE id = OLD.partner_id;
END;

CREATE TRIGGER partner_member_count_moved AFTER UPDATE OF partner_id ON members
WHEN NEW.partner_id IS NOT OLD.partner_id
BEGIN
  UPDATE partners SET member_count = member_count - 1 WHERE id = OLD.partner_id;
  UPDATE partners SET member_count = member_count + 1 WHERE id = NEW.partner_id;
END;

CREATE INDEX partners_program_companies ON partners (program_id, member_count, id) WHERE member_count > 1;
