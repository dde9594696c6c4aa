// The dashboard's only door to the API: same-origin JSON calls, typed from the OpenAPI document, that throw the API's
// error message.
import createClient from 'openapi-fetch';
import type { paths } from './api-types';
import type { Quote } from '../../shared/schemas/billing';
import type { InvitationInput, InvitationPatch, Stats } from '../../shared/schemas/invitations';
import type { RewardRuleInput } from '../../shared/schemas/rules';
import type { Money } from '../../shared/money';
import type { EmailPreferencesInput } from '../../shared/schemas/emails';
import { t } from './i18n';
import { NoAnswer, patientFetch } from './patient-fetch';

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

// The API's paths, parameters and bodies come from its OpenAPI document (dashboard/src/api-types.ts, written by
// `npm run openapi` in `npm run build`), so a call the API does not have, or a body it would refuse, fails tsc.
// A read that hangs is asked once more after 20 s, then fails (patient-fetch.ts); nothing else is repeated.
export const client = createClient<paths>({ credentials: 'same-origin', headers: { Accept: 'application/json' }, fetch: patientFetch(20_000) });

interface Answer<T> {
  data?: T;
  error?: unknown;
  response: Response;
}

/** The data of a call's answer, or its error thrown as an ApiError. */
export async function answer<T>(call: Promise<Answer<T>>): Promise<T> {
  const { data, error, response: res } = await call.catch((e: unknown) => {
    throw e instanceof NoAnswer ? new ApiError(0, 'no_answer', t('api.noAnswer')) : e;
  });
  if (res.ok) return data as T;
  const e = (error as ErrorBody | null)?.error;
  // Signing in with a wrong password is also a 401, but that is the form's business, not an expired session.
  if (res.status === 401 && !new URL(res.url, location.href).pathname.endsWith('/session')) unauthorized();
  throw new ApiError(res.status, e?.code ?? 'http_error', e?.message ?? t('api.failed', { status: String(res.status) }), e?.details);
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
  /** One group's days too, by its key: only a row of the table that opens onto them needs them. */
  group?: string;
  /** The days of the group whose key is null (No owner, No campaign), which `group` cannot name. */
  nullGroup?: 'true';
}

/** The query that asks for one group's days, by the key the stats gave it. */
export const oneGroup = (key: string | null): Pick<StatsQuery, 'group' | 'nullGroup'> => (key === null ? { nullGroup: 'true' } : { group: key });

const partner = (partnerId: string) => ({ params: { path: { partnerId } } });
const program = (programId: string) => ({ params: { path: { programId } } });
const idempotent = (key: string) => ({ 'idempotency-key': key });

export const api = {
  signIn: (email: string, password: string) => answer(client.POST('/api/v1/session', { body: { email, password } })),
  session: () => answer(client.GET('/api/v1/session')),
  signOut: () => answer(client.DELETE('/api/v1/session')),
  emailPreferences: () => answer(client.GET('/api/v1/session/email-preferences')),
  updateEmailPreferences: (patch: EmailPreferencesInput) => answer(client.PATCH('/api/v1/session/email-preferences', { body: patch })),
  partner: (id: string) => answer(client.GET('/api/v1/partners/{partnerId}', partner(id))),
  invitations: (id: string) => answer(client.GET('/api/v1/partners/{partnerId}/invitations', partner(id))),
  createInvitation: (id: string, draft: InvitationDraft) => answer(client.POST('/api/v1/partners/{partnerId}/invitations', { ...partner(id), body: draft })),
  updateInvitation: (id: string, invitationId: string, changes: InvitationChanges) =>
    answer(client.PATCH('/api/v1/partners/{partnerId}/invitations/{invitationId}', { params: { path: { partnerId: id, invitationId } }, body: changes })),
  stats: (id: string, q: StatsQuery) => answer(client.GET('/api/v1/partners/{partnerId}/stats', { params: { path: { partnerId: id }, query: q } })),
  members: (id: string) => answer(client.GET('/api/v1/partners/{partnerId}/members', partner(id))),
  ledger: (id: string) => answer(client.GET('/api/v1/partners/{partnerId}/ledger', partner(id))),
  programPartners: (id: string) => answer(client.GET('/api/v1/programs/{programId}/partners', program(id))),
  balance: (id: string) => answer(client.GET('/api/v1/partners/{partnerId}/balance', partner(id))),
  /** Money moves carry an Idempotency-Key, so a double click or a retried request moves it once. */
  requestWithdrawal: (id: string, amount: Money, key: string) =>
    answer(client.POST('/api/v1/partners/{partnerId}/withdrawals', { params: { path: { partnerId: id }, header: idempotent(key) }, body: { amount } })),
  cancelWithdrawal: (id: string, withdrawalId: string) =>
    answer(client.POST('/api/v1/partners/{partnerId}/withdrawals/{withdrawalId}/cancel', { params: { path: { partnerId: id, withdrawalId } } })),
  quote: (id: string, customerId: string, plan: string) =>
    answer(client.GET('/api/v1/partners/{partnerId}/client-payments/quote', { params: { path: { partnerId: id }, query: { customerId, plan } } })),
  /** Pays the interval the quote showed (its price and paid-until date), and nothing else. */
  payForClient: (id: string, customerId: string, plan: string, reviewed: Pick<Quote, 'price' | 'paidUntil'>, key: string) =>
    answer(client.POST('/api/v1/partners/{partnerId}/client-payments', {
      params: { path: { partnerId: id }, header: idempotent(key) },
      body: { customerId, plan, expectedPrice: reviewed.price, paidUntil: reviewed.paidUntil },
    })),
  terms: (id: string) => answer(client.GET('/api/v1/partners/{partnerId}/terms', partner(id))),
  payouts: (programId: string) => answer(client.GET('/api/v1/programs/{programId}/payouts', program(programId))),
  closePeriod: (programId: string, periodId: string) => answer(client.POST('/api/v1/programs/{programId}/periods/{periodId}/close', { params: { path: { programId, periodId } } })),
  payoutBatch: (programId: string, batchId: string) => answer(client.GET('/api/v1/programs/{programId}/payout-batches/{batchId}', { params: { path: { programId, batchId } } })),
  // A link, not a call: the browser downloads the file.
  batchCsvUrl: (programId: string, batchId: string) => `/api/v1/programs/${seg(programId)}/payout-batches/${seg(batchId)}/export.csv`,
  rewardRules: (programId: string) => answer(client.GET('/api/v1/programs/{programId}/reward-rules', program(programId))),
  addRewardRule: (programId: string, rule: Partial<RewardRuleInput>) => answer(client.POST('/api/v1/programs/{programId}/reward-rules', { ...program(programId), body: rule as RewardRuleInput })),
  retireRewardRule: (programId: string, ruleId: string) => answer(client.POST('/api/v1/programs/{programId}/reward-rules/{ruleId}/retire', { params: { path: { programId, ruleId } } })),
  settleWithdrawal: (programId: string, withdrawalId: string, outcome: 'paid' | 'failed' | 'reject', reason?: string) =>
    answer(client.POST(`/api/v1/programs/{programId}/withdrawals/{withdrawalId}/${outcome}`, { params: { path: { programId, withdrawalId } }, body: reason ? { reason } : {} })),
};
