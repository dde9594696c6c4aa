// Secrets for local runs only (`npm start`, the tests, the bench, the fault test). Deploys set their own with
// `npx wrangler secret put VISITOR_SALT` and `npx wrangler secret put CLICK_ID_SECRET`; a deployed Worker without them
// refuses clicks with a clear error instead of falling back to a value anyone can read here.
export const LOCAL_SECRETS: Record<'VISITOR_SALT' | 'CLICK_ID_SECRET', string> = {
  VISITOR_SALT: process.env.VISITOR_SALT ?? 'local-dev-salt-not-for-deploys',
  CLICK_ID_SECRET: process.env.CLICK_ID_SECRET ?? 'local-only-click-id-secret-never-deploy-4f1d9a',
};

/** `wrangler dev` arguments that bind the local secrets. */
export const localSecretArgs = (): string[] => Object.entries(LOCAL_SECRETS).flatMap(([k, v]) => ['--var', `${k}:${v}`]);
