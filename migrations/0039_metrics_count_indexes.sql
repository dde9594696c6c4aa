-- Three counts of the console's metrics (worker/db/metrics.ts, METRICS_SQL.partners and .leads) found their rows
-- through an index and then read every one in the table for a column the index lacked: at 10,000 partners and 20,000
-- leads, npm run bench:scale timed the lead counts at 182 ms and the partner counts at 35 ms, for any period. These
-- partial indexes hold what each count tests, so the counts read index entries alone.
-- Approved partners at a moment (approved_at < ?): program, then the approval time, of the approved ones.
CREATE INDEX partners_program_approved ON partners (program_id, approved_at) WHERE status = 'partner';
-- Leads awaiting an answer, and overdue (due_at <= now), per program.
CREATE INDEX referrals_program_pending ON referrals (program_id, due_at) WHERE registration_status = 'pending';
-- SLA misses: registered leads due in the period, answered after they were due or not yet.
CREATE INDEX referrals_program_lead_due ON referrals (program_id, due_at, decided_at) WHERE type = 'partner_to_program';
