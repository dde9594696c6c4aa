// The dashboard's pages. Each is its own lazily loaded chunk; adding a page is one line in one of these lists.
// URLs: /dashboard/partner/<partnerId>/<path>, /dashboard/program/<programId>/<path>, and the public pages:
// /dashboard/join/<programId>, and the invite links /dashboard/accept/<token> and /dashboard/staff-invite/<token>.
import type { ComponentType } from 'preact';
import { t, type MessageKey } from './i18n';

export interface PageProps {
  id: string; // the partner's or the program's id
  role: string; // the signed-in account's role there: owner, manager, finance; or manager, sales_rep
}

export interface PageRoute {
  path: string;
  /** The menu's name for the page, in the reader's language (read when shown). */
  readonly label: string;
  load: () => Promise<{ default: ComponentType<PageProps> }>;
}

const page = (path: string, name: MessageKey, load: PageRoute['load']): PageRoute => ({ path, get label() { return t(name); }, load });

/** A partner's pages, in menu order; the first is where a partner lands. */
export const partnerRoutes: PageRoute[] = [
  page('invitations', 'nav.invitations', () => import('./pages/partner/Invitations')),
  page('referrals', 'nav.referrals', () => import('./pages/partner/Referrals')),
  page('clients', 'nav.clients', () => import('./pages/partner/Clients')),
  page('balance', 'nav.balance', () => import('./pages/partner/Balance')),
  page('members', 'nav.members', () => import('./pages/partner/Members')),
  page('terms', 'nav.terms', () => import('./pages/partner/ProgramTerms')),
  page('profile', 'nav.profile', () => import('./pages/partner/Profile')),
];

/** The program console's pages, in menu order. */
export const programRoutes: PageRoute[] = [
  page('overview', 'nav.overview', () => import('./pages/program/Overview')),
  page('partners', 'nav.partners', () => import('./pages/program/Partners')),
  page('engagement', 'nav.engagement', () => import('./pages/program/Engagement')),
  page('referrals', 'nav.referrals', () => import('./pages/program/Referrals')),
  page('payouts', 'nav.payouts', () => import('./pages/program/Payouts')),
  page('rewards', 'nav.rewards', () => import('./pages/program/Rewards')),
  page('settings', 'nav.settings', () => import('./pages/program/Settings')),
  page('keys', 'nav.keys', () => import('./pages/program/Keys')),
  page('webhooks', 'nav.webhooks', () => import('./pages/program/Webhooks')),
  page('integrations', 'nav.integrations', () => import('./pages/program/Integrations')),
];

export const publicRoutes = {
  join: () => import('./pages/Register'),
  accept: () => import('./pages/AcceptInvite'),
};
