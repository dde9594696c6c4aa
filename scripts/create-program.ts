// `npm run program:create -- --name … --destination … --origin … --manager-email …` creates a real program,
// its keys and its first program manager, locally or (with --remote) in the deployed D1. Keys are shown once.
import { parseArgs } from 'node:util';
import { nanoid } from 'nanoid';
import { hashPassword, randomToken, sha256Hex } from '../worker/security/hashing';
import { programSetupStatements } from '../worker/db/program-setup';
import { executeSql } from './d1';

const { values: a } = parseArgs({
  options: {
    name: { type: 'string' },
    currency: { type: 'string', default: 'EUR' },
    destination: { type: 'string' },
    origin: { type: 'string', multiple: true, default: [] },
    'manager-email': { type: 'string' },
    'manager-name': { type: 'string', default: 'Program manager' },
    'signup-credit-minor': { type: 'string', default: '500' },
    'signup-commission-minor': { type: 'string', default: '1000' },
    remote: { type: 'boolean', default: false },
    'persist-to': { type: 'string' },
  },
});

function fail(message: string): never {
  console.error(`program:create: ${message}`);
  process.exit(2);
}

if (!a.name) fail('--name is required');
if (!a.destination || !URL.canParse(a.destination)) fail('--destination must be the URL invited visitors land on');
if (!a['manager-email']?.includes('@')) fail('--manager-email is required');
if (!/^[A-Z]{3}$/.test(a.currency!)) fail('--currency must be an ISO 4217 code such as EUR');
const credit = Number(a['signup-credit-minor']);
const commission = Number(a['signup-commission-minor']);
if (!Number.isSafeInteger(credit) || credit < 0 || !Number.isSafeInteger(commission) || commission < 0) fail('amounts are integer minor units (cents)');
const origins = [...new Set([new URL(a.destination).origin, ...a.origin!.map((o) => new URL(o).origin)])];

const now = Date.now();
const programId = `prg_${nanoid()}`;
const accountId = `acc_${nanoid()}`;
const publishableKey = `pk_live_${randomToken(18)}`;
const secretKey = `sk_live_${randomToken(32)}`;
const password = randomToken(12);

executeSql(
  programSetupStatements({
    id: programId,
    name: a.name,
    currency: a.currency!,
    destinationUrl: a.destination,
    allowedOrigins: origins,
    signupCreditMinor: credit,
    rules: [{ id: `rul_${nanoid()}`, event: 'signup', kind: 'flat', amountMinor: commission, holdDays: 0 }],
    keys: [
      { id: `key_${nanoid()}`, kind: 'publishable', hash: await sha256Hex(publishableKey), hint: publishableKey.slice(0, 12) + '…' },
      { id: `key_${nanoid()}`, kind: 'secret', hash: await sha256Hex(secretKey), hint: 'sk_live_…' + secretKey.slice(-4) },
    ],
    managers: [{ accountId, email: a['manager-email']!, name: a['manager-name']!, passwordHash: await hashPassword(password) }],
    now,
  }),
  { remote: a.remote, persistTo: a['persist-to'] },
);

console.log(`Program ${a.name} created (${programId}).
  Allowed origins   ${origins.join(', ')}
  Publishable key   ${publishableKey}   (for widget.js; safe in pages)
  Secret key        ${secretKey}   (server-side only; shown once, stored hashed)
  Manager sign-in   ${a['manager-email']} / ${password}   (shown once)`);
