// Reading an amount people type ("1200", "1,200.50") as integer minor units, through shared/money.
import { minorDigits } from '../../shared/money';

export class AmountError extends Error {}

/** undefined for an empty field; throws AmountError for anything that is not a plain non-negative amount. */
export function minorFromInput(text: string | undefined, currency: string): number | undefined {
  if (text === undefined || text.trim() === '') return undefined;
  const digits = minorDigits(currency);
  const clean = text.trim().replace(/[\s,]/g, '');
  const m = clean.match(new RegExp(`^(\\d+)(?:\\.(\\d{0,${digits}}))?$`));
  if (!m) throw new AmountError(`“${text}” is not an amount; write it like 1200.50.`);
  return Number(m[1]) * 10 ** digits + Number((m[2] ?? '').padEnd(digits, '0') || 0);
}

/** Minor units back to what the field shows: 120050 → "1200.50". */
export function inputFromMinor(minor: number | null | undefined, currency: string): string {
  if (minor === null || minor === undefined) return '';
  const digits = minorDigits(currency);
  if (digits === 0) return String(minor);
  const s = String(minor).padStart(digits + 1, '0');
  return `${s.slice(0, -digits)}.${s.slice(-digits)}`;
}
