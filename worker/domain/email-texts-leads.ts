// What the B2B channel's emails say (leads registered, decided, due and overdue; referrals sent; won deals proposed),
// in English, Swedish and German. Laid out by email-texts.ts, like every email.
import type { EmailTemplate, Language } from '../../shared/email-templates';
import type { EmailFacts, Text } from './email-texts';

/** The channel's templates, as shared/email-templates.ts lists them. */
export type LeadTemplate = Extract<EmailTemplate, `lead_${string}` | 'referral_sent' | 'won_proposed' | 'advocate_invite'>;

/** A deadline to the minute, in UTC (the email cannot know the reader's zone), saying so. */
const when = (iso: string | undefined, l: Language) => (iso ? `${new Intl.DateTimeFormat(l, { dateStyle: 'long', timeStyle: 'short', timeZone: 'UTC' }).format(new Date(iso))} UTC` : '');
const day = (iso: string | undefined, l: Language) => (iso ? new Intl.DateTimeFormat(l, { dateStyle: 'long', timeZone: 'UTC' }).format(new Date(iso)) : '');
const reason = (f: EmailFacts, label: string) => (f.reason ? [`${label}: ${f.reason}`] : []);

const t = (subject: Text['subject'], body: Text['body'], action: string): Text => ({ subject, body, action });

