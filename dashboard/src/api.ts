// The dashboard's only door to the API: same-origin JSON calls that throw the API's error message.
import type { Invitation, InvitationInput, InvitationPatch, LedgerEntry, Member, PartnerSummary, Session, Stats } from '../../shared/schemas';

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

export async function request<T>(method: string, path: string, body?: unknown): Promise<T> {
  const res = await fetch(`/api/v1${path}`, {
    method,
    credentials: 'same-origin',
    // The server refuses state-changing calls that are not JSON from our own origin.
    headers: body === undefined ? { Accept: 'application/json' } : { Accept: 'application/json', 'Content-Type': 'application/json' },
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
};
