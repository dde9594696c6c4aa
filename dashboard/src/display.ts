// How counts, dates and API words read in the dashboard, in the reader's locale (i18n). Money goes through
// shared/money's format() only.
import { format, type Money } from '../../shared/money';
import { apiWord, language, locale, t } from './i18n';

// One set of formatters per locale, made when first needed: the reader may switch language.
const made = new Map<string, ReturnType<typeof formatters>>();
function formatters(loc: string) {
  return {
    counts: new Intl.NumberFormat(loc),
    dates: new Intl.DateTimeFormat(loc, { dateStyle: 'medium', timeStyle: 'short' }),
    // Stats days are UTC calendar days; shown in the viewer's zone they could slip to the day before.
    days: new Intl.DateTimeFormat(loc, { dateStyle: 'medium', timeZone: 'UTC' }),
    longDays: new Intl.DateTimeFormat(loc, { dateStyle: 'long', timeZone: 'UTC' }),
    shortDays: new Intl.DateTimeFormat(loc, { month: 'short', day: 'numeric', timeZone: 'UTC' }),
    percents: new Intl.NumberFormat(loc, { style: 'percent', minimumFractionDigits: 1, maximumFractionDigits: 1 }),
  };
}
function f() {
  const loc = locale();
  if (!made.has(loc)) made.set(loc, formatters(loc));
  return made.get(loc)!;
}

export const count = (n: number) => f().counts.format(n);
export const amount = (m: Money) => format(m, locale());
/** A ratio (0..1) as a percentage with one decimal: 0.3333 reads as "33.3%" (in Swedish "33,3 %"). */
export const percent = (ratio: number) => f().percents.format(ratio);

/** "2026-07-03" reads as "Jul 3, 2026" (in German "03.07.2026"). */
export function day(isoDay: string): string {
  const d = new Date(`${isoDay}T00:00:00Z`);
  return Number.isNaN(d.getTime()) ? isoDay : f().days.format(d);
}

export function dateTime(iso: string): string {
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : f().dates.format(d);
}

/** "signup_commission" reads as "Signup commission", or its translation (i18n's "word." messages). */
export function words(word: string): string {
  const known = apiWord(word);
  if (known) return known;
  const s = word.replace(/_/g, ' ');
  return s.charAt(0).toUpperCase() + s.slice(1);
}

/** An API word inside a sentence: lower case, except in German, where a status or role keeps its capital. */
export const wordInSentence = (word: string) => (language() === 'de' ? words(word) : words(word).toLowerCase());

/** A chart axis's UTC day, from its time in ms: "Jul 3". */
export const shortDay = (ms: number) => f().shortDays.format(new Date(ms));

/** A date the API gives as an instant, read as its UTC calendar day: "December 1, 2026". */
export const longDay = (iso: string) => f().longDays.format(new Date(iso));

/** A reporting period's days, its end being exclusive: "Nov 1, 2026 – Nov 30, 2026". */
export function periodSpan(p: { startsAt: string; endsAt: string }): string {
  return `${f().days.format(new Date(p.startsAt))} – ${f().days.format(new Date(Date.parse(p.endsAt) - 1))}`;
}

/** Who a customer is, for people who read the dashboard: the email while we hold it, else the site's own id. */
export function customerLabel(c: { email: string | null; externalId: string; erased: boolean }): string {
  if (c.erased) return t('customer.erased', { id: c.externalId });
  return c.email ?? c.externalId;
}
