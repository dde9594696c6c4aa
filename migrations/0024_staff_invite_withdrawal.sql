-- A program manager can withdraw a sales representative's invite that is still open, as a partner's owner can withdraw
-- a colleague's: the link stops working and its email, if not sent yet, is not sent.
ALTER TABLE staff_invites ADD COLUMN revoked_at INTEGER;
