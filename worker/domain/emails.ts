// Emails compared as the same mailbox: case, plus-addressing, and the dots Gmail ignores in a local part.

const DOTLESS_DOMAINS = new Set(['gmail.com', 'googlemail.com']);

/** The mailbox an address delivers to, so `Partner+1@demo.test` and `p.artner@gmail.com` are caught as the same person. */
export function normalizeEmail(email: string): string {
  const address = email.trim().toLowerCase();
  const at = address.lastIndexOf('@');
  if (at < 1) return address;
  let local = address.slice(0, at);
  let domain = address.slice(at + 1);
  const plus = local.indexOf('+');
  if (plus > 0) local = local.slice(0, plus);
  if (DOTLESS_DOMAINS.has(domain)) {
    local = local.replaceAll('.', '');
    domain = 'gmail.com';
  }
  return `${local}@${domain}`;
}

export const sameMailbox = (a: string, b: string): boolean => normalizeEmail(a) === normalizeEmail(b);
