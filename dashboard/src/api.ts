// The dashboard's only door to the API: same-origin JSON calls that throw the API's error message.
import type { Invitation, InvitationInput, InvitationPatch, LedgerEntry, Member, PartnerSummary, Session, Stats } from '../../shared/schemas';
import type { Money } from '../../shared/money';
import type { PartnerBalance, PayoutBatch, Payouts, Quote, RewardRuleInput, RewardRuleView, Withdrawal } from '../../shared/money-schemas';

export interface FieldProblem {
  path: string;
  message: string;
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
  }

  /** Validation problems (400) carry a list of {path, message}; anything else carries none. */
  get problems(): FieldProblem[] {
    return Array.isArray(this.details) ? this.details.filter((d): d is FieldProblem => typeof d?.message === 'string') : [];
  }
}

interface ErrorBody {
  error?: { code?: string; message?: string; details?: unknown };
}

// Set by the app, so that an expired session anywhere sends the user back to sign-in.
let unauthorized: () => void = () => {};
export function onUnauthorized(handler: () => void): void {
  unauthorized = handler;
}

export async function request<T>(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<T> {
  const res = await fetch(`/api/v1${path}`, {
    method,
    credentials: 'same-origin',
    // The server refuses state-changing calls that are not JSON from our own origin.
    headers: body === undefined ? { Accept: 'application/json', ...headers } : { Accept: 'application/json', 'Content-Type': 'application/json', ...headers },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (res.status === 204) return undefined as T;
  const data: unknown = await res.json().catch(() => null);
  if (!res.ok) {
    const e = (data as ErrorBody | null)?.error;
    const err = new ApiError(res.status, e?.code ?? 'http_error', e?.message ?? `Request failed (${res.status}).`, e?.details);
    // Signing in with a wrong password is also a 401, but that is the form's business, not an expired session.
    if (res.status === 401 && path !== '/session') unauthorized();
    throw err;
  }
  return data as T;
}

const seg = encodeURIComponent;

export type InvitationDraft = InvitationInput;
/** What an edit may change; null clears a field. The code is never among them: it is printed on cards. */
export type InvitationChanges = InvitationPatch;
export type StatsGrouping = Stats['by'];

export interface StatsQuery {
  by: StatsGrouping;
  from: string; // YYYY-MM-DD, UTC
  to: string;
}

export const api = {
  signIn: (email: string, password: string) => request<Session>('POST', '/session', { email, password }),
  session: () => request<Session>('GET', '/session'),
  signOut: () => request<void>('DELETE', '/session'),
  partner: (id: string) => request<PartnerSummary>('GET', `/partners/${seg(id)}`),
  invitations: (id: string) => request<Invitation[]>('GET', `/partners/${seg(id)}/invitations`),
  createInvitation: (id: string, draft: InvitationDraft) => request<Invitation>('POST', `/partners/${seg(id)}/invitations`, draft),
  updateInvitation: (id: string, invitationId: string, changes: InvitationChanges) =>
    request<Invitation>('PATCH', `/partners/${seg(id)}/invitations/${seg(invitationId)}`, changes),
  stats: (id: string, q: StatsQuery) => request<Stats>('GET', `/partners/${seg(id)}/stats?${new URLSearchParams({ ...q })}`),
  members: (id: string) => request<Member[]>('GET', `/partners/${seg(id)}/members`),
  ledger: (id: string) => request<LedgerEntry[]>('GET', `/partners/${seg(id)}/ledger`),
  programPartners: (id: string) => request<PartnerSummary[]>('GET', `/programs/${seg(id)}/partners`),
  balance: (id: string) => request<PartnerBalance>('GET', `/partners/${seg(id)}/balance`),
  /** Money moves carry an Idempotency-Key, so a double click or a retried request moves it once. */
  requestWithdrawal: (id: string, amount: Money, key: string) => request<Withdrawal>('POST', `/partners/${seg(id)}/withdrawals`, { amount }, { 'Idempotency-Key': key }),
  cancelWithdrawal: (id: string, withdrawalId: string) => request<Withdrawal>('POST', `/partners/${seg(id)}/withdrawals/${seg(withdrawalId)}/cancel`, {}),
  quote: (id: string, customerId: string, plan: string) => request<Quote>('GET', `/partners/${seg(id)}/client-payments/quote?${new URLSearchParams({ customerId, plan })}`),
  /** Pays the interval the quote showed (its price and paid-until date), and nothing else. */
  payForClient: (id: string, customerId: string, plan: string, reviewed: Pick<Quote, 'price' | 'paidUntil'>, key: string) =>
    request<{ id: string; paidUntil: string }>('POST', `/partners/${seg(id)}/client-payments`, { customerId, plan, expectedPrice: reviewed.price, paidUntil: reviewed.paidUntil }, { 'Idempotency-Key': key }),
  terms: (id: string) => request<{ terms: string[]; recruitingLink: string | null }>('GET', `/partners/${seg(id)}/terms`),
  payouts: (programId: string) => request<Payouts>('GET', `/programs/${seg(programId)}/payouts`),
  closePeriod: (programId: string, periodId: string) => request<{ batchId: string; released: Money }>('POST', `/programs/${seg(programId)}/periods/${seg(periodId)}/close`, {}),
  payoutBatch: (programId: string, batchId: string) => request<PayoutBatch>('GET', `/programs/${seg(programId)}/payout-batches/${seg(batchId)}`),
  batchCsvUrl: (programId: string, batchId: string) => `/api/v1/programs/${seg(programId)}/payout-batches/${seg(batchId)}/export.csv`,
  rewardRules: (programId: string) => request<{ currency: string; secondTierBps: number; rules: RewardRuleView[] }>('GET', `/programs/${seg(programId)}/reward-rules`),
  addRewardRule: (programId: string, rule: Partial<RewardRuleInput>) => request<RewardRuleView>('POST', `/programs/${seg(programId)}/reward-rules`, rule),
  retireRewardRule: (programId: string, ruleId: string) => request<void>('POST', `/programs/${seg(programId)}/reward-rules/${seg(ruleId)}/retire`, {}),
  settleWithdrawal: (programId: string, withdrawalId: string, outcome: 'paid' | 'failed' | 'reject', reason?: string) =>
    request<Withdrawal>('POST', `/programs/${seg(programId)}/withdrawals/${seg(withdrawalId)}/${outcome}`, reason ? { reason } : {}),
};
