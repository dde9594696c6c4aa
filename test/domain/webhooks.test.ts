import { describe, expect, it } from 'vitest';
import {
  checkWebhookUrl,
  deliveryOutcome,
  MAX_RETRY_AFTER_MS,
  nextAttempt,
  parseRetryAfter,
  RETRY_SCHEDULE_SECONDS,
} from '../../worker/domain/webhooks';

const now = Date.UTC(2026, 11, 2, 6, 40, 0); // Wed, 02 Dec 2026 06:40:00 GMT
const S = 1000;
const H = 3600 * S;
const lowest = () => 0;
const middle = () => 0.5;
const highest = () => 1 - Number.EPSILON;

function delayOf(result: ReturnType<typeof nextAttempt>): number {
  if (!('at' in result)) throw new Error('expected another attempt, got a give-up');
  return result.at - now;
}

describe('the retry schedule', () => {
  it('is the Standard Webhooks one: 5 s, 5 min, 30 min, 2 h, 5 h, 10 h, 14 h, 20 h, 24 h', () => {
    expect(RETRY_SCHEDULE_SECONDS).toEqual([5, 300, 1800, 7200, 18000, 36000, 50400, 72000, 86400]);
  });

  const cases: [attempt: number, seconds: number][] = [[1, 5], [2, 300], [3, 1800], [4, 7200], [5, 18000], [6, 36000], [7, 50400], [8, 72000], [9, 86400]];
  for (const [attempt, seconds] of cases) {
    it(`after failed attempt ${attempt}, waits ${seconds} s, give or take 10%`, () => {
      expect(delayOf(nextAttempt(attempt, now, { random: middle }))).toBe(seconds * S);
      expect(delayOf(nextAttempt(attempt, now, { random: lowest }))).toBe(Math.round(seconds * S * 0.9));
      const high = delayOf(nextAttempt(attempt, now, { random: highest }));
      expect(high).toBeGreaterThan(seconds * S * 1.09);
      expect(high).toBeLessThanOrEqual(seconds * S * 1.1);
    });
  }

  it('stays within ±10% with the real random source', () => {
    for (let i = 0; i < 200; i++) {
      const delay = delayOf(nextAttempt(4, now, {}));
      expect(delay).toBeGreaterThanOrEqual(7200 * S * 0.9);
      expect(delay).toBeLessThanOrEqual(7200 * S * 1.1);
    }
  });

  it('gives up after the 10th attempt', () => {
    expect(nextAttempt(10, now, { random: middle })).toEqual({ giveUp: true });
    expect(nextAttempt(11, now, { random: middle })).toEqual({ giveUp: true });
  });

  it('makes 10 attempts in all, the last about 75.6 hours after the first', () => {
    let attempt = 1;
    let at = now;
    for (;;) {
      const next = nextAttempt(attempt, at, { random: middle });
      if ('giveUp' in next) break;
      at = next.at;
      attempt++;
    }
    expect(attempt).toBe(10);
    expect(at - now).toBe(272_105 * S);
  });

  it('follows a schedule given to it, and gives up when it runs out', () => {
    expect(nextAttempt(2, now, { schedule: [1, 2], random: middle })).toEqual({ at: now + 2 * S });
    expect(nextAttempt(3, now, { schedule: [1, 2], random: middle })).toEqual({ giveUp: true });
  });

  for (const attempt of [0, -1, 1.5, Number.NaN]) {
    it(`refuses attempt number ${attempt}: attempts count from 1`, () => expect(() => nextAttempt(attempt, now, {})).toThrow(RangeError));
  }
});

describe('Retry-After and the schedule', () => {
  const cases: [rule: string, attempt: number, retryAfter: string | null, delay: number][] = [
    ['a longer Retry-After in seconds is honoured', 1, '120', 120 * S],
    ['a shorter Retry-After does not bring the attempt forward', 3, '60', 1800 * S],
    ['an HTTP date 90 s ahead is honoured', 1, 'Wed, 02 Dec 2026 06:41:30 GMT', 90 * S],
    ['a date in the past leaves the schedule', 2, 'Wed, 02 Dec 2026 05:40:00 GMT', 300 * S],
    ['garbage leaves the schedule', 2, 'in a while', 300 * S],
    ['no header leaves the schedule', 2, null, 300 * S],
    ['a Retry-After of 2 days is held to 24 h', 1, '172800', MAX_RETRY_AFTER_MS],
    ['a Retry-After of 10 years is held to 24 h', 1, '315360000', MAX_RETRY_AFTER_MS],
    ['a date a year ahead is held to 24 h', 1, 'Thu, 02 Dec 2027 06:40:00 GMT', MAX_RETRY_AFTER_MS],
  ];
  for (const [rule, attempt, retryAfter, delay] of cases) {
    it(rule, () => expect(delayOf(nextAttempt(attempt, now, { retryAfter, random: middle }))).toBe(delay));
  }

  it('a capped Retry-After does not shorten the 24 h step or its jitter', () => {
    expect(delayOf(nextAttempt(9, now, { retryAfter: '172800', random: highest }))).toBeGreaterThan(26 * H);
  });

  it('a Retry-After does not keep a delivery going after the last attempt', () => {
    expect(nextAttempt(10, now, { retryAfter: '5', random: middle })).toEqual({ giveUp: true });
  });
});

