// A deploy without its secrets fails loudly and says what to do; it never falls back to a default anyone can read.
import { createExecutionContext, env, waitOnExecutionContext } from 'cloudflare:test';
import { beforeAll, describe, expect, it } from 'vitest';
import worker from '../../worker/index';
import { BASE, seedDemo } from './helpers';

beforeAll(seedDemo);

describe('VISITOR_SALT', () => {
  it('is not a plain variable with a default in wrangler.toml', async () => {
    const { default: toml } = await import('../../wrangler.toml?raw');
    expect(toml).not.toMatch(/^\s*VISITOR_SALT\s*=/m);
  });

  it('when missing, a click is refused with a clear error naming the command that sets it, and nothing is recorded', async () => {
    const ctx = createExecutionContext();
    const res = await worker.fetch(new Request(`${BASE}/r/DEMO`, { headers: { 'User-Agent': 'Mozilla/5.0 Chrome/124.0' } }), { ...env, VISITOR_SALT: undefined } as never, ctx);
    await waitOnExecutionContext(ctx);
    expect(res.status).toBe(500);
    const body = await res.json<any>();
    expect(body.error.code).toBe('not_configured');
    expect(body.error.message).toContain('wrangler secret put VISITOR_SALT');
  });
});
