// The partner portal's and program console's API calls, through the dashboard's typed client (api.ts).
import type { ApiKey, ProgramSettingsPatch } from '../../shared/schemas/console';
import type { MemberRole, PartnerProfilePatch, RegistrationInput, StatusChangeInput } from '../../shared/schemas/partners';
import type { LeadDecision, ReferralInput, ReferralPatch, ReferralQuery } from '../../shared/schemas/referrals';
import type { ClientQuery } from '../../shared/schemas/customers';
import type { BillingEvent } from '../../shared/schemas/integrations';
import type { components, paths } from './api-types';
import { answer, client } from './api';

const partner = (partnerId: string) => ({ params: { path: { partnerId } } });
const program = (programId: string) => ({ params: { path: { programId } } });
const endpoint = (programId: string, endpointId: string) => ({ params: { path: { programId, endpointId } } });

export type WebhookEndpointInput = components['schemas']['WebhookEndpointInput'];
export type WebhookEndpointPatch = components['schemas']['WebhookEndpointPatch'];
export type BillingMode = components['schemas']['BillingMode'];
export type BillingProvider = components['schemas']['BillingProvider'];
export type BillingEventStatus = BillingEvent['status'];
export type ExchangeRate = components['schemas']['ExchangeRate'];
export type ConsoleReferralInput = components['schemas']['ConsoleReferralInput'];
/** The console's referral list: the partner's query, narrowed by partner, stage, registration status, overdue and possible duplicates. */
export type ConsoleReferralQuery = NonNullable<paths['/api/v1/programs/{programId}/referrals']['get']['parameters']['query']>;
/** The console's partner list: search, sort, order, page, page size and the sales representative filter. */
export type ConsolePartnerQuery = NonNullable<paths['/api/v1/programs/{programId}/partner-records']['get']['parameters']['query']>;
/** The console's engagement list: which trigger's partners, and a page of them. */
export type EngagementQuery = NonNullable<paths['/api/v1/programs/{programId}/engagement']['get']['parameters']['query']>;
export type BillingEventQuery = { status?: BillingEventStatus; provider?: BillingProvider; before?: string; limit?: number };

