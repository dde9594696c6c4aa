import { describe, expect, it } from 'vitest';
import { classifyVisitor, isRepeat, REPEAT_WINDOW_MS } from '../../worker/domain/clicks';

// Real user agents, as crawlers, link-preview fetchers and browsers send them.
const bots = [
  'Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)',
  'Mozilla/5.0 (compatible; bingbot/2.0; +http://www.bing.com/bingbot.htm)',
  'facebookexternalhit/1.1 (+http://www.facebook.com/externalhit_uatext.php)',
  'Twitterbot/1.0',
  'Slackbot-LinkExpanding 1.0 (+https://api.slack.com/robots)',
  'WhatsApp/2.23.20.0',
  'TelegramBot (like TwitterBot)',
  'Mozilla/5.0 (compatible; Discordbot/2.0; +https://discordapp.com)',
  'LinkedInBot/1.0 (compatible; Mozilla/5.0; Apache-HttpClient +http://www.linkedin.com)',
  'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_11_1) AppleWebKit/601.2.4 (KHTML, like Gecko) Version/9.0.1 Safari/601.2.4 facebookexternalhit/1.1 Facebot Twitterbot/1.0',
  'curl/8.4.0',
  'python-requests/2.31.0',
  'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/124.0.0.0 Safari/537.36',
  'Mozilla/5.0 (compatible; AhrefsBot/7.0; +http://ahrefs.com/robot/)',
];
const browsers: [string, string, string][] = [
  ['Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36', 'desktop', 'Chrome'],
  ['Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Safari/605.1.15', 'desktop', 'Safari'],
  ['Mozilla/5.0 (X11; Ubuntu; Linux x86_64; rv:125.0) Gecko/20100101 Firefox/125.0', 'desktop', 'Firefox'],
  ['Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Mobile/15E148 Safari/604.1', 'mobile', 'Mobile Safari'],
  ['Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.6367.82 Mobile Safari/537.36', 'mobile', 'Chrome'],
  ['Mozilla/5.0 (iPad; CPU OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Mobile/15E148 Safari/604.1', 'tablet', 'Mobile Safari'],
  ['Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36 Edg/124.0.2478.67', 'desktop', 'Edge'],
];

describe('bot flags', () => {
  for (const ua of bots) {
    it(`flags ${ua.slice(0, 60)}`, () => expect(classifyVisitor('GET', ua).isBot).toBe(true));
  }
  for (const [ua, device, browser] of browsers) {
    it(`counts ${browser} on ${device} as a visitor`, () => expect(classifyVisitor('GET', ua)).toEqual({ isBot: false, device, browser }));
  }
  it('flags HEAD requests and requests without a user agent', () => {
    expect(classifyVisitor('HEAD', browsers[0][0]).isBot).toBe(true);
    expect(classifyVisitor('GET', null).isBot).toBe(true);
  });
});

describe('the repeat window', () => {
  const t = 1_700_000_000_000;
  const cases: [string, number, boolean][] = [
    ['a second click a minute later is a repeat', 60_000, true],
    ['a click just under an hour later is a repeat', REPEAT_WINDOW_MS - 1, true],
    ['a click an hour later counts again', REPEAT_WINDOW_MS, false],
    ['a click from before the first (clock skew) is not a repeat', -1, false],
  ];
  for (const [rule, after, repeat] of cases) it(rule, () => expect(isRepeat(t, t + after)).toBe(repeat));
});
