// What emails say and how they are packed: every template in every language, escaping, the unsubscribe link and
// headers only on optional mail, and MIME that a real parser (postal-mime, the one miniflare uses) reads back.
import { describe, expect, it } from 'vitest';
import PostalMime from 'postal-mime';
import { EMAIL_TEMPLATES, isOptionalEmail, LANGUAGES } from '../../shared/email-templates';
import { renderEmail, type EmailFacts } from '../../worker/domain/email-texts';
import { mimeMessage } from '../../worker/domain/email-mime';
import { dashboardLink, MAIL_RULES, nextEmailAttempt, EMAIL_RETRY_MINUTES } from '../../worker/domain/mail';
import { EVENT_TYPES } from '../../shared/event-types';

const facts: EmailFacts = {
  recipientName: 'Åsa Öberg',
  programName: 'Demo Shop',
  partnerName: 'Acme <Consulting> & Co',
  partnerDisplayId: 'P123456',
  amount: { amount: 123456, currency: 'EUR' },
  availableAt: '2027-01-31T00:00:00.000Z',
  invitationCode: 'ACME-SPRING',
  reason: 'Not a fit',
  endpointUrl: 'https://crm.example.com/hooks',
  requests: 3,
  period: { from: '2026-11-01T00:00:00.000Z', to: '2026-12-01T00:00:00.000Z', clicks: 120, signups: 9, successfulReferrals: 4, available: { amount: 5000, currency: 'EUR' } },
  nextTier: { needed: 2, percentBps: 2500, amount: null },
  referralName: 'Globex AB',
  stage: 'won',
  inviterName: 'Olle Owner',
  role: 'finance',
  expiresAt: '2027-01-07T10:00:00.000Z',
  termsVersion: 3,
  paused: ['invitations', 'withdrawals'],
  engagement: { inactiveDays: 34, referrals: 3, successes: 3, needed: 2, tierPercentBps: 3000, tierAmount: null },
  link: 'https://refer.example.com/dashboard/partner/prt_1/balance',
};
const UNSUBSCRIBE = 'https://refer.example.com/email/unsubscribe?a=acc_1&t=new_signup&s=sig';

