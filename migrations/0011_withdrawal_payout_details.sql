-- Where a withdrawal is paid is fixed when it is requested: later edits of the partner's payout details
-- do not redirect money already requested.
ALTER TABLE withdrawals ADD COLUMN payout_details TEXT;
