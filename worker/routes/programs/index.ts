// The program console, mounted at /api/v1/programs/:programId: one guard (same origin, signed in) for every path under
// it. Whether the account is staff of the program, or a manager, is checked by each route after its input is validated.
import { d1Session } from '../../middleware/d1-session';
import { router } from '../../env';
import { sameOrigin } from '../../middleware/auth';
import { consoleSession } from '../../middleware/program-access';
import { partners } from './partners';
import { partnerRecords } from './partner-records';
import { staff } from './staff';
import { keys } from './keys';
import { metrics } from './metrics';
import { settings } from './settings';
import { terms } from './terms';
import { termsAcceptances } from './terms-acceptances';
import { heldSignups } from './held-signups';
import { rewardRules } from './reward-rules';
import { payouts } from './payouts';
import { periods } from './periods';
import { payoutBatches } from './payout-batches';
import { withdrawals } from './withdrawals';
import { topUps } from './top-ups';
import { ledger } from './ledger';
import { webhookEndpoints } from './webhook-endpoints';
import { integrations } from './integrations';
import { referrals } from './referrals';
import { programExports } from './exports';
import { engagement } from './engagement';

export const programConsole = router();

programConsole.use('*', sameOrigin, d1Session, consoleSession);
for (const r of [partners, partnerRecords, staff, keys, metrics, settings, terms, termsAcceptances, heldSignups, rewardRules, payouts, periods, payoutBatches, withdrawals, topUps, ledger, webhookEndpoints, integrations, referrals, programExports, engagement]) programConsole.route('/', r);
