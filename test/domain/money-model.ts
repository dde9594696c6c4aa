// An in-memory ledger with D1's guarantees (unique idempotency keys, guarded all-or-nothing inserts, a balance
// cache kept like the holder_balances trigger), driven through the same domain rules the Worker uses.
import { add, money } from '../../shared/money';
import { balanceFrom, emptyBalance, refundMoves, releaseMoves, retentionMoves, type Balance, type LedgerDraft, type Lot } from '../../worker/domain/ledger';
import { paymentEntries, type RewardRule } from '../../worker/domain/commissions';
import { signupEntries } from '../../worker/domain/signups';
import {
  clientPaymentEntry, clientPaymentQuote, creditSpendEntry, topUpEntry, withdrawalPaid, withdrawalProblem, withdrawalRequested, withdrawalReturned,
} from '../../worker/domain/withdrawals';

export interface Entry extends LedgerDraft {
  id: string;
  holderId: string;
  seq: number;
}

const C = 'EUR';
const eur = (n: number) => money(n, C);

export class Model {
  entries: Entry[] = [];
  keys = new Set<string>();
  cache = new Map<string, Balance>();
  payments = new Map<string, { id: string; customer: string; amount: number; refunded: number; paidAt: number }>();
  refunds = new Map<string, { id: string; invoice: string }>();
  customers = new Map<string, { partnerId: string; subscribed: boolean; firstPaidAt: number | null }>();
  withdrawals = new Map<string, { partnerId: string; amount: number; status: 'requested' | 'approved' | 'paid' | 'failed' | 'canceled' }>();
  now = Date.UTC(2026, 0, 1);
  private seq = 0;

  constructor(
    readonly rules: RewardRule[],
    readonly recruiterOf: Record<string, string | undefined>,
    readonly secondTierBps: number,
    readonly minimum = 5000,
  ) {}

  /** One guarded INSERT ... SELECT: all drafts or none, each at most once per idempotency key. */
  post(drafts: LedgerDraft[], guard: () => boolean = () => true): number {
    if (!guard()) return 0;
    let posted = 0;
    for (const d of drafts) {
      if (this.keys.has(d.idempotencyKey)) continue;
      this.keys.add(d.idempotencyKey);
      const holderId = 'partnerId' in d.holder ? d.holder.partnerId : d.holder.customerId;
      this.entries.push({ ...d, id: `led_${++this.seq}`, holderId, seq: this.seq });
      const b = this.cache.get(holderId) ?? emptyBalance(C);
      b[d.status] = add(b[d.status], d.amount);
      this.cache.set(holderId, b);
      posted++;
    }
    return posted;
  }

  balance(holderId: string): Balance {
    return this.cache.get(holderId) ?? emptyBalance(C);
  }

  sumOf(holderId: string): Balance {
    return balanceFrom(C, this.entries.filter((e) => e.holderId === holderId));
  }

  lots(where: (lot: Entry) => boolean): Lot[] {
    return this.entries
      .filter((e) => e.type === 'commission' && !e.lotId && where(e))
      .map((l) => {
        const moves = this.entries.filter((m) => m.lotId === l.id);
        const at = (s: string) => moves.filter((m) => m.status === s).reduce((n, m) => n + m.amount.amount, 0) + (l.status === s ? l.amount.amount : 0);
        return {
          id: l.id, partnerId: l.holderId, amount: l.amount, pending: eur(at('pending')), available: eur(at('available')),
          clawed: eur(moves.filter((m) => m.type === 'clawback' && m.status === 'reversed').reduce((n, m) => n + m.amount.amount, 0)),
          reversed: eur(at('reversed')), availableAt: l.availableAt ?? 0, requiresRetention: l.requiresRetention === true,
          subjectCustomerId: l.subjectCustomerId ?? null, eventType: l.eventType, eventId: l.eventId, reason: l.reason,
        };
      });
  }

  // The flows below mirror the Worker's routes: read, decide with the domain rules, write guarded.

  signup(customerId: string, partnerId: string): number {
    if (this.customers.has(customerId)) return 0;
    this.customers.set(customerId, { partnerId, subscribed: true, firstPaidAt: null });
    return this.post(signupEntries({ customerId, source: { invitationCode: 'X' }, partnerId, currency: C, signupCreditMinor: 500, rules: this.rules, now: this.now }));
  }

  /** `racers` concurrent reports of the same invoice: each computes its own entries; one payment row wins. */
  payment(customerId: string, invoice: string, amount: number, racers: number): number {
    const customer = this.customers.get(customerId);
    if (!customer || this.payments.has(invoice)) return 0;
    const isFirst = customer.firstPaidAt === null;
    const firstPaidAt = customer.firstPaidAt ?? this.now;
    const candidates = Array.from({ length: racers }, (_, i) => `pay_${invoice}_${i}`);
    const drafts = candidates.map((id) =>
      paymentEntries({
        paymentId: id, invoiceId: invoice, amount: eur(amount), product: null, paidAt: this.now, customerId, partnerId: customer.partnerId,
        partnerDisplayId: customer.partnerId, recruiter: this.recruiterOf[customer.partnerId] ? { partnerId: this.recruiterOf[customer.partnerId]!, displayId: 'R', approved: true } : null,
        secondTierBps: this.secondTierBps, isFirstPayment: isFirst, firstPaidAt, successfulReferrals: 1, rules: this.rules, now: this.now,
      }),
    );
    let posted = 0;
    candidates.forEach((id, i) => {
      if (!this.payments.has(invoice)) this.payments.set(invoice, { id, customer: customerId, amount, refunded: 0, paidAt: this.now });
      posted += this.post(drafts[i], () => this.payments.get(invoice)!.id === id);
    });
    customer.firstPaidAt = firstPaidAt;
    return posted;
  }

