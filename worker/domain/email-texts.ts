// What each email says, in English, Swedish and German, and how it is laid out as plain text and as HTML.
import { format, type Money } from '../../shared/money';
import type { EmailTemplate, Language } from '../../shared/email-templates';
import { escapeHtml } from '../../shared/html';
import { LEAD_TEXTS } from './email-texts-leads';
import { TERMS_TEXTS } from './email-texts-terms';
import { ENGAGEMENT_TEXTS, type EngagementFacts } from './email-texts-engagement';
import type { PausableAction } from '../../shared/terms-pauses';

/** The facts an email tells; which ones a template uses is its own business. */
export interface EmailFacts {
  recipientName: string;
  programName: string;
  partnerName?: string;
  partnerDisplayId?: string;
  amount?: Money;
  /** ISO date a commission becomes available, or null when it already is. */
  availableAt?: string | null;
  invitationCode?: string;
  reason?: string | null;
  endpointUrl?: string;
  /** A period summary: the period (ISO), its figures (`amount` is the commission earned), the available balance, and
   * how far the next escalation tier is ('top' at the highest; null without tiers). */
  period?: { from: string; to: string; clicks: number; signups: number; successfulReferrals: number; available: Money };
  nextTier?: { needed: number; percentBps: number | null; amount: Money | null } | 'top' | null;
  /** A referral's customer (company) name and the stage it moved to. */
  referralName?: string;
  stage?: string;
  /** A closed period's payout batch: how many withdrawal requests, for how much in all (`amount`). */
  requests?: number;
  /** An invite's: who invited, as which role, until when (ISO). */
  inviterName?: string;
  role?: string;
  expiresAt?: string;
  /** A lead's deadline and lock (ISO), its sales representative, and whether it matched another. */
  dueAt?: string;
  lockedUntil?: string;
  ownerName?: string | null;
  duplicate?: boolean;
  /** New written terms: their version, and what waits for the partner's acceptance. */
  termsVersion?: number;
  paused?: readonly PausableAction[];
  /** An engagement email's figures (email-texts-engagement.ts). */
  engagement?: EngagementFacts;
  /** Where the email's button goes: the partner portal or the program console. */
  link: string;
}

export interface Text {
  subject: (f: EmailFacts, l: Language) => string;
  /** Paragraphs, in order. */
  body: (f: EmailFacts, l: Language) => string[];
  action: string;
}

const amount = (f: EmailFacts, l: Language) => (f.amount ? format(f.amount, l) : '');
const day = (iso: string, l: Language) => new Intl.DateTimeFormat(l, { dateStyle: 'long', timeZone: 'UTC' }).format(new Date(iso));

const ROLES: Record<Language, Record<string, string>> = {
  en: { owner: 'an owner', manager: 'a manager', finance: 'finance', sales_rep: 'a sales representative' },
  sv: { owner: 'ägare', manager: 'ansvarig', finance: 'ekonomi', sales_rep: 'säljare' },
  de: { owner: 'Inhaber', manager: 'Manager', finance: 'Finanzen', sales_rep: 'Vertriebsmitarbeiter' },
};
const role = (f: EmailFacts, l: Language) => ROLES[l][f.role ?? ''] ?? f.role ?? '';
const STAGES: Record<Language, Record<string, string>> = {
  en: { new: 'New', in_progress: 'In progress', won: 'Won', lost: 'Lost', junk: 'Junk' },
  sv: { new: 'Ny', in_progress: 'Pågår', won: 'Vunnen', lost: 'Förlorad', junk: 'Skräp' },
  de: { new: 'Neu', in_progress: 'In Bearbeitung', won: 'Gewonnen', lost: 'Verloren', junk: 'Ungültig' },
};
const stage = (f: EmailFacts, l: Language) => STAGES[l][f.stage ?? ''] ?? f.stage ?? '';

