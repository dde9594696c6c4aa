// The dashboard's languages: Swedish and German say everything English says (same keys, same placeholders, same
// plural shape, nothing empty), t() fills and pluralises in the reader's locale, display.ts formats that way too, and
// the language comes from the reader's choice, else the browser's languages, else English.
import { afterEach, describe, expect, it } from 'vitest';
import { chooseLanguage, language, setLanguage, t, tx, type Messages } from '../../dashboard/src/i18n';
import { en } from '../../dashboard/src/i18n/en';
import { sv } from '../../dashboard/src/i18n/sv';
import { de } from '../../dashboard/src/i18n/de';
import { amount, count, day, words } from '../../dashboard/src/display';
import { partnerRoutes } from '../../dashboard/src/routes';

// Intl separates thousands in Swedish with a no-break space and puts one before the euro sign.
const nbsp = (s: string) => s.replace(/ /g, '\u00a0');
const placeholders = (m: Messages[keyof Messages]) => [...new Set((typeof m === 'string' ? [m] : Object.values(m)).flatMap((s) => [...s.matchAll(/\{(\w+)\}/g)].map((x) => x[1])))].sort();

afterEach(() => setLanguage('en'));

describe('the catalogues', () => {
  it('English has a few hundred messages, none of them empty', () => {
    expect(Object.keys(en).length).toBeGreaterThan(600);
    for (const [key, m] of Object.entries(en)) for (const s of typeof m === 'string' ? [m] : Object.values(m)) expect(s.trim(), key).not.toBe('');
  });

  for (const [name, catalogue] of [['sv', sv], ['de', de]] as const) {
    it(`${name} has exactly the keys of en`, () => {
      expect(Object.keys(catalogue).sort()).toEqual(Object.keys(en).sort());
    });

    it(`${name} has no empty message, and each has en's placeholders and plural shape`, () => {
      for (const key of Object.keys(en) as (keyof Messages)[]) {
        const m = catalogue[key];
        expect(typeof m, key).toBe(typeof en[key]);
        if (typeof m !== 'string') expect(Object.keys(m).sort(), key).toEqual(Object.keys(en[key]).sort());
        for (const s of typeof m === 'string' ? [m] : Object.values(m)) expect(s.trim(), `${name} ${key}`).not.toBe('');
        expect(placeholders(m), `${name} ${key}`).toEqual(placeholders(en[key]));
      }
    });
  }

  it('translates rather than copies: most Swedish and German messages differ from the English', () => {
    const keys = Object.keys(en) as (keyof Messages)[];
    const same = (c: Messages) => keys.filter((k) => JSON.stringify(c[k]) === JSON.stringify(en[k])).length;
    expect(same(sv) / keys.length).toBeLessThan(0.1);
    expect(same(de) / keys.length).toBeLessThan(0.1);
  });
});

describe('t()', () => {
  it('fills {placeholders}, leaving an unknown one visible', () => {
    expect(t('pager.position', { page: 2, pages: 5 })).toBe('Page 2 of 5');
    expect(t('invitation.created', { code: 'SPRING' })).toBe('Created invitation SPRING.');
    expect(t('invitation.created')).toBe('Created invitation {code}.');
  });

  it('chooses the plural form by count, and writes the count the reader\'s way', async () => {
    expect(t('referrals.count', { count: 1 })).toBe('1 referral');
    expect(t('referrals.count', { count: 0 })).toBe('0 referrals');
    expect(t('referrals.count', { count: 1234 })).toBe('1,234 referrals');
    await setLanguage('sv');
    expect(t('referrals.count', { count: 1 })).toBe('1 värvning');
    expect(t('referrals.count', { count: 1234 })).toBe('1\u00a0234 värvningar');
    await setLanguage('de');
    expect(t('referrals.count', { count: 1 })).toBe('1 Empfehlung');
    expect(t('referrals.count', { count: 2 })).toBe('2 Empfehlungen');
    expect(t('partners.range', { first: 1001, last: 1050, total: 2000 })).toBe('1.001–1.050 von 2.000 Partnern');
  });

  it('puts elements where a message has placeholders for them', async () => {
    const link = { type: 'a', props: { children: 'My clients' } };
    expect(tx('referrals.toClients', { link })).toEqual(['Looking for customers who signed up through your links? They are under ', link, '.']);
    await setLanguage('sv');
    expect(tx('register.signIn', { link })).toEqual(['Redan partner? ', link, '']);
  });

  it('names the pages in the reader\'s language', async () => {
    expect(partnerRoutes.map((r) => r.label).slice(0, 3)).toEqual(['Invitations', 'Referrals', 'My clients']);
    await setLanguage('sv');
    expect(partnerRoutes.map((r) => r.label).slice(0, 3)).toEqual(['Inbjudningar', 'Värvningar', 'Mina kunder']);
    await setLanguage('de');
    expect(partnerRoutes.map((r) => r.label).slice(0, 3)).toEqual(['Einladungen', 'Empfehlungen', 'Meine Kunden']);
  });
});

describe('display in the reader\'s locale', () => {
  it('formats amounts, counts and UTC days as English, Swedish and German readers write them', async () => {
    const five = { amount: 500, currency: 'EUR' };
    const fiveThousand = { amount: 500_000, currency: 'EUR' };
    expect([amount(five), amount(fiveThousand), count(12345), day('2026-07-03')]).toEqual(['€5.00', '€5,000.00', '12,345', 'Jul 3, 2026']);
    await setLanguage('sv');
    expect([amount(five), amount(fiveThousand), count(12345), day('2026-07-03')]).toEqual([nbsp('5,00 €'), nbsp('5 000,00 €'), nbsp('12 345'), '3 juli 2026']);
    await setLanguage('de');
    expect([amount(five), amount(fiveThousand), count(12345), day('2026-07-03')]).toEqual([nbsp('5,00 €'), nbsp('5.000,00 €'), '12.345', '03.07.2026']);
  });

  it('reads API words in the language, and makes an unknown one readable', async () => {
    await setLanguage('sv');
    expect([words('in_progress'), words('signup_credit'), words('some_new_status')]).toEqual(['Pågående', 'Registreringskredit', 'Some new status']);
    await setLanguage('de');
    expect(words('suspended')).toBe('Gesperrt');
  });
});

describe('which language a reader gets', () => {
  it('takes the first of the browser\'s languages that edgeref speaks, else English', () => {
    expect(chooseLanguage(null, ['sv-SE', 'en-US'])).toBe('sv');
    expect(chooseLanguage(null, ['fr-FR', 'de-AT', 'sv'])).toBe('de');
    expect(chooseLanguage(null, ['en-GB', 'de-DE'])).toBe('en');
    expect(chooseLanguage(null, ['nb-NO', 'fi'])).toBe('en');
    expect(chooseLanguage(null, [])).toBe('en');
  });

  it('prefers the choice remembered from the picker, but not a value it does not know', () => {
    expect(chooseLanguage('de', ['sv-SE'])).toBe('de');
    expect(chooseLanguage('en', ['sv-SE'])).toBe('en');
    expect(chooseLanguage('fr', ['sv-SE'])).toBe('sv');
  });

  it('switches the words and the locale together', async () => {
    await setLanguage('de');
    expect(language()).toBe('de');
    expect(t('nav.balance')).toBe('Guthaben');
  });
});