export const LEAD_TEXTS: Record<LeadTemplate, Record<Language, Text>> = {
  advocate_invite: {
    en: t(
      (f) => `${f.programName} recorded your referral: ${f.referralName}`,
      (f, l) => [`${f.inviterName} at ${f.programName} recorded that you referred ${f.referralName} to them. Join their partner program to follow it, and to receive what it earns.`, `What it earns is kept for you until ${day(f.expiresAt, l)}; the link works once, until then.`],
      'Join and claim it',
    ),
    sv: t(
      (f) => `${f.programName} har registrerat din hänvisning: ${f.referralName}`,
      (f, l) => [`${f.inviterName} på ${f.programName} har registrerat att du hänvisade ${f.referralName} till dem. Gå med i deras partnerprogram för att följa den och få det den ger.`, `Det den ger sparas åt dig till och med ${day(f.expiresAt, l)}; länken fungerar en gång, fram till dess.`],
      'Gå med och ta emot den',
    ),
    de: t(
      (f) => `${f.programName} hat Ihre Empfehlung erfasst: ${f.referralName}`,
      (f, l) => [`${f.inviterName} von ${f.programName} hat erfasst, dass Sie ${f.referralName} empfohlen haben. Treten Sie dem Partnerprogramm bei, um sie zu verfolgen und zu erhalten, was sie einbringt.`, `Was sie einbringt, wird bis zum ${day(f.expiresAt, l)} für Sie aufbewahrt; der Link gilt einmal, bis dahin.`],
      'Beitreten und übernehmen',
    ),
  },
  lead_registered: {
    en: t(
      (f) => `New lead from ${f.partnerName}: ${f.referralName}`,
      (f, l) => [`${f.partnerName} registered the lead ${f.referralName}. Confirm or reject it by ${when(f.dueAt, l)}.`, ...(f.duplicate ? ['It matches a lead or customer already known: it cannot be confirmed while that one stands.'] : [])],
      'Review the lead',
    ),
    sv: t(
      (f) => `Nytt lead från ${f.partnerName}: ${f.referralName}`,
      (f, l) => [`${f.partnerName} har registrerat leadet ${f.referralName}. Bekräfta eller avvisa det senast ${when(f.dueAt, l)}.`, ...(f.duplicate ? ['Det matchar ett lead eller en kund som redan finns: det kan inte bekräftas så länge det andra står kvar.'] : [])],
      'Granska leadet',
    ),
    de: t(
      (f) => `Neuer Lead von ${f.partnerName}: ${f.referralName}`,
      (f, l) => [`${f.partnerName} hat den Lead ${f.referralName} registriert. Bestätigen oder ablehnen bis ${when(f.dueAt, l)}.`, ...(f.duplicate ? ['Er entspricht einem bereits bekannten Lead oder Kunden: Solange dieser besteht, kann er nicht bestätigt werden.'] : [])],
      'Lead prüfen',
    ),
  },
  lead_confirmed: {
    en: t(
      (f) => `Lead confirmed: ${f.referralName}`,
      (f, l) => [`${f.programName} confirmed your lead ${f.referralName}. It is locked to you until ${day(f.lockedUntil, l)}.`, ...(f.ownerName ? [`${f.ownerName} is your sales representative for it.`] : [])],
      'See your referrals',
    ),
    sv: t(
      (f) => `Lead bekräftat: ${f.referralName}`,
      (f, l) => [`${f.programName} har bekräftat ditt lead ${f.referralName}. Det är låst till dig till och med ${day(f.lockedUntil, l)}.`, ...(f.ownerName ? [`${f.ownerName} är din säljare för det.`] : [])],
      'Se dina hänvisningar',
    ),
    de: t(
      (f) => `Lead bestätigt: ${f.referralName}`,
      (f, l) => [`${f.programName} hat Ihren Lead ${f.referralName} bestätigt. Er ist bis zum ${day(f.lockedUntil, l)} für Sie gesperrt.`, ...(f.ownerName ? [`${f.ownerName} ist Ihr Vertriebsmitarbeiter dafür.`] : [])],
      'Empfehlungen ansehen',
    ),
  },
  lead_assigned: {
    en: t((f) => `Lead assigned to you: ${f.referralName}`, (f) => [`The lead ${f.referralName} from ${f.partnerName} is yours to follow up.`], 'Open the lead'),
    sv: t((f) => `Lead tilldelat dig: ${f.referralName}`, (f) => [`Leadet ${f.referralName} från ${f.partnerName} är ditt att följa upp.`], 'Öppna leadet'),
    de: t((f) => `Lead Ihnen zugewiesen: ${f.referralName}`, (f) => [`Der Lead ${f.referralName} von ${f.partnerName} ist Ihnen zur Nachverfolgung zugewiesen.`], 'Lead öffnen'),
  },
  lead_rejected: {
    en: t((f) => `Lead not accepted: ${f.referralName}`, (f) => [`${f.programName} did not accept your lead ${f.referralName}.`, ...reason(f, 'Reason')], 'See your referrals'),
    sv: t((f) => `Lead inte godkänt: ${f.referralName}`, (f) => [`${f.programName} godkände inte ditt lead ${f.referralName}.`, ...reason(f, 'Anledning')], 'Se dina hänvisningar'),
    de: t((f) => `Lead nicht angenommen: ${f.referralName}`, (f) => [`${f.programName} hat Ihren Lead ${f.referralName} nicht angenommen.`, ...reason(f, 'Grund')], 'Empfehlungen ansehen'),
  },
  lead_not_genuine: {
    en: t(
      (f) => `Lead unlocked: ${f.referralName}`,
      (f) => [`After the first call, ${f.programName} found the lead ${f.referralName} not genuine, and lifted its lock.`, ...reason(f, 'Reason'), 'If the opportunity becomes real, register it again.'],
      'See your referrals',
    ),
    sv: t(
      (f) => `Lead upplåst: ${f.referralName}`,
      (f) => [`Efter det första samtalet bedömde ${f.programName} att leadet ${f.referralName} inte var äkta och hävde låset.`, ...reason(f, 'Anledning'), 'Om affären blir verklig, registrera den igen.'],
      'Se dina hänvisningar',
    ),
    de: t(
      (f) => `Lead entsperrt: ${f.referralName}`,
      (f) => [`Nach dem ersten Gespräch hat ${f.programName} den Lead ${f.referralName} als nicht echt eingestuft und die Sperre aufgehoben.`, ...reason(f, 'Grund'), 'Wird die Gelegenheit real, registrieren Sie sie erneut.'],
      'Empfehlungen ansehen',
    ),
  },
  lead_due_soon: {
    en: t((f) => `Lead due soon: ${f.referralName}`, (f, l) => [`The lead ${f.referralName} from ${f.partnerName} awaits your answer. It is due ${when(f.dueAt, l)}.`], 'Review the lead'),
    sv: t((f) => `Lead förfaller snart: ${f.referralName}`, (f, l) => [`Leadet ${f.referralName} från ${f.partnerName} väntar på ditt svar. Det förfaller ${when(f.dueAt, l)}.`], 'Granska leadet'),
    de: t((f) => `Lead bald fällig: ${f.referralName}`, (f, l) => [`Der Lead ${f.referralName} von ${f.partnerName} wartet auf Ihre Antwort. Er ist fällig am ${when(f.dueAt, l)}.`], 'Lead prüfen'),
  },
  lead_overdue: {
    en: t((f) => `Lead overdue: ${f.referralName}`, (f, l) => [`The lead ${f.referralName} from ${f.partnerName} was due ${when(f.dueAt, l)} and has no answer yet. It counts as a missed SLA.`], 'Review the lead'),
    sv: t((f) => `Lead försenat: ${f.referralName}`, (f, l) => [`Leadet ${f.referralName} från ${f.partnerName} skulle besvaras senast ${when(f.dueAt, l)} och har inget svar ännu. Det räknas som ett missat SLA.`], 'Granska leadet'),
    de: t((f) => `Lead überfällig: ${f.referralName}`, (f, l) => [`Der Lead ${f.referralName} von ${f.partnerName} war am ${when(f.dueAt, l)} fällig und ist noch unbeantwortet. Er zählt als verfehltes SLA.`], 'Lead prüfen'),
  },
  lead_overdue_partner: {
    en: t((f) => `Your lead awaits an answer: ${f.referralName}`, (f, l) => [`${f.programName} was to answer your lead ${f.referralName} by ${when(f.dueAt, l)} and has not yet. They have been reminded.`], 'See your referrals'),
    sv: t((f) => `Ditt lead väntar på svar: ${f.referralName}`, (f, l) => [`${f.programName} skulle besvara ditt lead ${f.referralName} senast ${when(f.dueAt, l)} och har inte gjort det ännu. De har påmints.`], 'Se dina hänvisningar'),
    de: t((f) => `Ihr Lead wartet auf Antwort: ${f.referralName}`, (f, l) => [`${f.programName} sollte Ihren Lead ${f.referralName} bis ${when(f.dueAt, l)} beantworten und hat es noch nicht getan. Das Programm wurde erinnert.`], 'Empfehlungen ansehen'),
  },
  referral_sent: {
    en: t((f) => `A new referral for you: ${f.referralName}`, (f) => [`${f.programName} sent you the referral ${f.referralName} to work. You find it under Referrals, as New.`], 'See your referrals'),
    sv: t((f) => `En ny hänvisning till dig: ${f.referralName}`, (f) => [`${f.programName} har skickat hänvisningen ${f.referralName} till dig att arbeta med. Du hittar den under Referrals, som Ny.`], 'Se dina hänvisningar'),
    de: t((f) => `Eine neue Empfehlung für Sie: ${f.referralName}`, (f) => [`${f.programName} hat Ihnen die Empfehlung ${f.referralName} zur Bearbeitung geschickt. Sie finden sie unter Referrals, als Neu.`], 'Empfehlungen ansehen'),
  },
  won_proposed: {
    en: t((f) => `${f.partnerName} says the deal is won: ${f.referralName}`, (f) => [`${f.partnerName} proposes that ${f.referralName} is won. Confirm it as Won with its value and contract date to pay the commission.`], 'Review the deal'),
    sv: t((f) => `${f.partnerName} säger att affären är vunnen: ${f.referralName}`, (f) => [`${f.partnerName} föreslår att ${f.referralName} är vunnen. Bekräfta den som Vunnen med värde och avtalsdatum för att betala provisionen.`], 'Granska affären'),
    de: t((f) => `${f.partnerName} meldet den Abschluss: ${f.referralName}`, (f) => [`${f.partnerName} schlägt vor, dass ${f.referralName} gewonnen ist. Bestätigen Sie ihn als Gewonnen mit Wert und Vertragsdatum, um die Provision zu zahlen.`], 'Abschluss prüfen'),
  },
};
