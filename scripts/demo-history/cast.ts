// The demo program's cast for its 90 days of history: partner companies, their members and invitations, and the leads they register. Fixed values, for local use only.
import { DEMO } from '../demo-data';

export interface CastMember {
  id: string;
  accountId: string;
  email: string;
  name: string;
  role: 'owner' | 'manager' | 'finance';
}

export interface CastInvitation {
  id: string;
  code: string;
  campaign: string;
  name: string | null;
  /** The member who owns it (an id of CastMember, or of the demo partner's fixtures). */
  memberId: string;
  /** Unique visits on a day at the end of the 90 days, before noise and the weekly rhythm. */
  dailyVisits: number;
  /** How the visits grow over the 90 days: 'grow' triples them, 'steady' keeps them, 'fade' stops them a month ago (33 days, so its partner's last referral is over 30 days old), 'spike' adds a burst. */
  trend: 'grow' | 'steady' | 'fade' | 'spike';
  /** The share of visits that are QR scans. */
  qrShare: number;
  referrer: string | null;
  /** The share of unique visits that sign up. */
  conversion: number;
}

export interface CastPartner {
  id: string;
  number: number;
  name: string;
  company: string | null;
  /** Days before today when it applied; approved two days later unless `approved` is false. */
  joinedDaysAgo: number;
  approved: boolean;
  payoutMethod: 'bank_account' | 'card' | null;
  payoutDetails: string | null;
  members: CastMember[];
  invitations: CastInvitation[];
}

const inv = (code: string, campaign: string, memberId: string, dailyVisits: number, trend: CastInvitation['trend'], more: Partial<CastInvitation> = {}): CastInvitation => ({
  id: `inv_demo_${code.toLowerCase().replace(/-/g, '_')}`,
  code, campaign, name: null, memberId, dailyVisits, trend, qrShare: 0.05, referrer: null, conversion: 0.07, ...more,
});

const member = (partner: string, key: string, name: string, email: string, role: CastMember['role']): CastMember => ({
  id: `mem_demo_${partner}_${key}`, accountId: `acc_demo_${partner}_${key}`, email, name, role,
});

/** The demo partner (fixtures in demo-data.ts) gets invitations of its own besides DEMO, and history through all of them. */
export const DEMO_PARTNER_INVITATIONS: CastInvitation[] = [
  inv(DEMO.invitationCode, 'Launch', 'mem_demo_owner', 9, 'grow', { id: 'inv_demo' }),
  inv('NEWSLETTER', 'Monthly newsletter', 'mem_demo_sales', 7, 'steady', { name: 'Newsletter footer', conversion: 0.09 }),
  inv('WEBINAR', 'Autumn webinar', 'mem_demo_owner', 6, 'spike', { referrer: 'youtube.com' }),
  inv('FAIR-QR', 'Trade fair', 'mem_demo_sales', 5, 'grow', { name: 'Stand poster', qrShare: 0.85, conversion: 0.05 }),
];

