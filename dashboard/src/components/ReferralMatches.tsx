// What a lead matched, both sides shown to the program's staff: this lead and the other partner's (or the partner's
// own) lead side by side, or the customer it met; a match that stands in its way keeps it from being confirmed.
import type { ConsoleReferralDetail } from '../../../shared/schemas/referrals';
import { dateTime, words } from '../display';
import { DataTable } from './DataTable';
import { STATUS_WORDS } from './LeadStatus';
import { t, type MessageKey } from '../i18n';

type Match = ConsoleReferralDetail['duplicates'][number];
type MatchedLead = ConsoleReferralDetail['matchedLeads'][number];

const AGAINST: Record<Match['against'], MessageKey> = { own_lead: 'match.partnersOwnLead', other_lead: 'match.anotherPartnersLead', customer: 'match.existingCustomer' };
const FIELDS: Record<Match['on'], MessageKey> = { company: 'match.fieldCompany', domain: 'match.fieldDomain', contact: 'match.fieldContact' };

/** "Exact match on domain with another partner's lead". */
export const matchText = (m: Match) => t(m.exact ? 'match.exact' : 'match.near', { field: t(FIELDS[m.on]), against: t(AGAINST[m.against]) });

const lockText = (until: string | null) => (until ? t('match.until', { date: dateTime(until) }) : t('lead.notLocked').toLowerCase());

export function ReferralMatches({ detail }: { detail: ConsoleReferralDetail }) {
  if (detail.duplicates.length === 0) return null;
  const lead = (m: Match): MatchedLead | undefined => detail.matchedLeads.find((l) => l.id === m.referralId);
  const own = detail.registration;
  return (
    <section class="matches" aria-labelledby="matches-title" data-testid="matches">
      <h4 id="matches-title">{t('match.title')}</h4>
      <p class="muted form-hint">
        {own?.status === 'pending'
          ? t('match.blocked')
          : t('match.whenRegistered')}
      </p>
      {detail.duplicates.map((m, i) => {
        const other = lead(m);
        if (!other) return <p key={i} class="match-customer">{m.against === 'customer' ? t('match.customerFirst', { match: matchText(m) }) : `${matchText(m)}.`}</p>;
        return (
          <DataTable key={i} label={t('match.tableLabel', { name: detail.customerName, other: other.customerName })} compact testId="match">
            <caption class="table-caption">{matchText(m)}</caption>
            <thead>
              <tr><th scope="col"><span class="visually-hidden">{t('match.field')}</span></th><th scope="col">{t('match.thisLead')}</th><th scope="col">{t('match.matchedLead')}</th></tr>
            </thead>
            <tbody>
              <tr><th scope="row">{t('common.company')}</th><td data-side="this">{detail.customerName}</td><td data-side="other">{other.customerName}</td></tr>
              <tr><th scope="row">{t('console.partner')}</th><td>{detail.partner.name}</td><td data-side="other-partner">{other.partner.name}</td></tr>
              <tr><th scope="row">{t('referral.registration')}</th><td>{own ? t(STATUS_WORDS[own.status]) : t('lead.sentByProgram')}</td><td>{t(STATUS_WORDS[other.status])}</td></tr>
              <tr><th scope="row">{t('referral.stage')}</th><td>{words(detail.stage)}</td><td>{words(other.stage)}</td></tr>
              <tr><th scope="row">{t('referral.registered')}</th><td>{dateTime(detail.registeredAt)}</td><td>{dateTime(other.registeredAt)}</td></tr>
              <tr><th scope="row">{t('lead.lock')}</th><td>{lockText(own?.locked ? own.lockedUntil : null)}</td><td>{lockText(other.status === 'confirmed' ? other.lockedUntil : null)}</td></tr>
            </tbody>
          </DataTable>
        );
      })}
    </section>
  );
}