describe('parseRetryAfter', () => {
  const cases: [value: string | null | undefined, delay: number | null][] = [
    ['120', 120 * S],
    ['0', 0],
    [' 30 ', 30 * S],
    ['172800', 172_800 * S], // parsed as asked; nextAttempt holds it to 24 h
    ['Wed, 02 Dec 2026 06:41:30 GMT', 90 * S], // IMF-fixdate
    ['Wednesday, 02-Dec-26 06:41:30 GMT', 90 * S], // obsolete RFC 850
    ['Wed Dec  2 06:41:30 2026', 90 * S], // obsolete asctime
    ['Wed, 02 Dec 2026 05:40:00 GMT', 0], // in the past
    ['Thu, 01 Jan 1970 00:00:00 GMT', 0],
    ['Thu, 03 Dec 2026 06:40:00 GMT', 24 * H],
    [null, null],
    [undefined, null],
    ['', null],
    ['soon', null],
    ['-5', null],
    ['1.5', null],
    ['5s', null],
    ['0x10', null],
    ['2026-12-02T06:41:30Z', null], // ISO 8601 is not an HTTP date
    ['Wed, 31 Feb 2026 06:41:30 GMT', null], // no such day
    ['Wed, 02 Dec 2026 25:00:00 GMT', null],
    ['Wed, 02 Dec 2026 06:41:30 PST', null],
  ];
  for (const [value, delay] of cases) {
    it(`reads ${JSON.stringify(value)} as ${delay === null ? 'not a Retry-After' : `${delay} ms`}`, () => expect(parseRetryAfter(value, now)).toBe(delay));
  }
});

describe('delivery outcomes', () => {
  const cases: [status: number | null, outcome: ReturnType<typeof deliveryOutcome>, why: string][] = [
    [200, 'delivered', 'OK'],
    [201, 'delivered', 'any 2xx'],
    [204, 'delivered', 'no content is still received'],
    [299, 'delivered', 'the top of 2xx'],
    [410, 'disable', 'Gone: the receiver says the endpoint is gone for good'],
    [null, 'retry', 'no response: network error or timeout'],
    [100, 'retry', 'not a final answer'],
    [301, 'retry', 'redirects are not followed'],
    [302, 'retry', 'redirects are not followed'],
    [304, 'retry', 'not a success'],
    [400, 'retry', 'a client error may be a receiver bug being fixed'],
    [401, 'retry', 'a rotated secret on their side'],
    [404, 'retry', 'not found is not gone'],
    [429, 'retry', 'rate limited'],
    [500, 'retry', 'server error'],
    [503, 'retry', 'unavailable'],
  ];
  for (const [status, outcome, why] of cases) it(`${status} → ${outcome} (${why})`, () => expect(deliveryOutcome(status)).toBe(outcome));
});