export const portalApi = {
  registration: (programId: string) => answer(client.GET('/api/v1/join/{programId}', program(programId))),
  register: (programId: string, input: RegistrationInput) => answer(client.POST('/api/v1/join/{programId}', { ...program(programId), body: input })),

  profile: (id: string) => answer(client.GET('/api/v1/partners/{partnerId}/profile', partner(id))),
  updateProfile: (id: string, patch: PartnerProfilePatch) => answer(client.PATCH('/api/v1/partners/{partnerId}/profile', { ...partner(id), body: patch })),

  memberInvites: (id: string) => answer(client.GET('/api/v1/partners/{partnerId}/member-invites', partner(id))),
  inviteMember: (id: string, email: string, role: MemberRole) => answer(client.POST('/api/v1/partners/{partnerId}/member-invites', { ...partner(id), body: { email, role } })),
  withdrawInvite: (id: string, inviteId: string) => answer(client.DELETE('/api/v1/partners/{partnerId}/member-invites/{inviteId}', { params: { path: { partnerId: id, inviteId } } })),
  lookupInvite: (token: string) => answer(client.GET('/api/v1/member-invites/{token}', { params: { path: { token } } })),
  acceptInvite: (token: string, input: { name?: string; password: string }) => answer(client.POST('/api/v1/member-invites/{token}/accept', { params: { path: { token } }, body: input })),

  referrals: (id: string, q: ReferralQuery) =>
    answer(client.GET('/api/v1/partners/{partnerId}/referrals', { params: { path: { partnerId: id }, query: Object.fromEntries(Object.entries(q).filter(([, v]) => v !== undefined && v !== '')) } })),
  referral: (id: string, referralId: string) => answer(client.GET('/api/v1/partners/{partnerId}/referrals/{referralId}', { params: { path: { partnerId: id, referralId } } })),
  createReferral: (id: string, input: ReferralInput) => answer(client.POST('/api/v1/partners/{partnerId}/referrals', { ...partner(id), body: input })),
  proposeWon: (id: string, referralId: string, note?: string) =>
    answer(client.POST('/api/v1/partners/{partnerId}/referrals/{referralId}/won-proposal', { params: { path: { partnerId: id, referralId } }, body: { note } })),
  updateReferral: (id: string, referralId: string, patch: ReferralPatch) =>
    answer(client.PATCH('/api/v1/partners/{partnerId}/referrals/{referralId}', { params: { path: { partnerId: id, referralId } }, body: patch })),

  consoleReferrals: (id: string, q: ConsoleReferralQuery) =>
    answer(client.GET('/api/v1/programs/{programId}/referrals', { params: { path: { programId: id }, query: Object.fromEntries(Object.entries(q).filter(([, v]) => v !== undefined && v !== '')) } })),
  consoleReferral: (id: string, referralId: string) => answer(client.GET('/api/v1/programs/{programId}/referrals/{referralId}', { params: { path: { programId: id, referralId } } })),
  sendReferral: (id: string, input: ConsoleReferralInput) => answer(client.POST('/api/v1/programs/{programId}/referrals', { ...program(id), body: input })),
  updateConsoleReferral: (id: string, referralId: string, patch: ReferralPatch) =>
    answer(client.PATCH('/api/v1/programs/{programId}/referrals/{referralId}', { params: { path: { programId: id, referralId } }, body: patch })),
  eraseReferralContacts: (id: string, referralId: string) =>
    answer(client.DELETE('/api/v1/programs/{programId}/referrals/{referralId}/contacts', { params: { path: { programId: id, referralId } } })),
  decideLead: (id: string, referralId: string, decision: LeadDecision) =>
    answer(client.POST('/api/v1/programs/{programId}/referrals/{referralId}/decision', { params: { path: { programId: id, referralId } }, body: decision })),

  clients: (id: string, q: ClientQuery) =>
    answer(client.GET('/api/v1/partners/{partnerId}/clients', { params: { path: { partnerId: id }, query: Object.fromEntries(Object.entries(q).filter(([, v]) => v !== undefined && v !== '')) } })),

  consolePartners: (id: string, q: ConsolePartnerQuery) =>
    answer(client.GET('/api/v1/programs/{programId}/partner-records', { params: { path: { programId: id }, query: Object.fromEntries(Object.entries(q).filter(([, v]) => v !== undefined && v !== '')) } })),
  // Links, not calls: the browser downloads the files (program managers only).
  exportCsvUrl: (id: string, file: 'partners' | 'referrals' | 'customers' | 'ledger' | 'withdrawals') => `/api/v1/programs/${encodeURIComponent(id)}/exports/${file}.csv`,
  changeStatus: (id: string, partnerId: string, input: StatusChangeInput) =>
    answer(client.POST('/api/v1/programs/{programId}/partners/{partnerId}/status', { params: { path: { programId: id, partnerId } }, body: input })),
  assignSalesRep: (id: string, partnerId: string, accountId: string | null) =>
    answer(client.PUT('/api/v1/programs/{programId}/partners/{partnerId}/sales-rep', { params: { path: { programId: id, partnerId } }, body: { accountId } })),
  staff: (id: string) => answer(client.GET('/api/v1/programs/{programId}/staff', program(id))),
  inviteStaff: (id: string, email: string, name: string) => answer(client.POST('/api/v1/programs/{programId}/staff', { ...program(id), body: { email, name, role: 'sales_rep' } })),
  staffInvites: (id: string) => answer(client.GET('/api/v1/programs/{programId}/staff-invites', program(id))),
  withdrawStaffInvite: (id: string, inviteId: string) => answer(client.DELETE('/api/v1/programs/{programId}/staff-invites/{staffInviteId}', { params: { path: { programId: id, staffInviteId: inviteId } } })),
  lookupStaffInvite: (token: string) => answer(client.GET('/api/v1/staff-invites/{token}', { params: { path: { token } } })),
  acceptStaffInvite: (token: string, input: { name?: string; password: string }) => answer(client.POST('/api/v1/staff-invites/{token}/accept', { params: { path: { token } }, body: input })),
  settings: (id: string) => answer(client.GET('/api/v1/programs/{programId}/settings', program(id))),
  updateSettings: (id: string, patch: ProgramSettingsPatch) => answer(client.PATCH('/api/v1/programs/{programId}/settings', { ...program(id), body: patch })),
  publishTerms: (id: string, body: string) => answer(client.POST('/api/v1/programs/{programId}/terms', { ...program(id), body: { body } })),
  programTerms: (id: string) => answer(client.GET('/api/v1/programs/{programId}/terms', program(id))),
  termsAcceptances: (id: string, before?: string) =>
    answer(client.GET('/api/v1/programs/{programId}/terms/acceptances', { params: { path: { programId: id }, query: { limit: 20, ...(before ? { before } : {}) } } })),
  // A link, not a call: the browser downloads the file.
  termsAcceptancesCsvUrl: (id: string) => `/api/v1/programs/${encodeURIComponent(id)}/terms/acceptances/export.csv`,

  termsStanding: (id: string) => answer(client.GET('/api/v1/partners/{partnerId}/terms/current', partner(id))),
  acceptTerms: (id: string, version: number) => answer(client.POST('/api/v1/partners/{partnerId}/terms/acceptances', { ...partner(id), body: { version } })),
  partnerTermsAcceptances: (id: string) => answer(client.GET('/api/v1/partners/{partnerId}/terms/acceptances', partner(id))),
  keys: (id: string) => answer(client.GET('/api/v1/programs/{programId}/keys', program(id))),
  createKey: (id: string, kind: ApiKey['kind']) => answer(client.POST('/api/v1/programs/{programId}/keys', { ...program(id), body: { kind } })),
  revokeKey: (id: string, keyId: string) => answer(client.DELETE('/api/v1/programs/{programId}/keys/{keyId}', { params: { path: { programId: id, keyId } } })),
  heldSignups: (id: string) => answer(client.GET('/api/v1/programs/{programId}/held-signups', program(id))),
  decideSignup: (id: string, customerId: string, decision: 'approve' | 'reject' | 'award_to_lead') =>
    answer(client.POST('/api/v1/programs/{programId}/held-signups/{customerId}/decision', { params: { path: { programId: id, customerId } }, body: { decision } })),
  webhookEndpoints: (id: string) => answer(client.GET('/api/v1/programs/{programId}/webhook-endpoints', program(id))),
  createWebhookEndpoint: (id: string, input: WebhookEndpointInput) => answer(client.POST('/api/v1/programs/{programId}/webhook-endpoints', { ...program(id), body: input })),
  updateWebhookEndpoint: (id: string, endpointId: string, patch: WebhookEndpointPatch) =>
    answer(client.PATCH('/api/v1/programs/{programId}/webhook-endpoints/{endpointId}', { ...endpoint(id, endpointId), body: patch })),
  deleteWebhookEndpoint: (id: string, endpointId: string) => answer(client.DELETE('/api/v1/programs/{programId}/webhook-endpoints/{endpointId}', endpoint(id, endpointId))),
  rotateWebhookSecret: (id: string, endpointId: string) => answer(client.POST('/api/v1/programs/{programId}/webhook-endpoints/{endpointId}/secret', endpoint(id, endpointId))),
  sendTestWebhook: (id: string, endpointId: string) => answer(client.POST('/api/v1/programs/{programId}/webhook-endpoints/{endpointId}/test', endpoint(id, endpointId))),
  webhookDeliveries: (id: string, endpointId: string) => answer(client.GET('/api/v1/programs/{programId}/webhook-endpoints/{endpointId}/deliveries', endpoint(id, endpointId))),
  replayWebhookDelivery: (id: string, endpointId: string, deliveryId: string) =>
    answer(client.POST('/api/v1/programs/{programId}/webhook-endpoints/{endpointId}/deliveries/{deliveryId}/replay', { params: { path: { programId: id, endpointId, deliveryId } } })),
  integrations: (id: string) => answer(client.GET('/api/v1/programs/{programId}/integrations', program(id))),
  setBillingMode: (id: string, billingMode: BillingMode) => answer(client.PATCH('/api/v1/programs/{programId}/integrations', { ...program(id), body: { billingMode } })),
  addBillingSecret: (id: string, provider: BillingProvider, mode: BillingMode, secret: string) =>
    answer(client.POST('/api/v1/programs/{programId}/integrations/{provider}/secrets', { params: { path: { programId: id, provider } }, body: { mode, secret } })),
  removeBillingSecret: (id: string, provider: BillingProvider, secretId: string) =>
    answer(client.DELETE('/api/v1/programs/{programId}/integrations/{provider}/secrets/{secretId}', { params: { path: { programId: id, provider, secretId } } })),
  billingEvents: (id: string, q: BillingEventQuery) => answer(client.GET('/api/v1/programs/{programId}/integrations/events', { params: { path: { programId: id }, query: q } })),
  replayBillingEvent: (id: string, billingEventId: string) =>
    answer(client.POST('/api/v1/programs/{programId}/integrations/events/{billingEventId}/replay', { params: { path: { programId: id, billingEventId } } })),
  exchangeRates: (id: string) => answer(client.GET('/api/v1/programs/{programId}/exchange-rates', program(id))),
  setExchangeRate: (id: string, currency: string, asOf: string, rate: string) =>
    answer(client.PUT('/api/v1/programs/{programId}/exchange-rates/{currency}/{asOf}', { params: { path: { programId: id, currency, asOf } }, body: { rate } })),
  removeExchangeRate: (id: string, currency: string, asOf: string) =>
    answer(client.DELETE('/api/v1/programs/{programId}/exchange-rates/{currency}/{asOf}', { params: { path: { programId: id, currency, asOf } } })),
  engagement: (id: string, query: EngagementQuery) => answer(client.GET('/api/v1/programs/{programId}/engagement', { params: { path: { programId: id }, query } })),
  nudge: (id: string, partnerId: string, kind: EngagementQuery['kind'], resend: boolean) =>
    answer(client.POST('/api/v1/programs/{programId}/engagement/{partnerId}/nudge', { params: { path: { programId: id, partnerId } }, body: { kind, resend } })),
  metrics: (id: string, from: string, to: string) => answer(client.GET('/api/v1/programs/{programId}/metrics', { params: { path: { programId: id }, query: { from, to } } })),
};
