// How counts, dates and API words read in the dashboard. Money goes through shared/money's format() only.
import { format, type Money } from '../../shared/money';

// The interface copy is English, so numbers and dates follow English conventions too.
export const LOCALE = 'en';

const counts = new Intl.NumberFormat(LOCALE);
const dates = new Intl.DateTimeFormat(LOCALE, { dateStyle: 'medium', timeStyle: 'short' });
// Stats days are UTC calendar days; shown in the viewer's zone they could slip to the day before.
const days = new Intl.DateTimeFormat(LOCALE, { dateStyle: 'medium', timeZone: 'UTC' });
const percents = new Intl.NumberFormat(LOCALE, { style: 'percent', minimumFractionDigits: 1, maximumFractionDigits: 1 });

export const count = (n: number) => counts.format(n);
export const amount = (m: Money) => format(m, LOCALE);
/** A ratio (0..1) as a percentage with one decimal: 0.3333 reads as "33.3%". */
export const percent = (ratio: number) => percents.format(ratio);

/** "2026-07-03" reads as "Jul 3, 2026". */
export function day(isoDay: string): string {
  const d = new Date(`${isoDay}T00:00:00Z`);
  return Number.isNaN(d.getTime()) ? isoDay : days.format(d);
}

export function dateTime(iso: string): string {
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : dates.format(d);
}

/** "signup_commission" reads as "Signup commission". */
export function words(apiWord: string): string {
  const s = apiWord.replace(/_/g, ' ');
  return s.charAt(0).toUpperCase() + s.slice(1);
}

const longDays = new Intl.DateTimeFormat(LOCALE, { dateStyle: 'long', timeZone: 'UTC' });
/** A date the API gives as an instant, read as its UTC calendar day: "December 1, 2026". */
export const longDay = (iso: string) => longDays.format(new Date(iso));

/** A reporting period's days, its end being exclusive: "Nov 1, 2026 – Nov 30, 2026". */
export function periodSpan(p: { startsAt: string; endsAt: string }): string {
  return `${days.format(new Date(p.startsAt))} – ${days.format(new Date(Date.parse(p.endsAt) - 1))}`;
}

/** Who a customer is, for people who read the dashboard: the email while we hold it, else the site's own id. */
export function customerLabel(c: { email: string | null; externalId: string; erased: boolean }): string {
  if (c.erased) return `Erased customer (${c.externalId})`;
  return c.email ?? c.externalId;
}
