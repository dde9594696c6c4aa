-- The console's partner list searched, sorted and paged, and the CSV exports walked a page at a time: each order the
-- list or an export reads in is an index, so a page is an index range and never a sort of the whole program.

-- The partner list's sorts: by name, by number (the display id), by status, by date joined. Status sorts within a
-- status by date joined, so its index supersedes partners_program (program_id, status).
CREATE INDEX partners_program_name ON partners(program_id, name COLLATE NOCASE, id);
CREATE INDEX partners_program_number ON partners(program_id, number);
CREATE INDEX partners_program_status ON partners(program_id, status, created_at, id);
CREATE INDEX partners_program_created ON partners(program_id, created_at, id);
DROP INDEX partners_program;

-- The referral, ledger and withdrawal exports, oldest first. The referrals' index supersedes referrals_program
-- (program_id, registered_at), which the console's list of referrals reads the same way.
CREATE INDEX referrals_program_registered ON referrals(program_id, registered_at, id);
DROP INDEX referrals_program;
CREATE INDEX ledger_program_created ON ledger_entries(program_id, created_at, id);
CREATE INDEX withdrawals_program ON withdrawals(program_id, created_at, id);