/** The period as people write it, e.g. "Nov 1 – 30, 2026"; `to` is the period's exclusive end. */
const range = (f: EmailFacts, l: Language) =>
  new Intl.DateTimeFormat(l, { dateStyle: 'medium', timeZone: 'UTC' }).formatRange(new Date(f.period!.from), new Date(Date.parse(f.period!.to) - 1));
const tierRate = (t: { percentBps: number | null; amount: Money | null }, l: Language) =>
  t.amount ? format(t.amount, l) : new Intl.NumberFormat(l, { style: 'percent', maximumFractionDigits: 2 }).format((t.percentBps ?? 0) / 10_000);

const SUMMARY: Record<Language, { figures: (f: EmailFacts, l: Language) => string; paying: (n: number) => string; available: (a: string) => string; next: (n: number, rate: string) => string; top: string }> = {
  en: {
    figures: (f, l) => `${range(f, l)}: ${f.period!.clicks} clicks, ${f.period!.signups} signups and ${amount(f, l)} commission earned.`,
    paying: (n) => `${n} of your customers paid for the first time.`,
    available: (a) => `Available to withdraw: ${a}.`,
    next: (n, rate) => `${n} more first-time paying customers in a period reach the next commission tier: ${rate}.`,
    top: 'You reached the highest commission tier.',
  },
  sv: {
    figures: (f, l) => `${range(f, l)}: ${f.period!.clicks} klick, ${f.period!.signups} registreringar och ${amount(f, l)} intjänad provision.`,
    paying: (n) => `${n} av dina kunder betalade för första gången.`,
    available: (a) => `Tillgängligt att ta ut: ${a}.`,
    next: (n, rate) => `${n} fler kunder som betalar för första gången under en period ger nästa provisionsnivå: ${rate}.`,
    top: 'Du har nått den högsta provisionsnivån.',
  },
  de: {
    figures: (f, l) => `${range(f, l)}: ${f.period!.clicks} Klicks, ${f.period!.signups} Anmeldungen und ${amount(f, l)} verdiente Provision.`,
    paying: (n) => `${n} Ihrer Kunden haben zum ersten Mal bezahlt.`,
    available: (a) => `Zur Auszahlung verfügbar: ${a}.`,
    next: (n, rate) => `${n} weitere erstmals zahlende Kunden in einem Zeitraum erreichen die nächste Provisionsstufe: ${rate}.`,
    top: 'Sie haben die höchste Provisionsstufe erreicht.',
  },
};

function summaryBody(f: EmailFacts, l: Language): string[] {
  const s = SUMMARY[l];
  const tier = f.nextTier === 'top' ? [s.top] : f.nextTier ? [s.next(f.nextTier.needed, tierRate(f.nextTier, l))] : [];
  return [s.figures(f, l), s.paying(f.period!.successfulReferrals), s.available(format(f.period!.available, l)), ...tier];
}

