// `npm run stripe:replay -- <fixture-or-path>`: sends one recorded Stripe event to a running edgeref, signed again
// with a program's Stripe signing secret (as `stripe events resend` would, without a Stripe account), and prints the answer.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { STRIPE_FIXTURES, stripeSignature, uniqueId, type StripeFixture } from './billing/stripe-events';
import { DEMO } from './demo-data';

const USAGE = `Usage: npm run stripe:replay -- <fixture-or-path> [--program prg_demo] [--secret whsec_…] [--url http://127.0.0.1:8787] [--keep-id]

  <fixture-or-path>  the name of a fixture in scripts/billing/fixtures/stripe (listed below),
                     or the path of a JSON file holding one Stripe event
  --program          the program whose Stripe webhook gets it (default ${DEMO.programId})
  --secret           the Stripe signing secret to sign it with (default: the demo program's test secret)
  --url              edgeref's origin (default http://127.0.0.1:$PORT, or :8787)
  --keep-id          send the event's own id: edgeref answers duplicate: true if it has it already
                     (by default it gets a fresh evt_… id, so it is applied as a new event)

Fixtures: ${Object.keys(STRIPE_FIXTURES).join(', ')}`;

function fail(message: string): never {
  console.error(`${message}\n\n${USAGE}`);
  process.exit(2);
}

const { values, positionals } = (() => {
  try {
    return parseArgs({
      allowPositionals: true,
      options: {
        program: { type: 'string', default: DEMO.programId },
        secret: { type: 'string', default: DEMO.stripeTestSecret },
        url: { type: 'string', default: `http://127.0.0.1:${process.env.PORT ?? 8787}` },
        'keep-id': { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
      },
    });
  } catch (e) {
    return fail((e as Error).message);
  }
})();
if (values.help) {
  console.log(USAGE);
  process.exit(0);
}
if (positionals.length !== 1) fail('Name one fixture or one file.');

/** The event as recorded: a fixture by name, else a file (relative to where npm was run). */
function recorded(source: string): Record<string, unknown> {
  if (source in STRIPE_FIXTURES) return structuredClone(STRIPE_FIXTURES[source as StripeFixture]) as Record<string, unknown>;
  const path = resolve(process.env.INIT_CWD ?? process.cwd(), source);
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    return fail(`${source} is neither a fixture nor a readable file (${(e as NodeJS.ErrnoException).code ?? (e as Error).message}).`);
  }
  try {
    return JSON.parse(text);
  } catch (e) {
    return fail(`${path} is not JSON: ${(e as Error).message}`);
  }
}

const event = recorded(positionals[0]);
const data = event.data as { object?: unknown } | undefined;
if (typeof event.id !== 'string' || typeof event.type !== 'string' || typeof data?.object !== 'object') fail(`${positionals[0]} is not a Stripe event (an object with id, type and data.object).`);
if (!values['keep-id']) event.id = uniqueId('evt');

const url = `${values.url.replace(/\/+$/, '')}/api/v1/programs/${encodeURIComponent(values.program)}/integrations/stripe/webhook`;
const body = JSON.stringify(event);
const signature = await stripeSignature(body, values.secret);
console.log(`POST ${url}\n  ${event.type} ${event.id} (${event.livemode ? 'live' : 'test'} mode)`);
let res: Response;
try {
  res = await fetch(url, { method: 'POST', headers: { 'Content-Type': 'application/json', 'Stripe-Signature': signature }, body });
} catch (e) {
  console.error(`No answer from ${values.url}: ${(e as Error).cause ?? (e as Error).message}. Is edgeref running (npm start)?`);
  process.exit(1);
}
const text = await res.text();
let shown = text;
try {
  shown = JSON.stringify(JSON.parse(text), null, 2);
} catch {
  // not JSON: shown as it came
}
console.log(`${res.status} ${res.statusText}\n${shown}`);
process.exit(res.ok ? 0 : 1);
