// Promo codes: what a valid code is, how codes compare, and how one is generated.
import { customAlphabet } from 'nanoid';
import { CODE_PATTERN } from '../../shared/schemas/invitations';

/** Paths of this worker and words that would confuse people; never codes. */
export const RESERVED_CODES = new Set(['API', 'DASHBOARD', 'WIDGET', 'WIDGET-JS', 'ADMIN', 'LOGIN', 'LOGOUT', 'STATIC', 'ASSETS', 'HEALTH', 'QR', 'CARD']);

// No look-alikes: 0/O, 1/I/L, 5/S, 2/Z, 8/B are left out.
const generate = customAlphabet('ACDEFGHJKMNPQRTUVWXY34679', 8);

/** Codes compare case-insensitively: this is the key they are stored and looked up by. */
export function codeKey(code: string): string {
  return code.trim().toUpperCase();
}

export type CodeProblem = 'invalid' | 'reserved';

export function checkCode(code: string): CodeProblem | null {
  if (!CODE_PATTERN.test(code)) return 'invalid';
  if (RESERVED_CODES.has(codeKey(code))) return 'reserved';
  return null;
}

export function generateCode(): string {
  return generate();
}
