// What a program may pause until a partner accepts its current written terms, as a plain list without zod, so the
// dashboard can offer and name them without bundling zod. The rule is worker/domain/terms-acceptance.ts.

export const PAUSABLE_ACTIONS = ['invitations', 'withdrawals', 'referrals', 'client_payments'] as const;
export type PausableAction = (typeof PAUSABLE_ACTIONS)[number];

/** What a new program pauses: new invitations and withdrawals. Nothing earned stops. */
export const DEFAULT_PAUSED: readonly PausableAction[] = ['invitations', 'withdrawals'];

/** Each action as people name it. */
export const PAUSABLE_ACTION_LABELS: Record<PausableAction, string> = {
  invitations: 'Creating new invitations',
  withdrawals: 'Requesting withdrawals',
  referrals: 'Registering referrals',
  client_payments: "Paying for a client's subscription from the balance",
};
