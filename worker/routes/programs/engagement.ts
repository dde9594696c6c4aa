// Program console, engagement: the partners behind each engagement trigger (inactive, referrals without success, close
// to the next tier), whether and when each was told, and a manager's nudge that tells one now (docs/ENGAGEMENT.md).
import { ErrorSchema } from '../../../shared/schemas/common';
import { EngagementPageSchema, EngagementQuerySchema, NudgeInputSchema, NudgeResultSchema } from '../../../shared/schemas/engagement';
import { router } from '../../env';
import { staffProgram } from '../../middleware/program-access';
import { notFound, refused } from '../../middleware/errors';
import { partnerDisplayId, type PartnerStatus } from '../../domain/partners';
import { currentNotices, engagementConditions, nudgePartner, type EngagementItem } from '../../flows/engagement';
import { partnerOfProgram, type NoticeRow } from '../../db/engagement';
import { consoleRoute, idParam, json, programParams } from '../kit';

export const engagement = router();
const route = consoleRoute();
const partnerParams = programParams.extend({ partnerId: idParam('partnerId') });
const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

function rowJson(i: EngagementItem, n: NoticeRow | undefined) {
  return {
    partnerId: i.partner.id,
    displayId: partnerDisplayId(i.partner.status as PartnerStatus, i.partner.number),
    name: i.partner.name,
    company: i.partner.company,
    conditionKey: i.key,
    lastSignInAt: iso(i.lastSignInAt),
    lastReferralDay: i.lastReferralDay,
    inactiveSince: iso(i.inactiveSince),
    inactiveDays: i.inactiveDays,
    referrals: i.referrals,
    successes: i.successes,
    needed: i.needed,
    tierMinReferrals: i.tierMinReferrals,
    notice: n ? { notifiedAt: iso(n.createdAt)!, lastSentAt: iso(n.lastSentAt)!, sends: n.sends, byManager: n.sentBy !== null } : null,
  };
}

engagement.openapi(
  route.get(
    '/engagement',
    'listEngagement',
    "The partners behind one engagement trigger (managers only), with whether and when each was told: inactive ones the longest quiet first, the others in the current reporting period",
    { 200: json(EngagementPageSchema, 'A page of the list') },
    { query: EngagementQuerySchema },
  ),
  async (c) => {
    const { programId } = c.req.valid('param');
    const program = await staffProgram(c, programId);
    const { kind, limit, offset } = c.req.valid('query');
    const { items, period } = await engagementConditions(c.env.DB, program, kind, { limit: limit + 1, offset }, Date.now());
    const page = items.slice(0, limit);
    const notices = await currentNotices(c.env.DB, kind, page);
    return c.json(
      {
        kind,
        inactiveDays: program.inactiveDays,
        period: period && { id: period.id, startsAt: iso(period.startsAt)!, endsAt: iso(period.endsAt)! },
        data: page.map((i) => rowJson(i, notices.get(i.partner.id))),
        hasMore: items.length > limit,
      },
      200,
    );
  },
);

engagement.openapi(
  route.post(
    '/engagement/{partnerId}/nudge',
    'nudgePartner',
    "Tell a partner of its condition now (managers only): its email to the partner's owners and managers (unless they opted out) and its event to webhooks. Once per condition, like the daily run; `resend: true` sends again on purpose",
    {
      200: json(NudgeResultSchema, 'Sent'),
      400: json(ErrorSchema, 'Invalid input'),
      404: json(ErrorSchema, 'No such program (or not staff of it), or no such partner in it'),
      409: json(ErrorSchema, 'not_in_condition: the partner is not in this condition now; already_notified: it was told of this condition (send again with resend: true)'),
    },
    { params: partnerParams, body: NudgeInputSchema },
  ),
  async (c) => {
    const { programId, partnerId } = c.req.valid('param');
    const program = await staffProgram(c, programId);
    const { kind, resend } = c.req.valid('json');
    if (!(await partnerOfProgram(c.env.DB, programId, partnerId))) throw notFound('Partner');
    const r = await nudgePartner(c.env.DB, program, partnerId, kind, { resend, accountId: c.get('accountId') }, Date.now());
    if (r.outcome === 'not_in_condition') throw refused({ status: 409, code: 'not_in_condition', message: `The partner is not in the ${kind} condition now.` });
    if (r.outcome === 'already_notified') {
      throw refused({ status: 409, code: 'already_notified', message: 'The partner was already told of this condition; send again with resend: true.', details: { notifiedAt: iso(r.notice.createdAt), sends: r.notice.sends } });
    }
    return c.json({ outcome: r.outcome, row: rowJson(r.item, r.notice) }, 200);
  },
);
