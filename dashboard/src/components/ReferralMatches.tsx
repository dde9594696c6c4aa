// What a lead matched, both sides shown to the program's staff: this lead and the other partner's (or the partner's
// own) lead side by side, or the customer it met; a match that stands in its way keeps it from being confirmed.
import type { ConsoleReferralDetail } from '../../../shared/schemas/referrals';
import { dateTime, words } from '../display';
import { DataTable } from './DataTable';
import { STATUS_WORDS } from './LeadStatus';

type Match = ConsoleReferralDetail['duplicates'][number];
type MatchedLead = ConsoleReferralDetail['matchedLeads'][number];

const AGAINST: Record<Match['against'], string> = { own_lead: "the partner's own lead", other_lead: "another partner's lead", customer: 'an existing customer' };

/** "Exact match on domain with another partner's lead". */
export const matchText = (m: Match) => `${m.exact ? 'Exact' : 'Near'} match on ${m.on} with ${AGAINST[m.against]}`;

const lockText = (until: string | null) => (until ? `until ${dateTime(until)}` : 'not locked');

export function ReferralMatches({ detail }: { detail: ConsoleReferralDetail }) {
  if (detail.duplicates.length === 0) return null;
  const lead = (m: Match): MatchedLead | undefined => detail.matchedLeads.find((l) => l.id === m.referralId);
  const own = detail.registration;
  return (
    <section class="matches" aria-labelledby="matches-title" data-testid="matches">
      <h4 id="matches-title">Possible duplicate</h4>
      <p class="muted form-hint">
        {own?.status === 'pending'
          ? 'It cannot be confirmed while a lead locked to a partner, one registered first and still awaiting an answer, or a customer who signed up first stands in its way.'
          : 'What it matched when it was registered.'}
      </p>
      {detail.duplicates.map((m, i) => {
        const other = lead(m);
        if (!other) return <p key={i} class="match-customer">{matchText(m)}{m.against === 'customer' ? ' who signed up before this lead.' : '.'}</p>;
        return (
          <DataTable key={i} label={`${detail.customerName} and the lead it matches, ${other.customerName}`} compact testId="match">
            <caption class="table-caption">{matchText(m)}</caption>
            <thead>
              <tr><th scope="col"><span class="visually-hidden">Field</span></th><th scope="col">This lead</th><th scope="col">Matched lead</th></tr>
            </thead>
            <tbody>
              <tr><th scope="row">Company</th><td data-side="this">{detail.customerName}</td><td data-side="other">{other.customerName}</td></tr>
              <tr><th scope="row">Partner</th><td>{detail.partner.name}</td><td data-side="other-partner">{other.partner.name}</td></tr>
              <tr><th scope="row">Registration</th><td>{own ? STATUS_WORDS[own.status] : 'Sent by the program'}</td><td>{STATUS_WORDS[other.status]}</td></tr>
              <tr><th scope="row">Stage</th><td>{words(detail.stage)}</td><td>{words(other.stage)}</td></tr>
              <tr><th scope="row">Registered</th><td>{dateTime(detail.registeredAt)}</td><td>{dateTime(other.registeredAt)}</td></tr>
              <tr><th scope="row">Lock</th><td>{lockText(own?.locked ? own.lockedUntil : null)}</td><td>{lockText(other.status === 'confirmed' ? other.lockedUntil : null)}</td></tr>
            </tbody>
          </DataTable>
        );
      })}
    </section>
  );
}
