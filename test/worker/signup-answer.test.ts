// A new signup answers from what its batch wrote (db/customers.ts, asWritten), with no read in the batch: here each
// kind of signup's answer is compared in full with the signup read back from D1 right after.
import { env } from 'cloudflare:test';
import { beforeAll, describe, expect, it } from 'vitest';
import { call, clickThrough, DEMO, seedDemo, SHOP } from './helpers';
import type { Env, ProgramRow } from '../../worker/env';
import { programByKeyHash } from '../../worker/db/programs';
import { signupStandingRead } from '../../worker/db/customers';
import { readOne } from '../../worker/db/reads';
import { recordCustomerSignup, type SignupReporter } from '../../worker/flows/signups';
import { signupFacts } from '../../worker/edge/signup-facts';
import { sha256Hex } from '../../worker/security/hashing';
import { signCustomerToken } from '../../worker/security/customer-token';

const worker = env as unknown as Env;
const server: SignupReporter = { keyKind: 'secret', browserHash: async () => null };
const browser: SignupReporter = { keyKind: 'publishable', browserHash: async () => null };
let program: ProgramRow;
let n = 0;
const customer = () => ({ customerId: `answer-${++n}-${Date.now()}`, email: `answer${n}@example.com` });

beforeAll(async () => {
  await seedDemo();
  program = (await programByKeyHash(env.DB, await sha256Hex(DEMO.secretKey)))!.program;
});

/** Reports the signup, and checks that its answer is the signup D1 holds after it. */
async function answersAsStored(input: Parameters<typeof recordCustomerSignup>[2], by: SignupReporter) {
  const result = await recordCustomerSignup(worker, program, input, by);
  expect(result.kind).toBe('recorded');
  if (result.kind !== 'recorded') return;
  expect(result.created).toBe(true);
  const { created: _, kind: __, ...answer } = result;
  expect(answer).toEqual(await readOne(env.DB, signupStandingRead(env.DB, program.id, input.customerId)));
  return answer;
}

describe('a new signup answers with what it wrote, as D1 reads it back', () => {
  it('through a promo code, on facts just read and on kept facts, from the server', async () => {
    signupFacts.forgetProgram(program.id);
    const read = await answersAsStored({ ...customer(), promoCode: DEMO.invitationCode.toLowerCase() }, server);
    expect(read).toMatchObject({ invitationCode: DEMO.invitationCode, partnerName: DEMO.partnerName, creditMinor: 500, customer: { signupStatus: 'confirmed', attributionMethod: 'promo_code' } });
    // The facts read above are kept: this one is decided on them and written in one batch.
    await answersAsStored({ ...customer(), promoCode: DEMO.invitationCode }, server);
  });

  it('through a click, from the browser (awaiting the server)', async () => {
    const { clickId } = await clickThrough();
    const answer = await answersAsStored({ ...customer(), clickId }, browser);
    expect(answer).toMatchObject({ customer: { signupStatus: 'awaiting_confirmation', attributionMethod: 'click' } });
  });

  it("through a customer's own invitation: no partner, the friend's credit only", async () => {
    const advocate = `answer-advocate-${Date.now()}`;
    const panel = await call(`/api/v1/customer-panel?key=${DEMO.publishableKey}`, {
      method: 'POST',
      headers: { Origin: SHOP, 'Content-Type': 'text/plain;charset=UTF-8' },
      body: JSON.stringify({ customerId: advocate, token: await signCustomerToken(DEMO.secretKey, advocate) }),
    });
    expect(panel.status).toBe(200);
    const code = (await panel.json<{ invitation: { code: string } }>()).invitation.code;
    const answer = await answersAsStored({ ...customer(), promoCode: code }, server);
    expect(answer).toMatchObject({ invitationCode: code, partnerName: null, customer: { partnerId: null } });
  });
});