describe('webhook URLs', () => {
  const production = { allowLocalHttp: false };
  const local = { allowLocalHttp: true };

  const allowed: [url: string, normalised: string][] = [
    ['https://hooks.example.com/x', 'https://hooks.example.com/x'],
    ['https://example.com:8443/x', 'https://example.com:8443/x'],
    ['https://Hooks.Example.COM/x?token=abc', 'https://hooks.example.com/x?token=abc'],
    ['https://example.com', 'https://example.com/'],
    ['https://example.com:443/x', 'https://example.com/x'],
    ['https://8.8.8.8/hook', 'https://8.8.8.8/hook'], // a public IP literal
    ['https://[2606:4700:4700::1111]/hook', 'https://[2606:4700:4700::1111]/hook'],
    ['https://[::ffff:8.8.8.8]/hook', 'https://[::ffff:808:808]/hook'], // IPv4-mapped, but public
    ['https://[64:ff9b::8.8.8.8]/hook', 'https://[64:ff9b::808:808]/hook'], // NAT64 of a public address
    ['https://[2002:808:808::1]/hook', 'https://[2002:808:808::1]/hook'], // 6to4 of a public address
    ['https://172.32.0.1/x', 'https://172.32.0.1/x'], // just past 172.16/12
    ['https://100.128.0.1/x', 'https://100.128.0.1/x'], // just past 100.64/10
    ['https://my.local.example.com/x', 'https://my.local.example.com/x'], // "local" only as a last label
    ['https://localhost.example.com/x', 'https://localhost.example.com/x'],
  ];
  for (const [url, normalised] of allowed) {
    it(`allows ${url}`, () => expect(checkWebhookUrl(url, production)).toEqual({ ok: true, url: normalised }));
  }

  const refused: [url: string, problem: RegExp][] = [
    ['http://hooks.example.com/x', /https:\/\//],
    ['ftp://example.com/x', /https:\/\//],
    ['javascript:alert(1)', /https:\/\//],
    ['data:text/plain,hi', /https:\/\//],
    ['hooks.example.com/x', /not a valid absolute URL/],
    ['https://', /not a valid absolute URL/],
    ['', /not a valid absolute URL/],
    ['https://user:pass@hooks.example.com/x', /user name or password/],
    ['https://user@hooks.example.com/x', /user name or password/],
    [`https://hooks.example.com/${'a'.repeat(2001 - 'https://hooks.example.com/'.length)}`, /longer than 2,000 characters/],
    // loopback, private and special IPv4 ranges
    ['https://127.0.0.1/x', /127\.0\.0\.1 is a loopback, private/],
    ['https://127.255.255.254/x', /loopback, private/],
    ['https://10.0.0.1/x', /loopback, private/],
    ['https://10.255.255.255/x', /loopback, private/],
    ['https://172.16.0.1/x', /loopback, private/],
    ['https://172.31.255.255/x', /loopback, private/],
    ['https://192.168.1.1/x', /loopback, private/],
    ['https://169.254.169.254/latest/meta-data/', /loopback, private/],
    ['https://169.254.0.1/x', /loopback, private/],
    ['https://100.64.0.1/x', /loopback, private/],
    ['https://100.127.255.255/x', /loopback, private/],
    ['https://0.0.0.0/x', /loopback, private/],
    ['https://0.1.2.3/x', /loopback, private/],
    ['https://224.0.0.1/x', /loopback, private/],
    ['https://239.255.255.250/x', /loopback, private/],
    ['https://240.0.0.1/x', /loopback, private/],
    ['https://255.255.255.255/x', /loopback, private/],
    ['https://192.0.2.10/x', /loopback, private/],
    ['https://198.18.0.1/x', /loopback, private/],
    // other spellings of 127.0.0.1 and 169.254.169.254, which the URL parser turns into dotted decimal
    ['https://2130706433/x', /host 127\.0\.0\.1 is/],
    ['https://0x7f000001/x', /host 127\.0\.0\.1 is/],
    ['https://017700000001/x', /host 127\.0\.0\.1 is/],
    ['https://0177.0.0.1/x', /host 127\.0\.0\.1 is/],
    ['https://0x7f.1/x', /host 127\.0\.0\.1 is/],
    ['https://127.1/x', /host 127\.0\.0\.1 is/],
    ['https://127.0.0.1./x', /host 127\.0\.0\.1 is/],
    ['https://%31%32%37.0.0.1/x', /host 127\.0\.0\.1 is/],
    ['https://127\u30020\u30020\u30021/x', /host 127\.0\.0\.1 is/], // ideographic full stops
    ['https://2852039166/x', /host 169\.254\.169\.254 is/],
    ['https://0xa9fea9fe/x', /host 169\.254\.169\.254 is/],
    ['https://0251.0376.0251.0376/x', /host 169\.254\.169\.254 is/],
    ['https://169.254.43518/x', /host 169\.254\.169\.254 is/],
    // IPv6
    ['https://[::1]/x', /host \[::1\] is/],
    ['https://[0:0:0:0:0:0:0:1]/x', /host \[::1\] is/],
    ['https://[::]/x', /loopback, private/],
    ['https://[fc00::1]/x', /host \[fc00::1\] is/],
    ['https://[fd12:3456:789a::1]/x', /loopback, private/],
    ['https://[fe80::1]/x', /loopback, private/],
    ['https://[febf::1]/x', /loopback, private/],
    ['https://[fec0::1]/x', /loopback, private/],
    ['https://[ff02::1]/x', /loopback, private/],
    ['https://[::ffff:127.0.0.1]/x', /host \[::ffff:7f00:1\] is/],
    ['https://[::ffff:169.254.169.254]/x', /loopback, private/],
    ['https://[::ffff:10.0.0.1]/x', /loopback, private/],
    ['https://[::127.0.0.1]/x', /loopback, private/], // deprecated IPv4-compatible
    ['https://[64:ff9b::127.0.0.1]/x', /loopback, private/], // NAT64
    ['https://[2002:7f00:1::]/x', /loopback, private/], // 6to4 of 127.0.0.1
    ['https://[2001:db8::1]/x', /loopback, private/], // documentation
    ['https://[2001::1]/x', /loopback, private/], // Teredo
    // local and internal names
    ['https://localhost/x', /localhost is a local or internal name/],
    ['https://localhost./x', /local or internal name/],
    ['https://LOCALHOST/x', /local or internal name/],
    ['https://\uff4c\uff4f\uff43\uff41\uff4c\uff48\uff4f\uff53\uff54/x', /host localhost is/], // full-width letters
    ['https://a.localhost/x', /local or internal name/],
    ['https://printer.local/x', /local or internal name/],
    ['https://x.internal/x', /local or internal name/],
    ['https://metadata.google.internal/computeMetadata/v1/', /local or internal name/],
    ['https://router.home.arpa/x', /local or internal name/],
    ['https://intranet/x', /not a public host name/],
    // the local demo's addresses, without the local exception
    ['http://127.0.0.1:8788/hook', /https:\/\//],
    ['http://localhost:3000/hook', /https:\/\//],
  ];
  for (const [url, problem] of refused) {
    it(`refuses ${url.length > 80 ? `${url.slice(0, 40)}… (${url.length} characters)` : url || 'an empty string'}`, () => {
      const check = checkWebhookUrl(url, production);
      expect(check.ok).toBe(false);
      if (!check.ok) expect(check.problem).toMatch(problem);
    });
  }

  it('allows a URL of exactly 2,000 characters', () => {
    const url = `https://hooks.example.com/${'a'.repeat(2000 - 'https://hooks.example.com/'.length)}`;
    expect(url).toHaveLength(2000);
    expect(checkWebhookUrl(url, production)).toEqual({ ok: true, url });
  });

  it('explains a refusal in a sentence', () => {
    expect(checkWebhookUrl('https://10.0.0.1/x', production)).toEqual({
      ok: false,
      problem: "The webhook URL's host 10.0.0.1 is a loopback, private, link-local or reserved address; use a public host name.",
    });
  });

  describe('with the local exception (local demo)', () => {
    const onlyLocally: [url: string, normalised: string][] = [
      ['http://127.0.0.1:8788/hook', 'http://127.0.0.1:8788/hook'],
      ['http://localhost:3000/hook', 'http://localhost:3000/hook'],
      ['http://[::1]:8788/hook', 'http://[::1]:8788/hook'],
      ['https://localhost:8443/hook', 'https://localhost:8443/hook'],
    ];
    for (const [url, normalised] of onlyLocally) {
      it(`allows ${url}, refused in production`, () => {
        expect(checkWebhookUrl(url, local)).toEqual({ ok: true, url: normalised });
        expect(checkWebhookUrl(url, production).ok).toBe(false);
      });
    }

    const stillRefused = [
      'http://hooks.example.com/x', // plain http is for the local receiver only
      'http://10.0.0.1/x',
      'http://169.254.169.254/x',
      'http://a.localhost/x',
      'http://user:pass@localhost:3000/hook',
      'ftp://localhost/x',
    ];
    for (const url of stillRefused) it(`still refuses ${url}`, () => expect(checkWebhookUrl(url, local).ok).toBe(false));

    it('treats other spellings of 127.0.0.1 as the local receiver, since they reach the same address', () => {
      expect(checkWebhookUrl('http://2130706433:8788/hook', local)).toEqual({ ok: true, url: 'http://127.0.0.1:8788/hook' });
    });

    it('still checks https URLs elsewhere as in production', () => {
      expect(checkWebhookUrl('https://hooks.example.com/x', local)).toEqual({ ok: true, url: 'https://hooks.example.com/x' });
      expect(checkWebhookUrl('https://192.168.0.10/x', local).ok).toBe(false);
    });
  });
});
