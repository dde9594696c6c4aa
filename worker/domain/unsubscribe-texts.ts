// The unsubscribe page's words (an optional email's one-click link opens it), in English, Swedish and German.
import type { Language, OptionalEmail } from '../../shared/email-templates';

/** The optional emails by name, for the unsubscribe page. */
export const TOPIC_NAMES: Record<Language, Record<OptionalEmail, string>> = {
  en: { new_signup: 'new signups through your invitations', commission_earned: 'commissions earned', commission_available: 'commissions available', referral_stage_changed: 'your referrals moving to another stage', period_summary: 'your summary at the end of each reporting period', new_application: 'new partner applications', partner_inactive: 'reminders when your company has been quiet for a while', partner_no_success: 'referrals that have not become customers yet', partner_near_tier: 'how close you are to the next commission tier' },
  sv: { new_signup: 'nya registreringar via dina inbjudningar', commission_earned: 'intjänad provision', commission_available: 'tillgänglig provision', referral_stage_changed: 'dina hänvisningar som byter steg', period_summary: 'din sammanfattning i slutet av varje rapportperiod', new_application: 'nya partneransökningar', partner_inactive: 'påminnelser när ditt företag har varit tyst ett tag', partner_no_success: 'hänvisningar som inte har blivit kunder ännu', partner_near_tier: 'hur nära du är nästa provisionsnivå' },
  de: { new_signup: 'neue Anmeldungen über Ihre Einladungen', commission_earned: 'verdiente Provisionen', commission_available: 'verfügbare Provisionen', referral_stage_changed: 'Phasenwechsel Ihrer Empfehlungen', period_summary: 'Ihre Zusammenfassung am Ende jedes Abrechnungszeitraums', new_application: 'neue Partnerbewerbungen', partner_inactive: 'Erinnerungen, wenn es bei Ihrem Unternehmen eine Weile still war', partner_no_success: 'Empfehlungen, die noch keine Kunden geworden sind', partner_near_tier: 'wie nah Sie der nächsten Provisionsstufe sind' },
};

/** The unsubscribe page's words: asking to confirm, and done. */
export const UNSUBSCRIBE_PAGE: Record<Language, { title: string; ask: (topic: string) => string; button: string; done: (topic: string) => string; later: string; invalid: string }> = {
  en: {
    title: 'Unsubscribe',
    ask: (t) => `Stop getting emails about ${t}?`,
    button: 'Unsubscribe',
    done: (t) => `Done: you will no longer get emails about ${t}.`,
    later: 'You can turn them on again in the dashboard, under Your emails (on Profile, or on Settings in the program console).',
    invalid: 'This unsubscribe link is not valid. Use the link from the latest email, or choose your emails in your portal.',
  },
  sv: {
    title: 'Avregistrera',
    ask: (t) => `Sluta få mejl om ${t}?`,
    button: 'Avregistrera',
    done: (t) => `Klart: du får inte längre mejl om ${t}.`,
    later: 'Du kan slå på dem igen i dashboarden, under Your emails (på Profile, eller på Settings i programkonsolen).',
    invalid: 'Den här avregistreringslänken är inte giltig. Använd länken i det senaste mejlet, eller välj dina mejl i din portal.',
  },
  de: {
    title: 'Abbestellen',
    ask: (t) => `Keine E-Mails mehr über ${t} erhalten?`,
    button: 'Abbestellen',
    done: (t) => `Erledigt: Sie erhalten keine E-Mails mehr über ${t}.`,
    later: 'Sie können sie im Dashboard unter „Your emails“ wieder einschalten (auf Profile, oder auf Settings in der Programmkonsole).',
    invalid: 'Dieser Abbestell-Link ist ungültig. Nutzen Sie den Link aus der neuesten E-Mail oder wählen Sie Ihre E-Mails im Portal.',
  },
};