const TEXTS: Record<EmailTemplate, Record<Language, Text>> = {
  ...LEAD_TEXTS,
  ...TERMS_TEXTS,
  ...ENGAGEMENT_TEXTS,
  period_summary: {
    en: { subject: (f, l) => `Your ${f.programName} summary, ${range(f, l)}`, body: summaryBody, action: 'See your balance' },
    sv: { subject: (f, l) => `Din sammanfattning från ${f.programName}, ${range(f, l)}`, body: summaryBody, action: 'Se ditt saldo' },
    de: { subject: (f, l) => `Ihre Zusammenfassung von ${f.programName}, ${range(f, l)}`, body: summaryBody, action: 'Guthaben ansehen' },
  },
  member_invite: {
    en: {
      subject: (f) => `${f.inviterName} invited you to ${f.partnerName}`,
      body: (f, l) => [`${f.inviterName} invited you to join ${f.partnerName} as ${role(f, l)} in ${f.programName}'s partner program.`, `The link works once, until ${day(f.expiresAt!, l)}. Accepting creates your account, or adds ${f.partnerName} to the one you have.`],
      action: 'Accept the invite',
    },
    sv: {
      subject: (f) => `${f.inviterName} har bjudit in dig till ${f.partnerName}`,
      body: (f, l) => [`${f.inviterName} har bjudit in dig till ${f.partnerName} som ${role(f, l)} i ${f.programName}s partnerprogram.`, `Länken fungerar en gång, till och med ${day(f.expiresAt!, l)}. Att tacka ja skapar ditt konto, eller lägger till ${f.partnerName} i det du har.`],
      action: 'Tacka ja',
    },
    de: {
      subject: (f) => `${f.inviterName} hat Sie zu ${f.partnerName} eingeladen`,
      body: (f, l) => [`${f.inviterName} hat Sie eingeladen, ${f.partnerName} als ${role(f, l)} im Partnerprogramm von ${f.programName} beizutreten.`, `Der Link gilt einmal, bis zum ${day(f.expiresAt!, l)}. Die Annahme legt Ihr Konto an oder fügt ${f.partnerName} Ihrem bestehenden hinzu.`],
      action: 'Einladung annehmen',
    },
  },
  staff_invite: {
    en: {
      subject: (f) => `Join ${f.programName}'s partner program as a sales representative`,
      body: (f, l) => [`${f.inviterName} invited you to ${f.programName}'s partner program as ${role(f, l)}: you will look after the partners assigned to you.`, `The link works once, until ${day(f.expiresAt!, l)}.`],
      action: 'Accept the invite',
    },
    sv: {
      subject: (f) => `Gå med i ${f.programName}s partnerprogram som säljare`,
      body: (f, l) => [`${f.inviterName} har bjudit in dig till ${f.programName}s partnerprogram som ${role(f, l)}: du tar hand om de partner som tilldelas dig.`, `Länken fungerar en gång, till och med ${day(f.expiresAt!, l)}.`],
      action: 'Tacka ja',
    },
    de: {
      subject: (f) => `Treten Sie dem Partnerprogramm von ${f.programName} als Vertriebsmitarbeiter bei`,
      body: (f, l) => [`${f.inviterName} hat Sie als ${role(f, l)} in das Partnerprogramm von ${f.programName} eingeladen: Sie betreuen die Ihnen zugewiesenen Partner.`, `Der Link gilt einmal, bis zum ${day(f.expiresAt!, l)}.`],
      action: 'Einladung annehmen',
    },
  },
  application_received: {
    en: {
      subject: (f) => `We received your application to ${f.programName}`,
      body: (f) => [`Thank you for registering ${f.partnerName} (${f.partnerDisplayId}) with ${f.programName}.`, 'The program reviews new partners and will email you when you are approved. Meanwhile you can sign in and look around.'],
      action: 'Open your portal',
    },
    sv: {
      subject: (f) => `Vi har tagit emot din ansökan till ${f.programName}`,
      body: (f) => [`Tack för att du registrerade ${f.partnerName} (${f.partnerDisplayId}) i ${f.programName}.`, 'Programmet granskar nya partner och mejlar dig när du är godkänd. Under tiden kan du logga in och titta runt.'],
      action: 'Öppna din portal',
    },
    de: {
      subject: (f) => `Wir haben Ihre Bewerbung für ${f.programName} erhalten`,
      body: (f) => [`Danke, dass Sie ${f.partnerName} (${f.partnerDisplayId}) bei ${f.programName} registriert haben.`, 'Das Programm prüft neue Partner und schreibt Ihnen, sobald Sie freigeschaltet sind. Bis dahin können Sie sich anmelden und umsehen.'],
      action: 'Portal öffnen',
    },
  },
  partner_approved: {
    en: {
      subject: (f) => `You are now a partner of ${f.programName}`,
      body: (f) => [`${f.partnerName} is approved: your partner id is ${f.partnerDisplayId}.`, 'Create invitations for your contacts and campaigns; every signup through them earns you commission.'],
      action: 'Create an invitation',
    },
    sv: {
      subject: (f) => `Du är nu partner i ${f.programName}`,
      body: (f) => [`${f.partnerName} är godkänd: ditt partner-id är ${f.partnerDisplayId}.`, 'Skapa inbjudningar till dina kontakter och kampanjer; varje registrering genom dem ger dig provision.'],
      action: 'Skapa en inbjudan',
    },
    de: {
      subject: (f) => `Sie sind jetzt Partner von ${f.programName}`,
      body: (f) => [`${f.partnerName} ist freigeschaltet: Ihre Partner-ID ist ${f.partnerDisplayId}.`, 'Erstellen Sie Einladungen für Ihre Kontakte und Kampagnen; jede Anmeldung darüber bringt Ihnen Provision.'],
      action: 'Einladung erstellen',
    },
  },
  partner_rejected: {
    en: {
      subject: (f) => `Your application to ${f.programName}`,
      body: (f) => [`${f.programName} did not approve ${f.partnerName} as a partner.`, ...(f.reason ? [`The reason given: ${f.reason}`] : []), 'Reply to the program if you think this is a mistake.'],
      action: 'Open your portal',
    },
    sv: {
      subject: (f) => `Din ansökan till ${f.programName}`,
      body: (f) => [`${f.programName} godkände inte ${f.partnerName} som partner.`, ...(f.reason ? [`Angivet skäl: ${f.reason}`] : []), 'Kontakta programmet om du tror att det är ett misstag.'],
      action: 'Öppna din portal',
    },
    de: {
      subject: (f) => `Ihre Bewerbung bei ${f.programName}`,
      body: (f) => [`${f.programName} hat ${f.partnerName} nicht als Partner freigeschaltet.`, ...(f.reason ? [`Angegebener Grund: ${f.reason}`] : []), 'Wenden Sie sich an das Programm, wenn Sie das für einen Irrtum halten.'],
      action: 'Portal öffnen',
    },
  },
  // Through an invitation; or from a company locked to the partner by its lead (no invitation code then).
  new_signup: {
    en: {
      subject: (f) => (f.invitationCode ? `New signup through your invitation ${f.invitationCode}` : `New customer from your lead ${f.referralName}`),
      body: (f) => [
        f.invitationCode
          ? `A new customer of ${f.programName} signed up through your invitation ${f.invitationCode}.`
          : `A new customer of ${f.programName} from ${f.referralName} is credited to you: the company is locked to you by your confirmed lead.`,
        'You see them, and what they bring you, under My clients.',
      ],
      action: 'See your clients',
    },
    sv: {
      subject: (f) => (f.invitationCode ? `Ny registrering via din inbjudan ${f.invitationCode}` : `Ny kund från ditt lead ${f.referralName}`),
      body: (f) => [
        f.invitationCode
          ? `En ny kund hos ${f.programName} registrerade sig via din inbjudan ${f.invitationCode}.`
          : `En ny kund hos ${f.programName} från ${f.referralName} krediteras dig: företaget är låst till dig genom ditt bekräftade lead.`,
        'Du ser kunden, och vad den ger dig, under Mina kunder.',
      ],
      action: 'Se dina kunder',
    },
    de: {
      subject: (f) => (f.invitationCode ? `Neue Anmeldung über Ihre Einladung ${f.invitationCode}` : `Neuer Kunde aus Ihrem Lead ${f.referralName}`),
      body: (f) => [
        f.invitationCode
          ? `Ein neuer Kunde von ${f.programName} hat sich über Ihre Einladung ${f.invitationCode} angemeldet.`
          : `Ein neuer Kunde von ${f.programName} aus ${f.referralName} wird Ihnen gutgeschrieben: Das Unternehmen ist durch Ihren bestätigten Lead für Sie gesperrt.`,
        'Sie sehen ihn, und was er Ihnen bringt, unter Meine Kunden.',
      ],
      action: 'Kunden ansehen',
    },
  },
  commission_earned: {
    en: {
      subject: (f, l) => `You earned ${amount(f, l)} commission`,
      body: (f, l) => [`You earned ${amount(f, l)} commission with ${f.programName}.`, f.availableAt ? `It becomes available on ${day(f.availableAt, l)}, after the program's hold.` : 'It is in your balance now.'],
      action: 'See your balance',
    },
    sv: {
      subject: (f, l) => `Du har tjänat ${amount(f, l)} i provision`,
      body: (f, l) => [`Du har tjänat ${amount(f, l)} i provision hos ${f.programName}.`, f.availableAt ? `Den blir tillgänglig ${day(f.availableAt, l)}, efter programmets karenstid.` : 'Den finns i ditt saldo nu.'],
      action: 'Se ditt saldo',
    },
    de: {
      subject: (f, l) => `Sie haben ${amount(f, l)} Provision verdient`,
      body: (f, l) => [`Sie haben bei ${f.programName} ${amount(f, l)} Provision verdient.`, f.availableAt ? `Sie wird am ${day(f.availableAt, l)} verfügbar, nach der Wartezeit des Programms.` : 'Sie ist jetzt in Ihrem Guthaben.'],
      action: 'Guthaben ansehen',
    },
  },
  commission_available: {
    en: {
      subject: (f, l) => `${amount(f, l)} commission is now available`,
      body: (f, l) => [`${amount(f, l)} of your commission with ${f.programName} has passed its hold and is now available.`, 'Withdraw it at the end of the reporting period once your balance reaches the minimum.'],
      action: 'See your balance',
    },
    sv: {
      subject: (f, l) => `${amount(f, l)} i provision är nu tillgänglig`,
      body: (f, l) => [`${amount(f, l)} av din provision hos ${f.programName} har passerat karenstiden och är nu tillgänglig.`, 'Ta ut den i slutet av rapportperioden när ditt saldo når miniminivån.'],
      action: 'Se ditt saldo',
    },
    de: {
      subject: (f, l) => `${amount(f, l)} Provision ist jetzt verfügbar`,
      body: (f, l) => [`${amount(f, l)} Ihrer Provision bei ${f.programName} hat die Wartezeit hinter sich und ist jetzt verfügbar.`, 'Lassen Sie sie am Ende des Abrechnungszeitraums auszahlen, sobald Ihr Guthaben das Minimum erreicht.'],
      action: 'Guthaben ansehen',
    },
  },
  withdrawal_paid: {
    en: {
      subject: (f, l) => `Your withdrawal of ${amount(f, l)} is paid`,
      body: (f, l) => [`${f.programName} paid your withdrawal of ${amount(f, l)} to ${f.partnerName}'s payout account.`],
      action: 'See your balance',
    },
    sv: {
      subject: (f, l) => `Ditt uttag på ${amount(f, l)} är utbetalt`,
      body: (f, l) => [`${f.programName} har betalat ut ditt uttag på ${amount(f, l)} till ${f.partnerName}s utbetalningskonto.`],
      action: 'Se ditt saldo',
    },
    de: {
      subject: (f, l) => `Ihre Auszahlung über ${amount(f, l)} ist erfolgt`,
      body: (f, l) => [`${f.programName} hat Ihre Auszahlung über ${amount(f, l)} auf das Auszahlungskonto von ${f.partnerName} überwiesen.`],
      action: 'Guthaben ansehen',
    },
  },
  new_application: {
    en: {
      subject: (f) => `New partner application: ${f.partnerName}`,
      body: (f) => [`${f.partnerName} (${f.partnerDisplayId}) registered with ${f.programName} and waits for your approval.`],
      action: 'Review partners',
    },
    sv: {
      subject: (f) => `Ny partneransökan: ${f.partnerName}`,
      body: (f) => [`${f.partnerName} (${f.partnerDisplayId}) har registrerat sig i ${f.programName} och väntar på ditt godkännande.`],
      action: 'Granska partner',
    },
    de: {
      subject: (f) => `Neue Partnerbewerbung: ${f.partnerName}`,
      body: (f) => [`${f.partnerName} (${f.partnerDisplayId}) hat sich bei ${f.programName} registriert und wartet auf Ihre Freigabe.`],
      action: 'Partner prüfen',
    },
  },
  referral_stage_changed: {
    en: {
      subject: (f, l) => `${f.referralName}: ${stage(f, l)}`,
      body: (f, l) => [`${f.programName} moved your referral ${f.referralName} to the stage ${stage(f, l)}.`],
      action: 'See your referrals',
    },
    sv: {
      subject: (f, l) => `${f.referralName}: ${stage(f, l)}`,
      body: (f, l) => [`${f.programName} har flyttat din hänvisning ${f.referralName} till steget ${stage(f, l)}.`],
      action: 'Se dina hänvisningar',
    },
    de: {
      subject: (f, l) => `${f.referralName}: ${stage(f, l)}`,
      body: (f, l) => [`${f.programName} hat Ihre Empfehlung ${f.referralName} in die Phase ${stage(f, l)} verschoben.`],
      action: 'Empfehlungen ansehen',
    },
  },
  withdrawal_requests: {
    en: {
      subject: (f, l) => `${f.requests} withdrawal ${f.requests === 1 ? 'request' : 'requests'} to pay: ${amount(f, l)}`,
      body: (f, l) => [`The reporting period of ${f.programName} closed. Its payout batch holds ${f.requests} withdrawal ${f.requests === 1 ? 'request' : 'requests'}, ${amount(f, l)} in all.`, 'Download the batch for your bank, pay it, and mark each withdrawal paid or failed.'],
      action: 'Open payouts',
    },
    sv: {
      subject: (f, l) => `${f.requests} uttag att betala: ${amount(f, l)}`,
      body: (f, l) => [`Rapportperioden för ${f.programName} har stängts. Dess utbetalningsomgång innehåller ${f.requests} uttag, sammanlagt ${amount(f, l)}.`, 'Ladda ner omgången till banken, betala och markera varje uttag som betalt eller misslyckat.'],
      action: 'Öppna utbetalningar',
    },
    de: {
      subject: (f, l) => `${f.requests} ${f.requests === 1 ? 'Auszahlungsanfrage' : 'Auszahlungsanfragen'} zu bezahlen: ${amount(f, l)}`,
      body: (f, l) => [`Der Abrechnungszeitraum von ${f.programName} ist abgeschlossen. Sein Auszahlungslauf enthält ${f.requests} ${f.requests === 1 ? 'Auszahlungsanfrage' : 'Auszahlungsanfragen'}, insgesamt ${amount(f, l)}.`, 'Laden Sie den Lauf für Ihre Bank herunter, zahlen Sie und markieren Sie jede Auszahlung als bezahlt oder fehlgeschlagen.'],
      action: 'Auszahlungen öffnen',
    },
  },
  webhook_endpoint_disabled: {
    en: {
      subject: () => 'A webhook endpoint was disabled',
      body: (f) => [`edgeref stopped sending ${f.programName}'s events to ${f.endpointUrl}.`, `Why: ${f.reason}`, 'Events keep being recorded. Fix the receiver, enable the endpoint again, and replay what it missed.'],
      action: 'Open webhooks',
    },
    sv: {
      subject: () => 'En webhook-mottagare har stängts av',
      body: (f) => [`edgeref slutade skicka ${f.programName}s händelser till ${f.endpointUrl}.`, `Varför: ${f.reason}`, 'Händelserna registreras fortfarande. Åtgärda mottagaren, slå på den igen och skicka om det den missade.'],
      action: 'Öppna webhooks',
    },
    de: {
      subject: () => 'Ein Webhook-Endpunkt wurde deaktiviert',
      body: (f) => [`edgeref sendet die Ereignisse von ${f.programName} nicht mehr an ${f.endpointUrl}.`, `Grund: ${f.reason}`, 'Die Ereignisse werden weiter aufgezeichnet. Beheben Sie den Empfänger, aktivieren Sie den Endpunkt wieder und senden Sie Verpasstes erneut.'],
      action: 'Webhooks öffnen',
    },
  },
};

