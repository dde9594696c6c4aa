// Sign-in against the Worker as `npm start` runs it (workerd's real global-scope rules, not the test pool's).
import { describe, expect, inject, it } from 'vitest';
import { DEMO } from '../../scripts/demo-data';

const W = inject('edgerefOrigin');

const attempt = (email: string, password: string) =>
  fetch(`${W}/api/v1/session`, { method: 'POST', headers: { 'Content-Type': 'application/json', Origin: W }, body: JSON.stringify({ email, password }) });

describe('sign-in with an unknown email', () => {
  it('answers 401 invalid_credentials, exactly like a known email with a wrong password', async () => {
    const unknown = await attempt('nobody@x.test', 'x');
    const wrong = await attempt(DEMO.partnerEmail, 'not-the-password');
    expect(unknown.status).toBe(401);
    expect(wrong.status).toBe(401);
    expect(await unknown.json()).toEqual(await wrong.json());
  });

  it('is counted by the throttle: the 11th attempt for one unknown email is paused (429)', async () => {
    const email = `guess-${Date.now()}@x.test`;
    for (let i = 0; i < 10; i++) expect((await attempt(email, `guess-${i}`)).status).toBe(401);
    const paused = await attempt(email, 'guess-10');
    expect(paused.status).toBe(429);
    expect(Number(paused.headers.get('Retry-After'))).toBeGreaterThan(0);
  });
});
