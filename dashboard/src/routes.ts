// The dashboard's pages. Each is its own lazily loaded chunk; adding a page is one line in one of these lists.
// URLs: /dashboard/partner/<partnerId>/<path>, /dashboard/program/<programId>/<path>, and the public pages:
// /dashboard/join/<programId>, and the invite links /dashboard/accept/<token> and /dashboard/staff-invite/<token>.
import type { ComponentType } from 'preact';

export interface PageProps {
  id: string; // the partner's or the program's id
  role: string; // the signed-in account's role there: owner, manager, finance; or manager, sales_rep
}

export interface PageRoute {
  path: string;
  label: string;
  load: () => Promise<{ default: ComponentType<PageProps> }>;
}

/** A partner's pages, in menu order; the first is where a partner lands. */
export const partnerRoutes: PageRoute[] = [
  { path: 'invitations', label: 'Invitations', load: () => import('./pages/partner/Invitations') },
  { path: 'referrals', label: 'Referrals', load: () => import('./pages/partner/Referrals') },
  { path: 'clients', label: 'My clients', load: () => import('./pages/partner/Clients') },
  { path: 'balance', label: 'Balance', load: () => import('./pages/partner/Balance') },
  { path: 'members', label: 'Members', load: () => import('./pages/partner/Members') },
  { path: 'terms', label: 'Program terms', load: () => import('./pages/partner/ProgramTerms') },
  { path: 'profile', label: 'Profile', load: () => import('./pages/partner/Profile') },
];

/** The program console's pages, in menu order. */
export const programRoutes: PageRoute[] = [
  { path: 'overview', label: 'Overview', load: () => import('./pages/program/Overview') },
  { path: 'partners', label: 'Partners', load: () => import('./pages/program/Partners') },
  { path: 'referrals', label: 'Referrals', load: () => import('./pages/program/Referrals') },
  { path: 'payouts', label: 'Payouts', load: () => import('./pages/program/Payouts') },
  { path: 'rewards', label: 'Reward rules', load: () => import('./pages/program/Rewards') },
  { path: 'settings', label: 'Settings', load: () => import('./pages/program/Settings') },
  { path: 'keys', label: 'Keys', load: () => import('./pages/program/Keys') },
  { path: 'webhooks', label: 'Webhooks', load: () => import('./pages/program/Webhooks') },
  { path: 'integrations', label: 'Integrations', load: () => import('./pages/program/Integrations') },
];

export const publicRoutes = {
  join: () => import('./pages/Register'),
  accept: () => import('./pages/AcceptInvite'),
};
