// How counts, dates and API words read in the dashboard. Money goes through shared/money's format() only.
import { format, type Money } from '../../shared/money';

// The interface copy is English, so numbers and dates follow English conventions too.
export const LOCALE = 'en';

const counts = new Intl.NumberFormat(LOCALE);
const dates = new Intl.DateTimeFormat(LOCALE, { dateStyle: 'medium', timeStyle: 'short' });

export const count = (n: number) => counts.format(n);
export const amount = (m: Money) => format(m, LOCALE);

export function dateTime(iso: string): string {
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : dates.format(d);
}

/** "signup_commission" reads as "Signup commission". */
export function words(apiWord: string): string {
  const s = apiWord.replace(/_/g, ' ');
  return s.charAt(0).toUpperCase() + s.slice(1);
}
