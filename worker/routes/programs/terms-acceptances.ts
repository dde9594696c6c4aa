// /programs/{programId}/terms/acceptances: who accepted which version of the written terms, when, a page at a time
// or as a CSV file streamed a page at a time (a program may have 10,000 partners and many versions).
import { z } from '@hono/zod-openapi';
import { ErrorSchema } from '../../../shared/schemas/common';
import { TermsAcceptancePageSchema, TermsAcceptanceQuerySchema, TermsExportQuerySchema } from '../../../shared/schemas/terms';
import { router } from '../../env';
import { programFor } from '../../middleware/program-access';
import { partnerDisplayId, type PartnerStatus } from '../../domain/partners';
import { acceptancesPage, type AcceptanceCursor, type AcceptanceRecord } from '../../db/terms-acceptances';
import { consoleRoute, json } from '../kit';
import { csvHeaders, csvStream } from '../csv';
import { isoDate } from '../shapes';

export const termsAcceptances = router();
const route = consoleRoute();

const cursorOf = (r: AcceptanceRecord): AcceptanceCursor => ({ acceptedAt: r.acceptedAt, partnerId: r.partnerId, version: r.version });
const cursorText = (c: AcceptanceCursor) => `${c.acceptedAt}:${c.partnerId}:${c.version}`;
function parseCursor(s: string | undefined): AcceptanceCursor | undefined {
  if (s === undefined) return undefined;
  const [at, partnerId, version] = s.split(':');
  return { acceptedAt: Number(at), partnerId, version: Number(version) };
}

termsAcceptances.openapi(
  route.get(
    '/terms/acceptances',
    'listTermsAcceptances',
    "Partners' acceptances of the written terms (who accepted which version, when), newest first, a page at a time",
    { 200: json(TermsAcceptancePageSchema, 'One page'), 400: json(ErrorSchema, 'Invalid query') },
    { query: TermsAcceptanceQuerySchema },
  ),
  async (c) => {
    const { programId } = c.req.valid('param');
    await programFor(c, programId, 'staff');
    const q = c.req.valid('query');
    const rows = await acceptancesPage(c.env.DB, programId, { version: q.version, before: parseCursor(q.before), limit: q.limit + 1 });
    const page = rows.slice(0, q.limit);
    return c.json(
      {
        items: page.map((r) => ({
          partnerId: r.partnerId,
          displayId: partnerDisplayId(r.partnerStatus as PartnerStatus, r.partnerNumber),
          partnerName: r.partnerName,
          version: r.version,
          acceptedAt: isoDate(r.acceptedAt),
          acceptedBy: r.accountId ? { id: r.accountId, name: r.accountName ?? '' } : null,
        })),
        next: rows.length > q.limit ? cursorText(cursorOf(page.at(-1)!)) : null,
      },
      200,
    );
  },
);

termsAcceptances.openapi(
  route.get(
    '/terms/acceptances/export.csv',
    'exportTermsAcceptances',
    "Partners' acceptances of the written terms as CSV, newest first, optionally of one version",
    { 200: { description: 'CSV', content: { 'text/csv': { schema: z.string() } } }, 400: json(ErrorSchema, 'Invalid query') },
    { query: TermsExportQuerySchema },
  ),
  async (c) => {
    const { programId } = c.req.valid('param');
    await programFor(c, programId, 'staff');
    const { version } = c.req.valid('query');
    const header = ['partner_id', 'partner', 'partner_name', 'version', 'accepted_at', 'accepted_by_account_id', 'accepted_by_name'];
    const body = csvStream(header, {
      read: (before: AcceptanceCursor | undefined, limit) => acceptancesPage(c.env.DB, programId, { version, before, limit }),
      cells: (r) => [r.partnerId, partnerDisplayId(r.partnerStatus as PartnerStatus, r.partnerNumber), r.partnerName, String(r.version), isoDate(r.acceptedAt), r.accountId ?? '', r.accountName ?? ''],
      cursor: cursorOf,
    });
    return c.body(body, 200, csvHeaders(`terms-acceptances-${programId}${version ? `-v${version}` : ''}.csv`));
  },
);
