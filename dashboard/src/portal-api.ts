// The partner portal's and program console's API calls, through the dashboard's one request function.
import type {
  ApiKey, ApiKeyCreated, Client, ConsolePartner, MemberInvite, MemberInviteCreated, MemberInviteLookup, MemberRole, Overview,
  HeldSignup, PartnerProfile, PartnerProfilePatch, ProgramSettings, ProgramSettingsPatch, ReferralDetail, ReferralInput, ReferralPage,
  ReferralPatch, ReferralQuery, RegistrationInfo, RegistrationInput, Staff, StaffInviteCreated, StaffInviteLookup, StatusChangeInput, Terms,
} from '../../shared/portal-schemas';
import { request } from './api';

const seg = encodeURIComponent;
const partner = (id: string) => `/partners/${seg(id)}`;
const program = (id: string) => `/programs/${seg(id)}`;

export const portalApi = {
  registration: (programId: string) => request<RegistrationInfo>('GET', `/join/${seg(programId)}`),
  register: (programId: string, input: RegistrationInput) => request<{ partnerId: string; displayId: string }>('POST', `/join/${seg(programId)}`, input),

  profile: (id: string) => request<PartnerProfile>('GET', `${partner(id)}/profile`),
  updateProfile: (id: string, patch: PartnerProfilePatch) => request<PartnerProfile>('PATCH', `${partner(id)}/profile`, patch),

  memberInvites: (id: string) => request<MemberInvite[]>('GET', `${partner(id)}/member-invites`),
  inviteMember: (id: string, email: string, role: MemberRole) => request<MemberInviteCreated>('POST', `${partner(id)}/member-invites`, { email, role }),
  withdrawInvite: (id: string, inviteId: string) => request<void>('DELETE', `${partner(id)}/member-invites/${seg(inviteId)}`),
  lookupInvite: (token: string) => request<MemberInviteLookup>('GET', `/member-invites/${seg(token)}`),
  acceptInvite: (token: string, input: { name?: string; password: string }) => request<{ partnerId: string }>('POST', `/member-invites/${seg(token)}/accept`, input),

  referrals: (id: string, q: ReferralQuery) =>
    request<ReferralPage>('GET', `${partner(id)}/referrals?${new URLSearchParams(Object.entries(q).filter(([, v]) => v !== undefined && v !== '').map(([k, v]) => [k, String(v)]))}`),
  referral: (id: string, referralId: string) => request<ReferralDetail>('GET', `${partner(id)}/referrals/${seg(referralId)}`),
  createReferral: (id: string, input: ReferralInput) => request<ReferralDetail>('POST', `${partner(id)}/referrals`, input),
  updateReferral: (id: string, referralId: string, patch: ReferralPatch) => request<ReferralDetail>('PATCH', `${partner(id)}/referrals/${seg(referralId)}`, patch),

  clients: (id: string) => request<Client[]>('GET', `${partner(id)}/clients`),

  consolePartners: (id: string) => request<ConsolePartner[]>('GET', `${program(id)}/partner-records`),
  changeStatus: (id: string, partnerId: string, input: StatusChangeInput) => request<ConsolePartner>('POST', `${program(id)}/partners/${seg(partnerId)}/status`, input),
  assignSalesRep: (id: string, partnerId: string, accountId: string | null) => request<ConsolePartner>('PUT', `${program(id)}/partners/${seg(partnerId)}/sales-rep`, { accountId }),
  staff: (id: string) => request<Staff[]>('GET', `${program(id)}/staff`),
  inviteStaff: (id: string, email: string, name: string) => request<StaffInviteCreated>('POST', `${program(id)}/staff`, { email, name, role: 'sales_rep' }),
  lookupStaffInvite: (token: string) => request<StaffInviteLookup>('GET', `/staff-invites/${seg(token)}`),
  acceptStaffInvite: (token: string, input: { name?: string; password: string }) => request<{ programId: string }>('POST', `/staff-invites/${seg(token)}/accept`, input),
  settings: (id: string) => request<ProgramSettings>('GET', `${program(id)}/settings`),
  updateSettings: (id: string, patch: ProgramSettingsPatch) => request<ProgramSettings>('PATCH', `${program(id)}/settings`, patch),
  publishTerms: (id: string, body: string) => request<Terms>('POST', `${program(id)}/terms`, { body }),
  keys: (id: string) => request<ApiKey[]>('GET', `${program(id)}/keys`),
  createKey: (id: string, kind: ApiKey['kind']) => request<ApiKeyCreated>('POST', `${program(id)}/keys`, { kind }),
  revokeKey: (id: string, keyId: string) => request<ApiKey>('DELETE', `${program(id)}/keys/${seg(keyId)}`),
  heldSignups: (id: string) => request<HeldSignup[]>('GET', `${program(id)}/held-signups`),
  decideSignup: (id: string, customerId: string, decision: 'approve' | 'reject') =>
    request<{ customerId: string; status: string }>('POST', `${program(id)}/held-signups/${seg(customerId)}/decision`, { decision }),
  overview: (id: string, from: string, to: string) => request<Overview>('GET', `${program(id)}/overview?${new URLSearchParams({ from, to })}`),
};
