-- Verbal (offline) referrals (docs/LEADS.md): a referral staff heard in conversation, entered on an advocate's behalf,
-- with the channel it came through and who entered it. An advocate not yet in the program gets a partner of their
-- own, without members, and an emailed invite to claim it; what it earns is kept for them for the program's period.
ALTER TABLE referrals ADD COLUMN channel TEXT CHECK (channel IN ('phone', 'meeting', 'event', 'email'));
ALTER TABLE referrals ADD COLUMN entered_by_account_id TEXT REFERENCES accounts(id);
ALTER TABLE programs ADD COLUMN unclaimed_reward_days INTEGER NOT NULL DEFAULT 180 CHECK (unclaimed_reward_days BETWEEN 7 AND 3650);
