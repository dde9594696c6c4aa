// What the new-terms email says (what waits until an owner accepts, and what keeps going), in English, Swedish and
// German. Laid out by email-texts.ts, like every email.
import type { Language } from '../../shared/email-templates';
import type { PausableAction } from '../../shared/terms-pauses';
import type { EmailFacts, Text } from './email-texts';

const PAUSES: Record<Language, { names: Record<PausableAction, string>; wait: (what: string) => string; and: string; kept: string }> = {
  en: {
    names: { invitations: 'new invitations', withdrawals: 'withdrawals', referrals: 'registering referrals', client_payments: 'paying for clients from your balance' },
    wait: (what) => `Until then, ${what} wait.`,
    and: 'and',
    kept: 'Your invitations keep working and you keep earning commission.',
  },
  sv: {
    names: { invitations: 'nya inbjudningar', withdrawals: 'uttag', referrals: 'registrering av hänvisningar', client_payments: 'betalning för kunder från ditt saldo' },
    wait: (what) => `Till dess pausas: ${what}.`,
    and: 'och',
    kept: 'Dina inbjudningar fortsätter att fungera och du fortsätter att tjäna provision.',
  },
  de: {
    names: { invitations: 'neue Einladungen', withdrawals: 'Auszahlungen', referrals: 'das Registrieren von Empfehlungen', client_payments: 'das Bezahlen für Kunden aus Ihrem Guthaben' },
    wait: (what) => `Bis dahin pausiert: ${what}.`,
    and: 'und',
    kept: 'Ihre Einladungen funktionieren weiter und Sie verdienen weiter Provision.',
  },
};

/** "new invitations and withdrawals wait", or nothing when nothing waits. */
function pausedLine(f: EmailFacts, l: Language): string[] {
  const names = (f.paused ?? []).map((a) => PAUSES[l].names[a]);
  if (names.length === 0) return [PAUSES[l].kept];
  const list = names.length === 1 ? names[0] : `${names.slice(0, -1).join(', ')} ${PAUSES[l].and} ${names.at(-1)}`;
  return [PAUSES[l].wait(list), PAUSES[l].kept];
}

export const TERMS_TEXTS: Record<'terms_updated', Record<Language, Text>> = {
  terms_updated: {
    en: {
      subject: (f) => `${f.programName} has new partner terms to accept`,
      body: (f, l) => [`${f.programName} published version ${f.termsVersion} of its partner terms. An owner of ${f.partnerName} reads and accepts them in the portal.`, ...pausedLine(f, l)],
      action: 'Read the new terms',
    },
    sv: {
      subject: (f) => `${f.programName} har nya partnervillkor att godkänna`,
      body: (f, l) => [`${f.programName} har publicerat version ${f.termsVersion} av sina partnervillkor. En ägare av ${f.partnerName} läser och godkänner dem i portalen.`, ...pausedLine(f, l)],
      action: 'Läs de nya villkoren',
    },
    de: {
      subject: (f) => `${f.programName} hat neue Partnerbedingungen zum Akzeptieren`,
      body: (f, l) => [`${f.programName} hat Version ${f.termsVersion} seiner Partnerbedingungen veröffentlicht. Ein Inhaber von ${f.partnerName} liest und akzeptiert sie im Portal.`, ...pausedLine(f, l)],
      action: 'Neue Bedingungen lesen',
    },
  },
};
