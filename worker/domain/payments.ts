// A payment's place in its customer's and its partner's history: what the commission rules need to know about it.

export interface PaymentStanding {
  /** No earlier payment of this customer is known (a late report of an older invoice is the first, too). */
  isFirstPayment: boolean;
  /** When the customer first paid, counting this payment. */
  firstPaidAt: number;
  /** The partner's customers who first paid within the reporting period, counting this one: the escalation tiers' count. */
  successfulReferrals: number;
}

/**
 * Where a payment paid at `paidAt` stands, given the customer's earliest payment on record and how many of the
 * partner's customers first paid within `period` before it.
 */
export function paymentStanding(paidAt: number, firstPaidBefore: number | null, firstPaymentsInPeriod: number, period: { startsAt: number; endsAt: number }): PaymentStanding {
  const isFirstPayment = firstPaidBefore === null || paidAt < firstPaidBefore;
  const inPeriod = paidAt >= period.startsAt && paidAt < period.endsAt;
  return {
    isFirstPayment,
    firstPaidAt: isFirstPayment ? paidAt : firstPaidBefore!,
    successfulReferrals: firstPaymentsInPeriod + (isFirstPayment && inPeriod ? 1 : 0),
  };
}