describe('the texts', () => {
  it('every template renders in en, sv and de with every fact filled in, and never says "undefined"', () => {
    for (const template of EMAIL_TEMPLATES) {
      const subjects = new Set<string>();
      for (const language of LANGUAGES) {
        const e = renderEmail(template, language, facts, null);
        expect(e.subject.length, `${template}/${language}`).toBeGreaterThan(5);
        for (const part of [e.subject, e.text, e.html]) expect(part, `${template}/${language}`).not.toMatch(/undefined|null|NaN|\[object/);
        expect(e.text).toContain(facts.link);
        expect(e.html).toContain(`lang="${language}"`);
        subjects.add(e.subject);
      }
      expect(subjects.size, template).toBe(3); // each language its own words
    }
  });

  it('amounts and dates are in the reader\'s language', () => {
    expect(renderEmail('commission_earned', 'en', facts, null).subject).toBe('You earned €1,234.56 commission');
    expect(renderEmail('commission_earned', 'de', facts, null).subject).toBe('Sie haben 1.234,56\u00a0€ Provision verdient');
    expect(renderEmail('commission_earned', 'sv', facts, null).text).toContain('31 januari 2027');
    expect(renderEmail('commission_earned', 'en', { ...facts, availableAt: null }, null).text).toContain('It is in your balance now.');
  });

  it('names are escaped in HTML, and a name cannot break a subject into two header lines', () => {
    const e = renderEmail('new_application', 'en', { ...facts, partnerName: 'Evil\r\nBcc: all@example.com <b>' }, null);
    expect(e.subject).toBe('New partner application: Evil Bcc: all@example.com <b>');
    expect(e.html).toContain('Evil Bcc: all@example.com &lt;b&gt;');
    expect(renderEmail('partner_approved', 'en', facts, null).html).toContain('Acme &lt;Consulting&gt; &amp; Co');
  });

  it('an invite says who invited whom as what, until when; an invitee without a name is greeted without one', () => {
    const e = renderEmail('member_invite', 'en', { ...facts, recipientName: '' }, null);
    expect(e.subject).toBe('Olle Owner invited you to Acme <Consulting> & Co');
    expect(e.text).toMatch(/^Hi,\n\nOlle Owner invited you to join Acme <Consulting> & Co as finance in Demo Shop's partner program\.\n\nThe link works once, until January 7, 2027\./);
    expect(renderEmail('staff_invite', 'sv', { ...facts, recipientName: 'Rut', role: 'sales_rep' }, null).text).toContain('Hej Rut,\n\nOlle Owner har bjudit in dig till Demo Shops partnerprogram som säljare');
  });

  it('new terms say which version, who accepts them, what waits until then, and that earning goes on', () => {
    const en = renderEmail('terms_updated', 'en', facts, null);
    expect(en.subject).toBe('Demo Shop has new partner terms to accept');
    expect(en.text).toContain(
      'Demo Shop published version 3 of its partner terms. An owner of Acme <Consulting> & Co reads and accepts them in the portal.\n\nUntil then, new invitations and withdrawals wait.\n\nYour invitations keep working and you keep earning commission.',
    );
    expect(renderEmail('terms_updated', 'de', { ...facts, paused: ['invitations', 'withdrawals', 'referrals'] }, null).text).toContain('Bis dahin pausiert: neue Einladungen, Auszahlungen und das Registrieren von Empfehlungen.');
    expect(renderEmail('terms_updated', 'sv', { ...facts, paused: [] }, null).text).not.toContain('pausas');
  });

  it("a period summary gives the period's figures, the available balance and how far the next tier is", () => {
    const en = renderEmail('period_summary', 'en', facts, null);
    expect(en.subject).toBe('Your Demo Shop summary, Nov 1\u2009–\u200930, 2026');
    expect(en.text).toContain('Nov 1\u2009–\u200930, 2026: 120 clicks, 9 signups and €1,234.56 commission earned.\n\n4 of your customers paid for the first time.\n\nAvailable to withdraw: €50.00.\n\n2 more first-time paying customers in a period reach the next commission tier: 25%.');
    expect(renderEmail('period_summary', 'de', { ...facts, nextTier: { needed: 1, percentBps: null, amount: { amount: 1500, currency: 'EUR' } } }, null).text).toContain('1 weitere erstmals zahlende Kunden in einem Zeitraum erreichen die nächste Provisionsstufe: 15,00\u00a0€.');
    expect(renderEmail('period_summary', 'sv', { ...facts, nextTier: 'top' }, null).text).toContain('Du har nått den högsta provisionsnivån.');
    expect(renderEmail('period_summary', 'en', { ...facts, nextTier: null }, null).text).not.toContain('tier');
  });

  it('only an optional email shows the unsubscribe link', () => {
    expect(renderEmail('new_signup', 'en', facts, UNSUBSCRIBE).text).toContain(`Unsubscribe from these emails: ${UNSUBSCRIBE}`);
    expect(renderEmail('new_signup', 'en', facts, UNSUBSCRIBE).html).toContain('href="https://refer.example.com/email/unsubscribe?a=acc_1&amp;t=new_signup&amp;s=sig"');
    expect(renderEmail('partner_approved', 'en', facts, null).text).not.toContain('nsubscribe');
  });
});

describe('the MIME message', () => {
  const envelope = { from: { name: 'Demo Shop', addr: 'notifications@refer.example.com' }, to: 'asa@example.se', id: 'eml_abc123' };

  it('parses back to the same subject, text and HTML, with our Message-ID and the one-click unsubscribe headers', async () => {
    const content = renderEmail('new_signup', 'sv', facts, UNSUBSCRIBE);
    const parsed = await PostalMime.parse(mimeMessage({ ...envelope, unsubscribe: UNSUBSCRIBE }, content));
    expect(parsed.subject).toBe(content.subject);
    expect(parsed.from).toMatchObject({ name: 'Demo Shop', address: 'notifications@refer.example.com' });
    expect(parsed.to).toEqual([expect.objectContaining({ address: 'asa@example.se' })]);
    expect(parsed.messageId).toBe('<eml_abc123@refer.example.com>');
    expect(parsed.text?.trim()).toBe(content.text);
    expect(parsed.html?.trim()).toBe(content.html);
    const headers = Object.fromEntries(parsed.headers.map((h) => [h.key, h.value]));
    expect(headers['list-unsubscribe']).toBe(`<${UNSUBSCRIBE}>`);
    expect(headers['list-unsubscribe-post']).toBe('List-Unsubscribe=One-Click');
    expect(headers['auto-submitted']).toBe('auto-generated');
  });

  it('mail that must go out has no unsubscribe headers; every line stays within 998 characters', async () => {
    const raw = mimeMessage({ ...envelope, unsubscribe: null }, renderEmail('partner_approved', 'de', facts, null));
    const parsed = await PostalMime.parse(raw);
    expect(parsed.headers.map((h) => h.key)).not.toContain('list-unsubscribe');
    expect(Math.max(...raw.split('\r\n').map((l) => l.length))).toBeLessThanOrEqual(998);
  });
});

describe('who gets what', () => {
  it('every rule names a known event; an optional email is never one that must go out', () => {
    for (const r of MAIL_RULES) expect(EVENT_TYPES).toContain(r.type);
    expect([...new Set(MAIL_RULES.filter((r) => isOptionalEmail(r.template)).map((r) => r.template))].sort()).toEqual(['commission_available', 'commission_earned', 'new_application', 'new_signup', 'partner_inactive', 'partner_near_tier', 'partner_no_success', 'referral_stage_changed']);
    // The period summary is written at a period's close, not from an event.
    expect(MAIL_RULES.map((r) => r.template)).not.toContain('period_summary');
  });

  it('a failed send is tried again after 1, 5, 30, 120 and 360 minutes, then given up', () => {
    expect(EMAIL_RETRY_MINUTES.map((_, i) => (nextEmailAttempt(i + 1, 0) ?? 0) / 60_000)).toEqual([1, 5, 30, 120, 360]);
    expect(nextEmailAttempt(EMAIL_RETRY_MINUTES.length + 1, 0)).toBeNull();
  });

  it('links go to the partner portal or the program console under the public URL', () => {
    expect(dashboardLink('https://r.example.com/', { partnerId: 'prt_1', page: 'balance' })).toBe('https://r.example.com/dashboard/partner/prt_1/balance');
    expect(dashboardLink('https://r.example.com', { programId: 'prg_1', page: 'webhooks' })).toBe('https://r.example.com/dashboard/program/prg_1/webhooks');
  });
});
