// How many wrong passwords are allowed before sign-in pauses: per account, and per client address.
export const SIGN_IN_WINDOW_MS = 15 * 60_000;
export const LIMITS = { email: 10, ip: 50 } as const;

export type ThrottleKey = { kind: keyof typeof LIMITS; key: string };

export function throttleKeys(email: string, ip: string | undefined): ThrottleKey[] {
  const keys: ThrottleKey[] = [{ kind: 'email', key: `email:${email.trim().toLowerCase()}` }];
  if (ip) keys.push({ kind: 'ip', key: `ip:${ip}` });
  return keys;
}

/** Seconds to wait when any key has reached its limit in the window (from its oldest counted failure), else null. */
export function retryAfter(keys: ThrottleKey[], failures: Map<string, { count: number; oldest: number }>, now: number): number | null {
  let wait: number | null = null;
  for (const k of keys) {
    const f = failures.get(k.key);
    if (f && f.count >= LIMITS[k.kind]) {
      const seconds = Math.max(1, Math.ceil((f.oldest + SIGN_IN_WINDOW_MS - now) / 1000));
      wait = Math.max(wait ?? 0, seconds);
    }
  }
  return wait;
}
