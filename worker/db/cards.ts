// Referral cards: what a printed card tells about an invitation, who shares it, and what the program offers.
import { money, type Money } from '../../shared/money';

export interface ReferralCardFacts {
  code: string;
  active: boolean;
  partnerName: string | null; // null when a customer is the advocate
  programName: string;
  signupCredit: Money;
}

/** One indexed read, not cached: a card is printed rarely, and must not outlive a deactivation. */
export async function referralCardFacts(db: D1Database, codeKey: string): Promise<ReferralCardFacts | null> {
  const r = await db
    .prepare(
      `SELECT i.code, i.active, p.name AS partner_name, g.name AS program_name, g.signup_credit_minor, g.currency
       FROM invitations i
       JOIN programs g ON g.id = i.program_id
       LEFT JOIN partners p ON p.id = i.partner_id
       WHERE i.code_key = ?`,
    )
    .bind(codeKey)
    .first<{ code: string; active: number; partner_name: string | null; program_name: string; signup_credit_minor: number; currency: string }>();
  if (!r) return null;
  return {
    code: r.code,
    active: r.active === 1,
    partnerName: r.partner_name,
    programName: r.program_name,
    signupCredit: money(r.signup_credit_minor, r.currency),
  };
}
