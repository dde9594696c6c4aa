// People's text: names, partner names and campaigns are one line without control characters (they end up in pages,
// CSV files and email subjects); free text such as an address may break lines. Refusals are 400s that write nothing.
import { beforeAll, describe, expect, it } from 'vitest';
import { count, DEMO, seedDemo, signIn } from './helpers';
import { api } from './portal-helpers';

let partner: string;
beforeAll(async () => {
  await seedDemo();
  partner = await signIn(DEMO.partnerEmail);
});

describe('text from people', () => {
  it('a name, a partner name or a campaign with a control character or a line break is refused, writing nothing', async () => {
    const [partners, invitations] = [await count('SELECT count(*) n FROM partners'), await count('SELECT count(*) n FROM invitations')];
    const join = (over: Record<string, string>) =>
      api(null, `/join/${DEMO.programId}`, { name: 'Tex Text', email: `tex.${Date.now()}@join.test`, password: 'long-enough', partnerName: 'Text Ltd', termsVersion: 1, ...over });
    const cases: Record<string, string>[] = [{ name: 'Tex\u001b[31m Text' }, { partnerName: 'Text\nLtd' }, { partnerName: 'Text\u0000Ltd' }, { partnerName: 'Half \ud800 pair' }];
    for (const over of cases) {
      const res = await join(over);
      expect(res.status, JSON.stringify(over)).toBe(400);
      expect(await res.json<any>()).toMatchObject({ error: { code: 'invalid_request' } });
    }
    for (const campaign of ['Spring\r\nBcc: x', 'Tab\u0007bell']) {
      expect((await api(partner, `/partners/${DEMO.partnerId}/invitations`, { campaign })).status, campaign).toBe(400);
    }
    expect([await count('SELECT count(*) n FROM partners'), await count('SELECT count(*) n FROM invitations')]).toEqual([partners, invitations]);
  });

  it('free text may span lines, and names may use any script', async () => {
    const res = await api(partner, `/partners/${DEMO.partnerId}/profile`, { billingAddress: 'Storgatan 1\n111 22 Stockholm\tSweden', contactName: 'Åsa Öberg 王' }, 'PATCH');
    expect(res.status).toBe(200);
    expect(await res.json<any>()).toMatchObject({ billingAddress: 'Storgatan 1\n111 22 Stockholm\tSweden', contactName: 'Åsa Öberg 王' });
    expect((await api(partner, `/partners/${DEMO.partnerId}/profile`, { billingAddress: 'Storgatan 1\u001b[2J' }, 'PATCH')).status).toBe(400);
  });
});
