// Outgoing webhooks (Standard Webhooks): when a failed delivery is tried again, what a response means for the
// endpoint, and which URLs a site owner may register as an endpoint.

/** Seconds to wait after each failed attempt, the Standard Webhooks schedule: 10 attempts in all, over about 3 days. */
export const RETRY_SCHEDULE_SECONDS: readonly number[] = [5, 5 * 60, 30 * 60, 2 * 3600, 5 * 3600, 10 * 3600, 14 * 3600, 20 * 3600, 24 * 3600];

/** Each delay is spread by up to this fraction either way, so endpoints that failed together are not retried together. */
export const RETRY_JITTER = 0.1;

/** A receiver's Retry-After can delay the next attempt, but not by more than this: a typo must not park a delivery for a year. */
export const MAX_RETRY_AFTER_MS = 24 * 3600 * 1000;

export const MAX_WEBHOOK_URL_LENGTH = 2000;

export type NextAttempt = { at: number } | { giveUp: true };

/** After failed attempt number `attempt` (1 is the first delivery), when to try again, in ms since the epoch. */
export function nextAttempt(
  attempt: number,
  now: number,
  opts: { schedule?: readonly number[]; retryAfter?: string | null; random?: () => number } = {},
): NextAttempt {
  if (!Number.isInteger(attempt) || attempt < 1) throw new RangeError(`attempt must be a whole number from 1, not ${attempt}`);
  const schedule = opts.schedule ?? RETRY_SCHEDULE_SECONDS;
  if (attempt > schedule.length) return { giveUp: true };
  const random = opts.random ?? Math.random;
  const scheduled = Math.round(schedule[attempt - 1] * 1000 * (1 + RETRY_JITTER * (2 * random() - 1)));
  const asked = opts.retryAfter == null ? null : parseRetryAfter(opts.retryAfter, now);
  return { at: now + Math.max(scheduled, Math.min(asked ?? 0, MAX_RETRY_AFTER_MS)) };
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const MONTH = MONTHS.join('|');
// The three HTTP-date forms a recipient must accept (RFC 9110 §5.6.7): IMF-fixdate, then the obsolete RFC 850 and asctime.
const IMF_FIXDATE = new RegExp(`^(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun), (\\d{2}) (${MONTH}) (\\d{4}) (\\d{2}):(\\d{2}):(\\d{2}) GMT$`);
const RFC_850 = new RegExp(`^(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday), (\\d{2})-(${MONTH})-(\\d{2}) (\\d{2}):(\\d{2}):(\\d{2}) GMT$`);
const ASCTIME = new RegExp(`^(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun) (${MONTH}) ([ \\d]\\d) (\\d{2}):(\\d{2}):(\\d{2}) (\\d{4})$`);

function utc(year: number, month: string, day: string, h: string, m: string, s: string): number | null {
  const mon = MONTHS.indexOf(month);
  const t = Date.UTC(year, mon, Number(day), Number(h), Number(m), Number(s));
  const d = new Date(t);
  // Date.UTC rolls 31 Feb over into March; a date that does not read back the same was not a date.
  const same = d.getUTCFullYear() === year && d.getUTCMonth() === mon && d.getUTCDate() === Number(day) && d.getUTCHours() === Number(h)
    && d.getUTCMinutes() === Number(m) && d.getUTCSeconds() === Number(s);
  return same ? t : null;
}

function parseHttpDate(value: string, now: number): number | null {
  let m = IMF_FIXDATE.exec(value);
  if (m) return utc(Number(m[3]), m[2], m[1], m[4], m[5], m[6]);
  m = RFC_850.exec(value);
  if (m) {
    // A two-digit year more than 50 years ahead is the most recent past year with those digits (RFC 9110).
    let year = Math.floor(new Date(now).getUTCFullYear() / 100) * 100 + Number(m[3]);
    if (year > new Date(now).getUTCFullYear() + 50) year -= 100;
    return utc(year, m[2], m[1], m[4], m[5], m[6]);
  }
  m = ASCTIME.exec(value);
  if (m) return utc(Number(m[6]), m[1], m[2].trim(), m[3], m[4], m[5]);
  return null;
}

/** The delay in ms a Retry-After header asks for (delay-seconds or an HTTP date; 0 for a date already past), or null when it is not one. */
export function parseRetryAfter(value: string | null | undefined, now: number): number | null {
  const v = value?.trim();
  if (!v) return null;
  if (/^\d+$/.test(v)) return Number(v) * 1000;
  const at = parseHttpDate(v, now);
  return at === null ? null : Math.max(0, at - now);
}

export type DeliveryOutcome = 'delivered' | 'retry' | 'disable';

/**
 * What a response means: any 2xx is delivered; 410 Gone says the endpoint is gone for good, so it is disabled. Anything
 * else is tried again: no response (null: network error, timeout), 3xx (redirects are not followed, so a moved endpoint
 * must be updated), 4xx and 5xx.
 */
export function deliveryOutcome(status: number | null): DeliveryOutcome {
  if (status !== null && status >= 200 && status <= 299) return 'delivered';
  if (status === 410) return 'disable';
  return 'retry';
}

export type WebhookUrlCheck = { ok: true; url: string } | { ok: false; problem: string };

// The local demo's receiver, reachable over plain http only when the deployment allows it (local runs, never production).
const LOCAL_DEMO_HOSTS = new Set(['127.0.0.1', '[::1]', 'localhost']);
// Names that only mean something inside a network: localhost (RFC 6761), mDNS (.local), and private-use suffixes.
const PRIVATE_NAME_SUFFIXES = ['localhost', 'local', 'internal', 'localdomain', 'home.arpa'];

// IPv4 blocks that are not a public endpoint: IANA's special-purpose registry, with multicast and the reserved 240/4.
const IPV4_BLOCKED: [string, number][] = [
  ['0.0.0.0', 8], // "this network"
  ['10.0.0.0', 8], // private
  ['100.64.0.0', 10], // carrier-grade NAT
  ['127.0.0.0', 8], // loopback
  ['169.254.0.0', 16], // link-local, where cloud metadata services answer (169.254.169.254)
  ['172.16.0.0', 12], // private
  ['192.0.0.0', 24], // IETF protocol assignments
  ['192.0.2.0', 24], // documentation
  ['192.88.99.0', 24], // 6to4 relay anycast
  ['192.168.0.0', 16], // private
  ['198.18.0.0', 15], // benchmarking
  ['198.51.100.0', 24], // documentation
  ['203.0.113.0', 24], // documentation
  ['224.0.0.0', 4], // multicast
  ['240.0.0.0', 4], // reserved, and 255.255.255.255 broadcast
];

function ipv4ToNumber(dotted: string): number {
  return dotted.split('.').reduce((n, part) => n * 256 + Number(part), 0);
}

function ipv4Blocked(n: number): boolean {
  return IPV4_BLOCKED.some(([base, bits]) => Math.floor(n / 2 ** (32 - bits)) === Math.floor(ipv4ToNumber(base) / 2 ** (32 - bits)));
}

/** The 8 groups of an IPv6 address as the URL parser writes it (compressed, lower case, no dotted tail), or null. */
function ipv6Groups(address: string): number[] | null {
  const [head, tail, ...rest] = address.split('::');
  const parts = (s: string | undefined) => (s ? s.split(':') : []);
  const left = parts(head);
  const right = parts(tail);
  if (rest.length || ![...left, ...right].every((g) => /^[0-9a-f]{1,4}$/.test(g))) return null;
  if (tail === undefined ? left.length !== 8 : left.length + right.length > 7) return null;
  const zeros = tail === undefined ? [] : Array<string>(8 - left.length - right.length).fill('0');
  return [...left, ...zeros, ...right].map((g) => parseInt(g, 16));
}

function ipv6Blocked(g: number[]): boolean {
  const embeddedIpv4 = (hi: number, lo: number) => ipv4Blocked(hi * 65536 + lo);
  // IPv4-mapped (::ffff:a.b.c.d) and NAT64 (64:ff9b::a.b.c.d) reach the IPv4 address they carry.
  if (g.slice(0, 5).every((x) => x === 0) && g[5] === 0xffff) return embeddedIpv4(g[6], g[7]);
  if (g[0] === 0x64 && g[1] === 0xff9b && g.slice(2, 6).every((x) => x === 0)) return embeddedIpv4(g[6], g[7]);
  // 6to4 (2002:aabb:ccdd::) carries its IPv4 address in the second and third groups.
  if (g[0] === 0x2002) return embeddedIpv4(g[1], g[2]);
  // Only global unicast (2000::/3) is public. That leaves out ::, ::1, the deprecated IPv4-compatible ::a.b.c.d,
  // unique-local fc00::/7, link-local fe80::/10, site-local fec0::/10, multicast ff00::/8 and the rest of the reserved space.
  if (g[0] < 0x2000 || g[0] > 0x3fff) return true;
  // Within it: IETF protocol assignments (2001::/23, Teredo among them), and documentation (2001:db8::/32, 3fff::/20).
  return (g[0] === 0x2001 && g[1] <= 0x01ff) || (g[0] === 0x2001 && g[1] === 0x0db8) || (g[0] === 0x3fff && g[1] <= 0x0fff);
}

/**
 * Whether a site owner may register `url` as a webhook endpoint: a guard against making our Worker request internal
 * addresses for them (SSRF). Only the URL's text is checked; a public name whose DNS points at a private address is left
 * to the platform, since Workers' fetch() does not reach private networks. The URL parser has already turned every
 * spelling of an IPv4 address (2130706433, 0x7f.1, 0177.0.0.1, 127.1) into dotted decimal, and IPv6 into its short form.
 */
export function checkWebhookUrl(url: string, opts: { allowLocalHttp: boolean }): WebhookUrlCheck {
  const refuse = (problem: string): WebhookUrlCheck => ({ ok: false, problem });
  if (url.length > MAX_WEBHOOK_URL_LENGTH) return refuse(`The webhook URL is longer than ${MAX_WEBHOOK_URL_LENGTH.toLocaleString('en')} characters.`);
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return refuse('The webhook URL is not a valid absolute URL.');
  }
  if (parsed.href.length > MAX_WEBHOOK_URL_LENGTH) return refuse(`The webhook URL is longer than ${MAX_WEBHOOK_URL_LENGTH.toLocaleString('en')} characters.`);
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') return refuse('The webhook URL must start with https://.');
  if (parsed.username || parsed.password) return refuse('The webhook URL must not contain a user name or password; put credentials in the path or query instead.');
  const host = parsed.hostname;
  if (opts.allowLocalHttp && LOCAL_DEMO_HOSTS.has(host)) return { ok: true, url: parsed.href };
  if (parsed.protocol !== 'https:') return refuse('The webhook URL must start with https://.');
  const refuseAddress = () => refuse(`The webhook URL's host ${host} is a loopback, private, link-local or reserved address; use a public host name.`);
  if (host.startsWith('[')) {
    const groups = ipv6Groups(host.slice(1, -1));
    return !groups || ipv6Blocked(groups) ? refuseAddress() : { ok: true, url: parsed.href };
  }
  // For http(s) URLs the parser only leaves a host ending in a number when it is a valid IPv4 address.
  if (/^\d+\.\d+\.\d+\.\d+$/.test(host)) return ipv4Blocked(ipv4ToNumber(host)) ? refuseAddress() : { ok: true, url: parsed.href };
  const name = host.replace(/\.+$/, ''); // "localhost." is localhost
  if (PRIVATE_NAME_SUFFIXES.some((suffix) => name === suffix || name.endsWith(`.${suffix}`))) {
    return refuse(`The webhook URL's host ${host} is a local or internal name; use a public host name.`);
  }
  // A single label (https://intranet/) is resolved through a network's search domains: it names nothing on the internet.
  if (!name.includes('.')) return refuse(`The webhook URL's host ${host} is not a public host name.`);
  return { ok: true, url: parsed.href };
}