export const CAST: CastPartner[] = [
  {
    id: 'prt_demo_nordic', number: 100002, name: 'Nordic Growth Partners AB', company: 'Nordic Growth Partners AB', joinedDaysAgo: 98, approved: true,
    payoutMethod: 'bank_account', payoutDetails: 'IBAN SE72 8000 0810 3400 0978 6543',
    members: [
      member('nordic', 'erik', 'Erik Lund', 'erik@nordicgrowth.test', 'owner'),
      member('nordic', 'ingrid', 'Ingrid Berg', 'ingrid@nordicgrowth.test', 'manager'),
      member('nordic', 'olof', 'Olof Ek', 'olof@nordicgrowth.test', 'finance'),
    ],
    invitations: [
      inv('NORDIC', 'Website', 'mem_demo_nordic_erik', 10, 'grow'),
      inv('NORDIC-LI', 'LinkedIn', 'mem_demo_nordic_ingrid', 8, 'grow', { referrer: 'linkedin.com', conversion: 0.05 }),
      inv('NORDIC-MEETUP', 'Stockholm meetup', 'mem_demo_nordic_ingrid', 3, 'spike', { qrShare: 0.6 }),
    ],
  },
  {
    id: 'prt_demo_bright', number: 100003, name: 'Brightpath Consulting Ltd', company: 'Brightpath Consulting Ltd', joinedDaysAgo: 95, approved: true,
    payoutMethod: 'bank_account', payoutDetails: 'IBAN GB33 BUKB 2020 1555 5555 55',
    members: [
      member('bright', 'grace', 'Grace Hill', 'grace@brightpath.test', 'owner'),
      member('bright', 'tom', 'Tom Reed', 'tom@brightpath.test', 'manager'),
    ],
    invitations: [
      inv('BRIGHT', 'Client referrals', 'mem_demo_bright_grace', 6, 'steady', { conversion: 0.1 }),
      inv('BRIGHT-BLOG', 'Blog', 'mem_demo_bright_tom', 7, 'steady', { referrer: 'brightpath.test', conversion: 0.04 }),
    ],
  },
  {
    id: 'prt_demo_kaffe', number: 100004, name: 'Kaffebaren Södermalm', company: 'Kaffebaren Södermalm HB', joinedDaysAgo: 80, approved: true,
    payoutMethod: 'card', payoutDetails: 'Visa ending 4242',
    members: [member('kaffe', 'lina', 'Lina Holm', 'lina@kaffebaren.test', 'owner')],
    invitations: [
      inv('KAFFE-QR', 'Table cards', 'mem_demo_kaffe_lina', 8, 'grow', { name: 'Card on every table', qrShare: 0.92, conversion: 0.04 }),
      inv('KAFFE', 'Receipts', 'mem_demo_kaffe_lina', 2, 'steady'),
    ],
  },
  {
    id: 'prt_demo_techblogg', number: 100005, name: 'Techblogg.se', company: null, joinedDaysAgo: 92, approved: true,
    payoutMethod: 'bank_account', payoutDetails: 'IBAN SE35 5000 0000 0549 1000 0003',
    members: [member('techblogg', 'jonas', 'Jonas Wik', 'jonas@techblogg.test', 'owner')],
    invitations: [
      inv('TECHBLOGG', 'Review article', 'mem_demo_techblogg_jonas', 5, 'spike', { referrer: 'techblogg.test', conversion: 0.05 }),
      inv('TECHBLOGG-YT', 'YouTube', 'mem_demo_techblogg_jonas', 4, 'grow', { referrer: 'youtube.com', conversion: 0.04 }),
    ],
  },
  {
    id: 'prt_demo_alpine', number: 100006, name: 'Alpine Ventures GmbH', company: 'Alpine Ventures GmbH', joinedDaysAgo: 97, approved: true,
    payoutMethod: null, payoutDetails: null,
    members: [member('alpine', 'max', 'Max Huber', 'max@alpineventures.test', 'owner')],
    invitations: [inv('ALPINE', 'Partner page', 'mem_demo_alpine_max', 6, 'fade', { referrer: 'alpineventures.test' })],
  },
  {
    // Applied yesterday: an affiliate waiting for the manager, with nothing referred yet.
    id: 'prt_demo_fresh', number: 100007, name: 'Fresh Start Studio', company: 'Fresh Start Studio AB', joinedDaysAgo: 1, approved: false,
    payoutMethod: null, payoutDetails: null,
    members: [member('fresh', 'nora', 'Nora Falk', 'nora@freshstart.test', 'owner')],
    invitations: [],
  },
];

/** The account that acts for the demo partner in its leads (Petra Partner, fixtures) and the manager who decides them. */
export const DEMO_OWNER_ACCOUNT = 'acc_demo_partner';
export const MANAGER_ACCOUNT = 'acc_demo_manager';

export type LeadStep =
  | { day: number; do: 'confirm' }
  | { day: number; do: 'reject'; reason: string }
  | { day: number; do: 'not_genuine'; reason: string }
  | { day: number; do: 'stage'; stage: 'in_progress' | 'lost' | 'junk'; by: 'partner' | 'staff' }
  | { day: number; do: 'won'; valueMinor: number };

export interface CastLead {
  partnerId: string;
  accountId: string;
  type: 'partner_to_program' | 'program_to_partner';
  /** Days before now when it was registered (fractions are hours). */
  daysAgo: number;
  customerName: string;
  domain: string;
  contactPersons: string;
  contactEmails: string[];
  product: string;
  valueMinor: number;
  notes: string | null;
  steps: LeadStep[];
}

const lead = (partnerId: string, accountId: string, daysAgo: number, customerName: string, domain: string, contact: string, product: string, valueMinor: number, steps: LeadStep[], notes: string | null = null): CastLead => ({
  partnerId, accountId, type: 'partner_to_program', daysAgo, customerName, domain, contactPersons: contact,
  contactEmails: [`${contact.split(' ')[0].toLowerCase()}@${domain}`], product, valueMinor, notes, steps,
});

