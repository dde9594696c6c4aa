// Secrets for local runs only (`npm start`, the tests, the bench, the fault test). Deploys set their own with
// `npx wrangler secret put VISITOR_SALT`, `… CLICK_ID_SECRET`, `… WEBHOOK_SECRET_KEY` and `… EMAIL_LINK_SECRET`; a deployed Worker without them
// refuses clicks with a clear error instead of falling back to a value anyone can read here.
export const LOCAL_SECRETS: Record<'VISITOR_SALT' | 'CLICK_ID_SECRET' | 'WEBHOOK_SECRET_KEY' | 'EMAIL_LINK_SECRET' | 'WEBHOOKS_ALLOW_LOCAL_HTTP', string> = {
  VISITOR_SALT: process.env.VISITOR_SALT ?? 'local-dev-salt-not-for-deploys',
  CLICK_ID_SECRET: process.env.CLICK_ID_SECRET ?? 'local-only-click-id-secret-never-deploy-4f1d9a',
  WEBHOOK_SECRET_KEY: process.env.WEBHOOK_SECRET_KEY ?? 'local-only-webhook-sealing-key-never-deploy-7c2e',
  EMAIL_LINK_SECRET: process.env.EMAIL_LINK_SECRET ?? 'local-only-email-link-secret-never-deploy-93ab',
  // Not a secret: lets local runs register the demo shop's webhook receiver on http://127.0.0.1.
  WEBHOOKS_ALLOW_LOCAL_HTTP: '1',
};

/** `wrangler dev` arguments that bind the local secrets. */
export const localSecretArgs = (): string[] => Object.entries(LOCAL_SECRETS).flatMap(([k, v]) => ['--var', `${k}:${v}`]);
