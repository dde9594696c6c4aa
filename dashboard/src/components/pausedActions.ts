// What a program may pause until new terms are accepted, as the dashboard names it: a label in a list (Settings) and
// the words in a sentence (the partner's notice). shared/terms-pauses.ts has the English for the API's own use.
import type { PausableAction } from '../../../shared/terms-pauses';
import type { MessageKey } from '../i18n';

export const PAUSED_ACTIONS: Record<PausableAction, { label: MessageKey; inSentence: MessageKey }> = {
  invitations: { label: 'pause.invitations', inSentence: 'pause.invitationsInSentence' },
  withdrawals: { label: 'pause.withdrawals', inSentence: 'pause.withdrawalsInSentence' },
  referrals: { label: 'pause.referrals', inSentence: 'pause.referralsInSentence' },
  client_payments: { label: 'pause.clientPayments', inSentence: 'pause.clientPaymentsInSentence' },
};
