// What the engagement emails say (a partner gone quiet, referrals without a success yet, close to the next commission
// tier), in English, Swedish and German. Laid out by email-texts.ts, like every email.
import { format, type Money } from '../../shared/money';
import type { Language } from '../../shared/email-templates';
import type { EmailFacts, Text } from './email-texts';

/** The event's figures, as the email tells them. */
export interface EngagementFacts {
  inactiveDays?: number;
  referrals?: number;
  successes?: number;
  needed?: number;
  tierPercentBps?: number | null;
  tierAmount?: Money | null;
}

/** The figures of an engagement event's data, checked field by field (the data is JSON from the outbox). */
export function engagementFacts(d: Record<string, unknown>): EngagementFacts {
  const n = (k: string) => (typeof d[k] === 'number' ? (d[k] as number) : undefined);
  const amount = d.tierAmount as Money | null | undefined;
  return { inactiveDays: n('inactiveDays'), referrals: n('referrals'), successes: n('successes'), needed: n('needed'), tierPercentBps: n('tierPercentBps') ?? null, tierAmount: amount ?? null };
}

const e = (f: EmailFacts): EngagementFacts => f.engagement ?? {};
const rate = (f: EmailFacts, l: Language) => {
  const t = e(f);
  return t.tierAmount ? format(t.tierAmount, l) : new Intl.NumberFormat(l, { style: 'percent', maximumFractionDigits: 2 }).format((t.tierPercentBps ?? 0) / 10_000);
};

type Engagement = 'partner_inactive' | 'partner_no_success' | 'partner_near_tier';

export const ENGAGEMENT_TEXTS: Record<Engagement, Record<Language, Text>> = {
  partner_inactive: {
    en: {
      subject: (f) => `We miss you at ${f.programName}`,
      body: (f) => [`It has been ${e(f).inactiveDays} days since anyone from ${f.partnerName} signed in or referred someone to ${f.programName}.`, 'Your invitation links and promo codes still work: share one today, or create one for a new campaign.'],
      action: 'Open your invitations',
    },
    sv: {
      subject: (f) => `Vi saknar dig hos ${f.programName}`,
      body: (f) => [`Det har gått ${e(f).inactiveDays} dagar sedan någon från ${f.partnerName} loggade in eller hänvisade någon till ${f.programName}.`, 'Dina inbjudningslänkar och kampanjkoder fungerar fortfarande: dela en i dag, eller skapa en för en ny kampanj.'],
      action: 'Öppna dina inbjudningar',
    },
    de: {
      subject: (f) => `Wir vermissen Sie bei ${f.programName}`,
      body: (f) => [`Seit ${e(f).inactiveDays} Tagen hat sich niemand von ${f.partnerName} angemeldet oder jemanden an ${f.programName} empfohlen.`, 'Ihre Einladungslinks und Aktionscodes funktionieren weiterhin: Teilen Sie heute einen oder erstellen Sie einen für eine neue Kampagne.'],
      action: 'Einladungen öffnen',
    },
  },
  partner_no_success: {
    en: {
      subject: () => 'Your referrals are in: help them become customers',
      body: (f) => [`${f.partnerName} has ${e(f).referrals} ${e(f).referrals === 1 ? 'referral' : 'referrals'} with ${f.programName} this period, and none has become a paying customer yet.`, 'A short follow-up often makes the difference: ask them whether anything stands in the way.'],
      action: 'See your clients',
    },
    sv: {
      subject: () => 'Dina hänvisningar har kommit in: hjälp dem att bli kunder',
      body: (f) => [`${f.partnerName} har ${e(f).referrals} ${e(f).referrals === 1 ? 'hänvisning' : 'hänvisningar'} hos ${f.programName} den här perioden, och ingen har blivit betalande kund ännu.`, 'En kort uppföljning gör ofta skillnaden: fråga om något står i vägen.'],
      action: 'Se dina kunder',
    },
    de: {
      subject: () => 'Ihre Empfehlungen sind da: Helfen Sie ihnen, Kunden zu werden',
      body: (f) => [`${f.partnerName} hat in diesem Zeitraum ${e(f).referrals} ${e(f).referrals === 1 ? 'Empfehlung' : 'Empfehlungen'} bei ${f.programName}, und noch keine ist zahlender Kunde geworden.`, 'Eine kurze Nachfrage macht oft den Unterschied: Fragen Sie, ob etwas im Weg steht.'],
      action: 'Kunden ansehen',
    },
  },
  partner_near_tier: {
    en: {
      subject: (f) => `${e(f).needed} more to your next commission tier`,
      body: (f, l) => [`${f.partnerName} has ${e(f).successes} first-time paying ${e(f).successes === 1 ? 'customer' : 'customers'} with ${f.programName} this period.`, `${e(f).needed} more this period reach the next commission tier: ${rate(f, l)}.`],
      action: 'Open your invitations',
    },
    sv: {
      subject: (f) => `${e(f).needed} till din nästa provisionsnivå`,
      body: (f, l) => [`${f.partnerName} har ${e(f).successes} kunder som betalat för första gången hos ${f.programName} den här perioden.`, `${e(f).needed} till den här perioden ger nästa provisionsnivå: ${rate(f, l)}.`],
      action: 'Öppna dina inbjudningar',
    },
    de: {
      subject: (f) => `Noch ${e(f).needed} bis zu Ihrer nächsten Provisionsstufe`,
      body: (f, l) => [`${f.partnerName} hat in diesem Zeitraum ${e(f).successes} erstmals zahlende Kunden bei ${f.programName}.`, `${e(f).needed} weitere in diesem Zeitraum erreichen die nächste Provisionsstufe: ${rate(f, l)}.`],
      action: 'Einladungen öffnen',
    },
  },
};
