import { describe, expect, it } from 'vitest';
import { destinationFor, qrLink, referrerDomain } from '../../worker/domain/links';
import { add, format, money, sum, CurrencyMismatchError } from '../../shared/money';

describe('invitation links', () => {
  it("keeps the destination's own parameters and the link's UTM parameters, and adds ref and ref_click", () => {
    const url = new URL(destinationFor('https://shop.example/join?lang=sv', 'ACME', 'clk1', new URLSearchParams('utm_source=mail&src=qr&ref=SPOOF')));
    expect(url.origin + url.pathname).toBe('https://shop.example/join');
    expect([...url.searchParams]).toEqual([['lang', 'sv'], ['utm_source', 'mail'], ['ref', 'ACME'], ['ref_click', 'clk1']]);
  });

  it('marks the QR link as a scan', () => {
    expect(qrLink('https://ref.example', 'ACME')).toBe('https://ref.example/r/ACME?src=qr');
  });

  it('keeps only the domain of the referrer', () => {
    expect(referrerDomain('https://news.example.com/a/b?c=d')).toBe('news.example.com');
    expect(referrerDomain('not a url')).toBeNull();
    expect(referrerDomain(undefined)).toBeNull();
  });
});

describe('money', () => {
  it('adds integer minor units of one currency', () => {
    expect(sum('EUR', [money(500, 'EUR'), money(1000, 'EUR')])).toEqual({ amount: 1500, currency: 'EUR' });
  });
  it('refuses to mix currencies', () => {
    expect(() => add(money(1, 'EUR'), money(1, 'SEK'))).toThrow(CurrencyMismatchError);
  });
  it('refuses fractional amounts', () => {
    expect(() => money(1.5, 'EUR')).toThrow(RangeError);
  });
  it('formats for people', () => {
    expect(format(money(500, 'EUR'), 'en')).toBe('€5.00');
    expect(format(money(500, 'JPY'), 'en')).toBe('¥500');
  });
});
