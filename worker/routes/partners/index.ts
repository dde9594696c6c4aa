// The partner side, mounted at /api/v1/partners/:partnerId: one guard (same origin, signed in) for every path under it.
// Which partner the account may see is checked by each route (partnerFor), after its input is validated.
import { d1Session } from '../../middleware/d1-session';
import { router } from '../../env';
import { sameOrigin } from '../../middleware/auth';
import { partnerSession } from '../../middleware/partner-access';
import { summary } from './summary';
import { members } from './members';
import { ledger } from './ledger';
import { clients } from './clients';
import { invitations } from './invitations';
import { stats } from './stats';
import { memberInvites } from './member-invites';
import { profile } from './profile';
import { referrals } from './referrals';
import { terms } from './terms';
import { termsAcceptances } from './terms-acceptances';
import { balance } from './balance';
import { withdrawals } from './withdrawals';
import { clientPayments } from './client-payments';

export const partnerSide = router();

partnerSide.use('*', sameOrigin, d1Session, partnerSession);
for (const r of [summary, members, ledger, clients, invitations, stats, memberInvites, profile, referrals, terms, termsAcceptances, balance, withdrawals, clientPayments]) partnerSide.route('/', r);
