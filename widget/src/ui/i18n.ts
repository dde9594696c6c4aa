// The widget's words in English, Swedish and German; the language comes from data-lang or the page's lang.

const en = {
  invitation: 'Invitation',
  invited: '{partner} invited you. Sign up and get {credit} credit.',
  friend: 'A friend',
  dismiss: 'Dismiss invitation',
  title: 'Invite friends',
  intro: 'Friends who sign up with your link get {credit} credit.',
  link: 'Your invitation link',
  code: 'Promo code',
  copy: 'Copy link',
  copied: 'Copied',
  share: 'Share',
  email: 'Email',
  referred: 'Friends who joined',
  credit: 'Your credit',
  close: 'Close',
  qr: 'QR code of your invitation link',
  message: 'Sign up with my link and get {credit} credit: {link}',
  loading: 'Loading…',
  failed: 'Your referral panel could not be loaded. Please try again later.',
};
export type Words = typeof en;

const sv: Words = {
  invitation: 'Inbjudan',
  invited: '{partner} har bjudit in dig. Registrera dig och få {credit} i kredit.',
  friend: 'En vän',
  dismiss: 'Stäng inbjudan',
  title: 'Bjud in vänner',
  intro: 'Vänner som registrerar sig via din länk får {credit} i kredit.',
  link: 'Din inbjudningslänk',
  code: 'Kampanjkod',
  copy: 'Kopiera länk',
  copied: 'Kopierad',
  share: 'Dela',
  email: 'E-post',
  referred: 'Vänner som gått med',
  credit: 'Din kredit',
  close: 'Stäng',
  qr: 'QR-kod för din inbjudningslänk',
  message: 'Registrera dig via min länk och få {credit} i kredit: {link}',
  loading: 'Laddar…',
  failed: 'Din värvningspanel kunde inte laddas. Försök igen senare.',
};

const de: Words = {
  invitation: 'Einladung',
  invited: '{partner} hat dich eingeladen. Registriere dich und erhalte {credit} Guthaben.',
  friend: 'Ein Freund',
  dismiss: 'Einladung schließen',
  title: 'Freunde einladen',
  intro: 'Freunde, die sich über deinen Link registrieren, erhalten {credit} Guthaben.',
  link: 'Dein Einladungslink',
  code: 'Aktionscode',
  copy: 'Link kopieren',
  copied: 'Kopiert',
  share: 'Teilen',
  email: 'E-Mail',
  referred: 'Geworbene Freunde',
  credit: 'Dein Guthaben',
  close: 'Schließen',
  qr: 'QR-Code deines Einladungslinks',
  message: 'Registriere dich über meinen Link und erhalte {credit} Guthaben: {link}',
  loading: 'Wird geladen…',
  failed: 'Dein Empfehlungsbereich konnte nicht geladen werden. Bitte versuche es später erneut.',
};

const languages: Record<string, Words> = { en, sv, de };

/** "sv-SE" → Swedish; anything we do not speak → English. */
export function language(lang = ''): { tag: string; words: Words } {
  const tag = lang.slice(0, 2).toLowerCase();
  return languages[tag] ? { tag, words: languages[tag] } : { tag: 'en', words: en };
}

/** Fills {name} placeholders. */
export function fill(text: string, values: Record<string, string>): string {
  return text.replace(/\{(\w+)\}/g, (_, k: string) => values[k] ?? '');
}
