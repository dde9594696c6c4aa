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

export function subtract(a: Money, b: Money): Money {
  return add(a, negate(b));
}

export function min(a: Money, b: Money): Money {
  if (a.currency !== b.currency) throw new CurrencyMismatchError(a.currency, b.currency);
  return a.amount <= b.amount ? a : b;
}

export function max(a: Money, b: Money): Money {
  if (a.currency !== b.currency) throw new CurrencyMismatchError(a.currency, b.currency);
  return a.amount >= b.amount ? a : b;
}

export function isZero(a: Money): boolean {
  return a.amount === 0;
}

export function isPositive(a: Money): boolean {
  return a.amount > 0;
}

export function isNegative(a: Money): boolean {
  return a.amount < 0;
}

/** -1, 0 or 1 as `a` is less than, equal to or greater than `b`; only amounts of one currency compare. */
export function compare(a: Money, b: Money): -1 | 0 | 1 {
  if (a.currency !== b.currency) throw new CurrencyMismatchError(a.currency, b.currency);
  return a.amount < b.amount ? -1 : a.amount > b.amount ? 1 : 0;
}

export function equals(a: Money, b: Money): boolean {
  return a.currency === b.currency && a.amount === b.amount;
}

/** `a` scaled by numerator/denominator, rounded half away from zero (BigInt, so no float ever touches money). */
export function scale(a: Money, numerator: number, denominator: number): Money {
  if (!Number.isSafeInteger(numerator) || !Number.isSafeInteger(denominator) || denominator <= 0) {
    throw new RangeError(`scale needs integers and a positive denominator, got ${numerator}/${denominator}`);
  }
  const n = BigInt(a.amount) * BigInt(numerator);
  const d = BigInt(denominator);
  const sign = n < 0n ? -1n : 1n;
  const abs = n * sign;
  const rounded = (abs / d + (2n * (abs % d) >= d ? 1n : 0n)) * sign;
  return money(Number(rounded) || 0, a.currency);
}

/** An exchange rate as a decimal string (units of one currency per unit of another), e.g. "0.9215" or "11.43". */
export const RATE_PATTERN = /^(?=.*[1-9])\d{1,9}(\.\d{1,12})?$/;

/**
 * `a` converted to `to` at `rate` (a decimal string: one unit of a's currency is `rate` units of `to`), minor units
 * adjusted for the two currencies' digits, rounded half away from zero. BigInt and string digits only: no float
 * touches money.
 */
export function convert(a: Money, rate: string, to: string): Money {
  if (!RATE_PATTERN.test(rate)) throw new RangeError(`not an exchange rate: ${rate}`);
  const [whole, fraction = ''] = rate.split('.');
  const shift = minorDigits(to) - minorDigits(a.currency);
  let n = BigInt(a.amount) * BigInt(whole + fraction) * 10n ** BigInt(Math.max(shift, 0));
  const d = 10n ** BigInt(fraction.length) * 10n ** BigInt(Math.max(-shift, 0));
  const sign = n < 0n ? -1n : 1n;
  n *= sign;
  const rounded = (n / d + (2n * (n % d) >= d ? 1n : 0n)) * sign;
  return money(Number(rounded) || 0, to);
}

/** A provider's floating-point rate (Stripe's exchange_rate) as a decimal string for `convert`, to 12 significant digits. */
export function rateFromNumber(rate: number): string | null {
  if (!Number.isFinite(rate) || rate <= 0) return null;
  const text = rate.toFixed(Math.min(12, Math.max(0, 12 - Math.floor(Math.log10(rate)) - 1))).replace(/(\.\d*?)0+$/, '$1').replace(/\.$/, '');
  return RATE_PATTERN.test(text) ? text : null;
}

/** A percentage in basis points (10000 = 100%) of an amount. */
export function percentOf(a: Money, bps: number): Money {
  return scale(a, bps, 10_000);
}

/**
 * Splits an amount into parts by basis-point shares. The parts always add up to the amount exactly:
 * each part is rounded down and the cents left over go to the earliest parts.
 */
export function allocate(a: Money, sharesBps: number[]): Money[] {
  const total = sharesBps.reduce((s, x) => s + x, 0);
  if (total <= 0 || sharesBps.some((x) => !Number.isSafeInteger(x) || x < 0)) throw new RangeError('shares must be non-negative integers with a positive total');
  const sign = a.amount < 0 ? -1 : 1;
  const abs = BigInt(Math.abs(a.amount));
  const parts = sharesBps.map((x) => (abs * BigInt(x)) / BigInt(total));
  let left = abs - parts.reduce((s, x) => s + x, 0n);
  for (let i = 0; left > 0n; i = (i + 1) % parts.length) {
    if (sharesBps[i] > 0) {
      parts[i] += 1n;
      left -= 1n;
    }
  }
  return parts.map((p) => money(sign * Number(p) || 0, a.currency));
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

/** A plain decimal for files other programs read (CSV): "1200.50", "-12.00", "500" for JPY; no sign of currency, no grouping. */
export function decimal(m: Money): string {
  const digits = minorDigits(m.currency);
  const sign = m.amount < 0 ? '-' : '';
  const abs = String(Math.abs(m.amount));
  if (digits === 0) return sign + abs;
  const s = abs.padStart(digits + 1, '0');
  return `${sign}${s.slice(0, -digits)}.${s.slice(-digits)}`;
}

/**
 * Reads an amount typed by a person ("50", "50.5", "1 234,50", "€50.00") as minor units, by string digits only.
 * Returns null when it is not a plain positive amount with at most the currency's digits after the separator.
 */
export function parseAmount(text: string, currency: string): Money | null {
  const digits = minorDigits(currency);
  // Spaces group digits; one currency sign or the currency's code may stand before or after the number.
  const cleaned = text.replace(/[\s\u00a0\u202f]/g, '').replace(new RegExp(`^(?:\\p{Sc}|${currency})|(?:\\p{Sc}|${currency})$`, 'giu'), '');
  const m = cleaned.match(/^(\d{1,12})(?:[.,](\d*))?$/);
  if (!m || (m[2] ?? '').length > digits) return null;
  const minor = m[1] + (m[2] ?? '').padEnd(digits, '0');
  return money(Number(minor), currency);
}

// Amount fields in forms (English style: "1,200.50", commas group thousands).

export class AmountError extends Error {}

/** undefined for an empty field; throws AmountError for anything that is not a plain non-negative amount. */
export function minorFromInput(text: string | undefined, currency: string): number | undefined {
  if (text === undefined || text.trim() === '') return undefined;
  // Here commas only group thousands ("1,200.50"), so the decimal point is the one separator left.
  const amount = parseAmount(text.replace(/,/g, ''), currency);
  if (!amount) throw new AmountError(`“${text}” is not an amount; write it like 1200.50.`);
  return amount.amount;
}

/** Minor units back to what the field shows: 120050 → "1200.50". */
export function inputFromMinor(minor: number | null | undefined, currency: string): string {
  if (minor === null || minor === undefined) return '';
  const digits = minorDigits(currency);
  if (digits === 0) return String(minor);
  const s = String(minor).padStart(digits + 1, '0');
  return `${s.slice(0, -digits)}.${s.slice(-digits)}`;
}
