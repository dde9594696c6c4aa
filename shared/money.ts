// Money: integer minor units plus an ISO 4217 currency. The only module that does arithmetic on amounts.

export interface Money {
  amount: number; // integer minor units (cents)
  currency: string; // ISO 4217, upper case
}

export class CurrencyMismatchError extends Error {
  constructor(a: string, b: string) {
    super(`cannot combine ${a} with ${b}`);
  }
}

export function money(amount: number, currency: string): Money {
  if (!Number.isSafeInteger(amount)) throw new RangeError(`amount must be an integer number of minor units, got ${amount}`);
  if (!/^[A-Z]{3}$/.test(currency)) throw new RangeError(`currency must be an ISO 4217 code, got ${currency}`);
  return { amount, currency };
}

export function zero(currency: string): Money {
  return money(0, currency);
}

export function add(a: Money, b: Money): Money {
  if (a.currency !== b.currency) throw new CurrencyMismatchError(a.currency, b.currency);
  return money(a.amount + b.amount, a.currency);
}

export function negate(a: Money): Money {
  return money(a.amount === 0 ? 0 : -a.amount, a.currency);
}

export function sum(currency: string, items: Money[]): Money {
  return items.reduce(add, zero(currency));
}

/** The number of minor-unit digits of a currency (2 for EUR, 0 for JPY), from Intl. */
export function minorDigits(currency: string): number {
  return new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2;
}

/** Formats for people, e.g. "€5.00" in English or "5,00 €" in German. */
export function format(m: Money, locale = 'en'): string {
  const digits = minorDigits(m.currency);
  return new Intl.NumberFormat(locale, { style: 'currency', currency: m.currency }).format(m.amount / 10 ** digits);
}
