// Top-ups: money a partner paid in, recorded by the site's server or a program manager, once per partner and reference.
import type { Money } from '../../shared/money';
import type { ProgramRow } from '../env';
import { topUpEntry } from '../domain/withdrawals';
import { getPartner } from '../db/partners';
import { balanceOf, postEntries } from '../db/ledger';

export type TopUpResult =
  | { kind: 'unknown_partner' }
  | { kind: 'recorded'; partnerId: string; created: boolean; balance: Awaited<ReturnType<typeof balanceOf>> };

/** Posts the top-up unless this partner's reference was posted before; either way answers the balance that stands. */
export async function recordTopUp(db: D1Database, program: ProgramRow, input: { partnerId: string; amount: Money; reference: string }): Promise<TopUpResult> {
  const partner = await getPartner(db, input.partnerId);
  if (!partner || partner.programId !== program.id) return { kind: 'unknown_partner' };
  const [r] = await db.batch(postEntries(db, program.id, [topUpEntry(partner.id, input.amount, input.reference)], Date.now()));
  return { kind: 'recorded', partnerId: partner.id, created: r.meta.changes > 0, balance: await balanceOf(db, { partnerId: partner.id }, program.currency) };
}
