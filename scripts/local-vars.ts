// Secrets for local runs only (`npm start`, the tests, the bench). Deploys must set their own:
// `npx wrangler secret put VISITOR_SALT`; a deployed Worker without it refuses clicks with a clear error.
export const LOCAL_SECRETS: Record<string, string> = {
  VISITOR_SALT: 'local-dev-salt-not-for-deploys',
};

/** `wrangler dev` arguments that bind the local secrets. */
export const localSecretArgs = (): string[] => Object.entries(LOCAL_SECRETS).flatMap(([k, v]) => ['--var', `${k}:${v}`]);
