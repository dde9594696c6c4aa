// Signing checked the way a receiver checks it: with the Standard Webhooks reference library, inside workerd.
import { Webhook, WebhookVerificationError } from 'standardwebhooks';
import { describe, expect, it } from 'vitest';
import { newWebhookSecret, openSecret, sealSecret, signWebhook, webhookHeaders } from '../../worker/security/webhook-secrets';

const body = JSON.stringify({ id: 'evt_V1StGXR8Z5jdHi6B', sequence: 42, type: 'commission.earned', version: 1, data: { amount: 1500 } });
const id = 'evt_V1StGXR8Z5jdHi6B';
// The reference library refuses a timestamp more than 5 minutes from its clock, so deliveries are signed "now".
const sentAt = () => new Date();

describe('newWebhookSecret', () => {
  it('is whsec_ and the base64 of 24 random bytes', () => {
    const secret = newWebhookSecret();
    expect(secret).toMatch(/^whsec_[A-Za-z0-9+/]{32}$/);
    expect(atob(secret.slice('whsec_'.length))).toHaveLength(24);
  });

  it('is different every time', () => {
    expect(new Set(Array.from({ length: 50 }, newWebhookSecret)).size).toBe(50);
  });
});

describe('signed deliveries', () => {
  it('verify with the reference library, which hands back the payload', () => {
    const secret = newWebhookSecret();
    const headers = webhookHeaders([secret], id, sentAt(), body);
    expect(new Webhook(secret).verify(body, headers)).toEqual(JSON.parse(body));
  });

  it('carry the Standard Webhooks headers, the timestamp in whole seconds', () => {
    const at = new Date(Date.UTC(2026, 11, 2, 6, 40, 0, 789));
    const headers = webhookHeaders([newWebhookSecret()], id, at, body);
    expect(Object.keys(headers).sort()).toEqual(['content-type', 'webhook-id', 'webhook-signature', 'webhook-timestamp']);
    expect(headers['webhook-id']).toBe(id);
    expect(headers['webhook-timestamp']).toBe(String(Date.UTC(2026, 11, 2, 6, 40, 0) / 1000));
    expect(headers['content-type']).toBe('application/json');
    expect(headers['webhook-signature']).toMatch(/^v1,[A-Za-z0-9+/]{43}=$/);
  });

  it('match what the reference library signs', () => {
    const secret = newWebhookSecret();
    const at = sentAt();
    expect(signWebhook([secret], id, at, body)).toBe(new Webhook(secret).sign(id, at, body));
  });

  it('during a rotation carry two signatures, and a receiver holding either secret verifies', () => {
    const current = newWebhookSecret();
    const previous = newWebhookSecret();
    const headers = webhookHeaders([current, previous], id, sentAt(), body);
    expect(headers['webhook-signature']).toMatch(/^v1,\S+ v1,\S+$/);
    expect(new Webhook(current).verify(body, headers)).toEqual(JSON.parse(body));
    expect(new Webhook(previous).verify(body, headers)).toEqual(JSON.parse(body));
    expect(() => new Webhook(newWebhookSecret()).verify(body, headers)).toThrow(WebhookVerificationError);
  });

  it('fail to verify when the body was altered', () => {
    const secret = newWebhookSecret();
    const headers = webhookHeaders([secret], id, sentAt(), body);
    expect(() => new Webhook(secret).verify(body.replace('1500', '15000'), headers)).toThrow('No matching signature found');
  });

  it('fail to verify when the id or timestamp was altered', () => {
    const secret = newWebhookSecret();
    const headers = webhookHeaders([secret], id, sentAt(), body);
    expect(() => new Webhook(secret).verify(body, { ...headers, 'webhook-id': 'evt_other' })).toThrow('No matching signature found');
    const earlier = String(Number(headers['webhook-timestamp']) - 1);
    expect(() => new Webhook(secret).verify(body, { ...headers, 'webhook-timestamp': earlier })).toThrow('No matching signature found');
  });

  it('fail to verify with the wrong secret', () => {
    const headers = webhookHeaders([newWebhookSecret()], id, sentAt(), body);
    expect(() => new Webhook(newWebhookSecret()).verify(body, headers)).toThrow('No matching signature found');
  });

  it('need at least one secret', () => {
    expect(() => signWebhook([], id, sentAt(), body)).toThrow('at least one signing secret');
  });
});

describe('sealed secrets', () => {
  const key = 'local-only-webhook-sealing-key-0123456789abcdef';

  it('open to the secret that was sealed', async () => {
    const secret = newWebhookSecret();
    expect(await openSecret(await sealSecret(secret, key), key)).toBe(secret);
  });

  it('do not contain the secret, nor its random part', async () => {
    const secret = newWebhookSecret();
    const sealed = await sealSecret(secret, key);
    expect(sealed).toMatch(/^v1\.[A-Za-z0-9_-]{16}\.[A-Za-z0-9_-]+$/); // a 12-byte IV
    expect(sealed).not.toContain(secret);
    expect(sealed).not.toContain(secret.slice('whsec_'.length));
    expect(sealed).not.toContain('whsec_');
  });

  it('differ each time the same secret is sealed (a fresh IV)', async () => {
    const secret = newWebhookSecret();
    expect(await sealSecret(secret, key)).not.toBe(await sealSecret(secret, key));
  });

  it('do not open with another key', async () => {
    const sealed = await sealSecret(newWebhookSecret(), key);
    await expect(openSecret(sealed, `${key}x`)).rejects.toThrow('could not be opened');
  });

  it('do not open once altered', async () => {
    const sealed = await sealSecret(newWebhookSecret(), key);
    const last = sealed.at(-1) === 'A' ? 'B' : 'A';
    await expect(openSecret(sealed.slice(0, -1) + last, key)).rejects.toThrow('could not be opened');
  });

  for (const bad of ['', 'whsec_abc', 'v2.AAAAAAAAAAAAAAAA.AAAA', 'v1.AAAAAAAAAAAAAAAA', 'v1.a.b.c']) {
    it(`refuse ${JSON.stringify(bad)} as not sealed`, async () => {
      await expect(openSecret(bad, key)).rejects.toThrow('Not a sealed webhook secret');
    });
  }

  it('refuse an empty key', async () => {
    await expect(sealSecret(newWebhookSecret(), '')).rejects.toThrow('empty');
  });
});