  refund(invoice: string, refundRef: string, amount: number): number {
    const p = this.payments.get(invoice);
    if (!p || this.refunds.has(refundRef) || p.refunded + amount > p.amount || amount <= 0) return 0;
    const id = `ref_${refundRef}`;
    const drafts = refundMoves(this.lots((l) => l.eventType === 'payment' && l.eventId === p.id), { refundId: id, invoiceId: invoice, paymentAmount: eur(p.amount), refundedBefore: eur(p.refunded), refund: eur(amount) });
    this.refunds.set(refundRef, { id, invoice });
    p.refunded += amount;
    return this.post(drafts);
  }

  cancel(customerId: string): number {
    const c = this.customers.get(customerId);
    if (!c) return 0;
    c.subscribed = false;
    return this.post(retentionMoves(this.lots((l) => l.subjectCustomerId === customerId && l.requiresRetention === true), customerId, this.now, customerId));
  }

  close(periodId: string): number {
    const posted = this.post(releaseMoves(this.lots((l) => l.status === 'pending'), this.now, periodId));
    for (const w of this.withdrawals.values()) if (w.status === 'requested') w.status = 'approved';
    return posted;
  }

  withdraw(partnerId: string, id: string, amount: number): number {
    if (this.withdrawals.has(id)) return 0;
    const hasOpenRequest = [...this.withdrawals.values()].some((w) => w.partnerId === partnerId && (w.status === 'requested' || w.status === 'approved'));
    const problem = withdrawalProblem({ amount: eur(amount), programCurrency: C, available: this.balance(partnerId).available, minimum: eur(this.minimum), payoutMethod: 'bank_account', hasOpenRequest });
    if (problem) return 0;
    this.withdrawals.set(id, { partnerId, amount, status: 'requested' });
    return this.post([withdrawalRequested(partnerId, id, eur(amount), 'bank_account')]);
  }

  settle(id: string, outcome: 'paid' | 'failed' | 'canceled'): number {
    const w = this.withdrawals.get(id);
    if (!w) return 0;
    const from = outcome === 'canceled' ? ['requested'] : ['approved'];
    if (from.includes(w.status)) w.status = outcome;
    if (w.status !== outcome) return 0;
    const entry = outcome === 'paid' ? withdrawalPaid(w.partnerId, id, eur(w.amount)) : withdrawalReturned(w.partnerId, id, eur(w.amount), outcome);
    return this.post([entry]);
  }

  /** Spending from a balance: the insert is guarded by the balance covering it. */
  spend(holderId: string, entry: LedgerDraft): number {
    return this.post([entry], () => this.balance(holderId).available.amount >= -entry.amount.amount);
  }

  topUp(partnerId: string, ref: string, amount: number): number {
    return this.post([topUpEntry(partnerId, eur(amount), ref)]);
  }

  clientPayment(partnerId: string, customerId: string, id: string, listPrice: number, discountBps: number): number {
    const c = this.customers.get(customerId);
    if (!c || c.partnerId !== partnerId) return 0;
    return this.spend(partnerId, clientPaymentEntry(partnerId, id, customerId, 'pro', clientPaymentQuote(eur(listPrice), discountBps)));
  }

  creditSpend(customerId: string, ref: string, amount: number): number {
    if (!this.customers.has(customerId)) return 0;
    return this.spend(customerId, creditSpendEntry(customerId, ref, eur(amount), undefined));
  }

  /** Every way the ledger could be wrong; empty when it is sound. */
  violations(): string[] {
    const v: string[] = [];
    if (this.keys.size !== this.entries.length) v.push('an idempotency key posted twice');
    for (const holder of new Set(this.entries.map((e) => e.holderId))) {
      const cached = this.balance(holder);
      const summed = this.sumOf(holder);
      for (const s of ['pending', 'available', 'paid', 'reversed'] as const) {
        if (cached[s].amount !== summed[s].amount) v.push(`${holder} ${s}: balance ${cached[s].amount} but entries sum to ${summed[s].amount}`);
      }
    }
    for (const l of this.lots(() => true)) {
      if (l.pending.amount < 0) v.push(`${l.id} pending below zero`);
      if (l.reversed.amount > l.amount.amount) v.push(`${l.id} reversed more than it earned`);
      if (l.pending.amount + l.available.amount + l.reversed.amount !== l.amount.amount) v.push(`${l.id} moves created or lost money`);
    }
    // A partner's money, over all statuses: what it earned and paid in, less what it spent and what waits to be paid out.
    for (const partner of new Set(this.entries.filter((e) => 'partnerId' in e.holder).map((e) => e.holderId))) {
      const all = this.entries.filter((e) => e.holderId === partner);
      const total = all.reduce((n, e) => n + e.amount.amount, 0);
      const earned = all.filter((e) => e.type === 'commission' && !e.lotId).reduce((n, e) => n + e.amount.amount, 0);
      const flows = all.filter((e) => e.type === 'top_up' || e.type === 'client_payment').reduce((n, e) => n + e.amount.amount, 0);
      const open = [...this.withdrawals.values()].filter((w) => w.partnerId === partner && (w.status === 'requested' || w.status === 'approved')).reduce((n, w) => n + w.amount, 0);
      if (total !== earned + flows - open) v.push(`${partner}: entries total ${total}, expected ${earned + flows - open}`);
    }
    return v;
  }
}

