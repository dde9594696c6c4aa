// The dashboard's D1 sessions (worker/middleware/d1-session.ts): each answer carries the session's bookmark in a
// cookie, the next request starts from it and so reads what the person wrote, and a cookie that is no bookmark is
// ignored rather than sent to D1.
import { beforeAll, describe, expect, it } from 'vitest';
import { DEMO, seedDemo, signIn } from './helpers';
import { api } from './portal-helpers';

let partner: string;
beforeAll(async () => {
  await seedDemo();
  partner = await signIn();
});

const bookmarkOf = (res: Response) => /edgeref_d1=([^;]+)/.exec(res.headers.get('Set-Cookie') ?? '')?.[1];

describe('D1 sessions for the dashboard', () => {
  it('hands out a bookmark, and a read that starts from the bookmark of a write sees the write', async () => {
    const read = await api(partner, `/partners/${DEMO.partnerId}/invitations`);
    expect(read.status).toBe(200);
    const first = bookmarkOf(read);
    expect(first).toMatch(/^[0-9a-f]+(-[0-9a-f]+)+$/i);
    const code = `SESS${Date.now().toString(36).toUpperCase()}`;
    const created = await api(`${partner}; edgeref_d1=${first}`, `/partners/${DEMO.partnerId}/invitations`, { code, campaign: 'Sessions' });
    expect(created.status).toBe(201);
    const afterWrite = bookmarkOf(created);
    expect(afterWrite).toBeDefined();
    expect(afterWrite! >= first!).toBe(true); // bookmarks only move forward
    const again = await api(`${partner}; edgeref_d1=${afterWrite}`, `/partners/${DEMO.partnerId}/invitations`);
    expect((await again.json<any[]>()).map((i) => i.code)).toContain(code);
  });

  it('ignores a cookie that is not a bookmark', async () => {
    for (const junk of ['x', "'%3B%20DROP", '00000000-zz']) {
      const res = await api(`${partner}; edgeref_d1=${junk}`, `/partners/${DEMO.partnerId}/invitations`);
      expect(res.status, junk).toBe(200);
    }
  });
});