// An invitee may have no name yet.
const GREETING: Record<Language, (name: string) => string> = { en: (n) => (n ? `Hi ${n},` : 'Hi,'), sv: (n) => (n ? `Hej ${n},` : 'Hej,'), de: (n) => (n ? `Hallo ${n},` : 'Hallo,') };
const FOOTER: Record<Language, { why: (p: string) => string; unsubscribe: string; settings: string }> = {
  en: { why: (p) => `This email is from ${p}'s partner program.`, unsubscribe: 'Unsubscribe from these emails', settings: 'Choose which emails you get in the dashboard, under Your emails.' },
  sv: { why: (p) => `Det här mejlet kommer från ${p}s partnerprogram.`, unsubscribe: 'Avregistrera dig från dessa mejl', settings: 'Välj vilka mejl du får i dashboarden, under Your emails.' },
  de: { why: (p) => `Diese E-Mail kommt vom Partnerprogramm von ${p}.`, unsubscribe: 'Diese E-Mails abbestellen', settings: 'Welche E-Mails Sie erhalten, wählen Sie im Dashboard unter „Your emails“.' },
};

export interface RenderedEmail {
  subject: string;
  text: string;
  html: string;
}

/** Names come from people: no line breaks in a subject, whatever they typed. */
const oneLine = (s: string) => s.replace(/[\r\n\t\u0000-\u001f\u007f]+/g, ' ').trim();

