// The Worker's bindings and the per-request variables that middleware sets.
import { OpenAPIHono } from '@hono/zod-openapi';
import { ApiError, validationHook } from './middleware/errors';
import type { NewClick } from './db/clicks';
import type { PausableAction } from '../shared/terms-pauses';
import type { PartnerAccess, ProgramAccess } from './db/access';

export interface Env {
  DB: D1Database;
  ASSETS: Fetcher;
  VISITOR_SALT?: string; // salts the visitor hash: a secret (`wrangler secret put VISITOR_SALT`)
  CLICK_ID_SECRET?: string; // signs click ids: a secret (`wrangler secret put CLICK_ID_SECRET`), never a var in wrangler.toml
  CLICKS: Queue<NewClick>; // the durable hand-off of click rows to the queue() handler
  PUBLISHABLE_BY_ADDRESS: RateLimit; // publishable-key calls per program and client address
  PUBLISHABLE_BY_PROGRAM: RateLimit; // publishable-key calls per program
  CLICK_RETENTION_DAYS?: string; // raw clicks are kept this long (default 180); rollups forever
  WEBHOOKS: Queue<WebhookMessage>; // webhook deliveries: one message per attempt, consumed by this Worker
  WEBHOOK_SECRET_KEY?: string; // seals endpoints' signing secrets at rest: a secret (`wrangler secret put WEBHOOK_SECRET_KEY`)
  WEBHOOK_RETRY_SCHEDULE?: string; // seconds between attempts, comma-separated; default the Standard Webhooks schedule
  WEBHOOKS_ALLOW_LOCAL_HTTP?: string; // "1" in local runs only: endpoints may be http://127.0.0.1 or localhost (the demo's receiver)
  EMAIL: SendEmail; // Cloudflare Email Service: sends the MIME messages of worker/flows/emails.ts
  EMAILS: Queue<EmailQueueMessage>; // emails to send: one message per send, consumed by this Worker (a batch claimed and settled together)
  EMAIL_FROM?: string; // the address emails come from, on a domain onboarded to Email Sending
  EMAIL_LINK_SECRET?: string; // signs unsubscribe links: a secret (`wrangler secret put EMAIL_LINK_SECRET`)
  PUBLIC_URL?: string; // the Worker's public origin, for links in emails and the Integrations page's webhook URLs
  BILLING: Queue<BillingMessage>; // billing events to apply again (waiting for another event, or replayed)
}

/** A billing event due to be applied. */
export interface BillingMessage {
  billingEventId: string;
}

/** An email due to be sent, or the next chunk of a terms publication's emails to write (flows/terms-mailing.ts). */
export type EmailQueueMessage = { emailId: string } | { termsMailing: { programId: string; version: number } };

/** A webhook delivery due for an attempt. */
export interface WebhookMessage {
  deliveryId: string;
}

export interface ProgramRow {
  id: string;
  name: string;
  currency: string;
  destinationUrl: string;
  allowedOrigins: string[];
  attributionWindowDays: number;
  attributionModel: 'first_touch' | 'last_touch';
  signupCreditMinor: number;
  withdrawalMinimumMinor: number;
  reportingPeriod: 'weekly' | 'monthly' | 'quarterly';
  partnerDiscountBps: number;
  secondTierBps: number;
  referrerCreditMinor: number;
  browserSignups: 'await_confirmation' | 'trusted';
  unconfirmedSignupDays: number;
  /** Hours the program has to confirm or reject a registered lead. */
  leadSlaHours: number;
  /** Days a confirmed lead stays locked to its partner. */
  leadLockDays: number;
  /** Days an advocate invited through a verbal referral has to claim it (and what it earned). */
  unclaimedRewardDays: number;
  /** Days without a sign-in or a referral after which a partner is told it is inactive (docs/ENGAGEMENT.md). */
  inactiveDays: number;
  /** What waits until a partner accepts the current written terms (domain/terms-acceptance.ts). */
  pausedUntilTermsAccepted: PausableAction[];
}

export interface Variables {
  program: ProgramRow; // set by the key middleware
  keyKind: 'publishable' | 'secret';
  accountId: string; // set by the session middleware
  /** What the partner side's session guard read with the session (middleware/partner-access.ts). */
  partnerAccess?: PartnerAccess & { partnerId: string };
  /** What the console's session guard read with the session (middleware/program-access.ts). */
  programAccess?: ProgramAccess & { programId: string };
}

export type AppEnv = { Bindings: Env; Variables: Variables };

/**
 * A secret the Worker cannot run without. Missing (or too short to be one), the requests that need it fail loudly
 * with what to do, never with a guessable default.
 */
export function requiredSecret(env: Env, name: 'VISITOR_SALT' | 'CLICK_ID_SECRET' | 'WEBHOOK_SECRET_KEY' | 'EMAIL_LINK_SECRET'): string {
  const value = env[name];
  if (!value || value.length < 16) {
    throw new ApiError(500, 'not_configured', `The secret ${name} is not set (or shorter than 16 characters). Set it with: npx wrangler secret put ${name}`);
  }
  return value;
}

/** Every router is built the same way, so validation errors share one shape. */
export function router() {
  return new OpenAPIHono<AppEnv>({ defaultHook: validationHook });
}