/** Leads in every registration state and stage: awaiting an answer (on time and overdue), locked, won, lost, rejected, not genuine, junk, and one the program sent. */
export const LEADS: CastLead[] = [
  lead(DEMO.partnerId, DEMO_OWNER_ACCOUNT, 70, 'Solberga Energi AB', 'solberga-energi.test', 'Karin Solberg', 'Enterprise plan', 2_400_000, [
    { day: 69, do: 'confirm' }, { day: 62, do: 'stage', stage: 'in_progress', by: 'partner' }, { day: 50, do: 'won', valueMinor: 2_640_000 },
  ], 'Three sites; rollout in the spring.'),
  lead(DEMO.partnerId, DEMO_OWNER_ACCOUNT, 58, 'Mälardalens Tryck AB', 'malardalens-tryck.test', 'Anders Nyberg', 'Team plan', 360_000, [
    { day: 57, do: 'confirm' }, { day: 50, do: 'not_genuine', reason: 'The contact had no buying mandate; register it again if that changes.' },
  ]),
  lead(DEMO.partnerId, DEMO_OWNER_ACCOUNT, 45, 'Hagström & Söner AB', 'hagstrom-soner.test', 'Maria Hagström', 'Team plan', 480_000, [
    { day: 44, do: 'reject', reason: 'Already in talks with our own sales team.' },
  ]),
  lead(DEMO.partnerId, DEMO_OWNER_ACCOUNT, 38, 'Eklunds Resebyrå', 'eklunds-resor.test', 'Per Eklund', 'Team plan', 300_000, [
    { day: 37, do: 'confirm' }, { day: 30, do: 'stage', stage: 'in_progress', by: 'partner' }, { day: 9, do: 'stage', stage: 'lost', by: 'partner' },
  ], 'Chose a cheaper tool.'),
  lead(DEMO.partnerId, DEMO_OWNER_ACCOUNT, 31, 'Kustbanken AB', 'kustbanken.test', 'Sofia Strand', 'Enterprise plan', 1_800_000, [
    { day: 30, do: 'confirm' }, { day: 24, do: 'stage', stage: 'in_progress', by: 'partner' },
  ], 'Demo booked with their IT lead.'),
  lead(DEMO.partnerId, DEMO_OWNER_ACCOUNT, 16, 'Testbolaget Ett AB', 'testbolaget-ett.test', 'Test Person', 'Starter plan', 10_000, [
    { day: 15, do: 'reject', reason: 'A test entry, not a company.' }, { day: 15, do: 'stage', stage: 'junk', by: 'staff' },
  ]),
  lead(DEMO.partnerId, DEMO_OWNER_ACCOUNT, 4, 'Vasa Fastigheter AB', 'vasa-fastigheter.test', 'Johan Vasa', 'Enterprise plan', 1_200_000, []),
  lead(DEMO.partnerId, DEMO_OWNER_ACCOUNT, 0.8, 'Nordlys Logistik AB', 'nordlys-logistik.test', 'Elin Nordlys', 'Team plan', 540_000, []),
  lead('prt_demo_nordic', 'acc_demo_nordic_erik', 64, 'Fjordline Shipping AS', 'fjordline-shipping.test', 'Ola Nordmann', 'Enterprise plan', 1_500_000, [
    { day: 63, do: 'confirm' }, { day: 55, do: 'stage', stage: 'in_progress', by: 'partner' }, { day: 33, do: 'won', valueMinor: 1_800_000 },
  ]),
  // The same bank as the demo partner's locked lead: flagged as a duplicate, and rejected.
  lead('prt_demo_bright', 'acc_demo_bright_grace', 27, 'Kustbanken', 'kustbanken.test', 'Sofia Strand', 'Enterprise plan', 1_500_000, [
    { day: 26, do: 'reject', reason: 'Demo Partner AB registered it first.' },
  ]),
  lead('prt_demo_kaffe', 'acc_demo_kaffe_lina', 9, 'Bageri Norr AB', 'bageri-norr.test', 'Hanna Berg', 'Starter plan', 60_000, [{ day: 8, do: 'confirm' }]),
  { ...lead('prt_demo_nordic', MANAGER_ACCOUNT, 12, 'Aurora Hotels Oy', 'aurora-hotels.test', 'Mikko Virtanen', 'Enterprise plan', 2_000_000, []), type: 'program_to_partner', notes: 'Asked for a partner in Finland at our webinar.' },
];

/** A deal rule of the program's own: 5% of a won deal's value, held 30 days (a partner's own deal rule wins over it). */
export const DEAL_RULE = { percentBps: 500, holdDays: 30 };