/** The email in the recipient's language, with the unsubscribe link when it is optional. */
export function renderEmail(template: EmailTemplate, language: Language, facts: EmailFacts, unsubscribe: string | null): RenderedEmail {
  const t = TEXTS[template][language];
  const footer = FOOTER[language];
  const paragraphs = [GREETING[language](facts.recipientName), ...t.body(facts, language)];
  const text = [
    ...paragraphs,
    `${t.action}: ${facts.link}`,
    '--',
    footer.why(facts.programName),
    ...(unsubscribe ? [`${footer.unsubscribe}: ${unsubscribe}`, footer.settings] : []),
  ].join('\n\n');
  const p = (s: string) => `<p style="margin:0 0 16px">${escapeHtml(s)}</p>`;
  const html = `<!doctype html><html lang="${language}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width"><title>${escapeHtml(oneLine(t.subject(facts, language)))}</title></head>
<body style="margin:0;padding:24px;background:#f3f4f6;font:16px/1.5 system-ui,-apple-system,Segoe UI,sans-serif;color:#1f2937">
<div style="max-width:560px;margin:0 auto;background:#fff;border-radius:8px;padding:32px">
${paragraphs.map(p).join('\n')}
<p style="margin:24px 0"><a href="${escapeHtml(facts.link)}" style="display:inline-block;background:#1d4ed8;color:#fff;text-decoration:none;padding:10px 18px;border-radius:6px">${escapeHtml(t.action)}</a></p>
</div>
<div style="max-width:560px;margin:16px auto 0;font-size:13px;color:#6b7280">
<p style="margin:0 0 8px">${escapeHtml(footer.why(facts.programName))}</p>
${unsubscribe ? `<p style="margin:0"><a href="${escapeHtml(unsubscribe)}" style="color:#6b7280">${escapeHtml(footer.unsubscribe)}</a>. ${escapeHtml(footer.settings)}</p>` : ''}
</div>
</body></html>`;
  return { subject: oneLine(t.subject(facts, language)), text, html };
}
