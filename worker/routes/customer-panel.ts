// The referral panel a signed-in customer opens in the widget: their own invitation, whom they brought, their credit.
import { ErrorSchema } from '../../shared/schemas/common';
import { CustomerPanelInputSchema, CustomerPanelSchema } from '../../shared/schemas/widget';
import { money } from '../../shared/money';
import { router } from '../env';
import { programKey, widgetCors } from '../middleware/auth';
import { ApiError } from '../middleware/errors';
import { generateCode } from '../domain/codes';
import { invitationLink } from '../domain/links';
import { verifyCustomerToken } from '../security/customer-token';
import { advocateCustomer, customerInvitationCode, referredCount, secretKeyHashes } from '../db/customer-panel';
import { balanceOf } from '../db/ledger';
import { json, widgetRoute } from './kit';

export const customerPanel = router();

customerPanel.use('/', widgetCors, programKey(['publishable']));

customerPanel.openapi(
  widgetRoute('Widget').post(
    '/',
    'openCustomerPanel',
    "A signed-in customer's referral panel; creates their invitation on first open",
    {
      200: json(CustomerPanelSchema, 'The panel'),
      400: json(ErrorSchema, 'Invalid input'),
      401: json(ErrorSchema, 'The customer token is forged, malformed, expired, or lives too long'),
      403: json(ErrorSchema, 'The token names another customer, or the origin is not allowed'),
    },
    { body: CustomerPanelInputSchema, description: 'The widget sends the customer token the site\'s server signed; a customer sees only their own panel.' },
  ),
  async (c) => {
    const { customerId, token } = c.req.valid('json');
    const program = c.get('program');
    const db = c.env.DB;
    const now = Date.now();
    const check = await verifyCustomerToken(token, await secretKeyHashes(db, program.id), now);
    if (!check.ok) throw new ApiError(401, 'invalid_token', `The customer token is not valid (${check.problem}).`);
    if (check.customerId !== customerId) throw new ApiError(403, 'forbidden', 'The customer token is for another customer.');

    const customer = await advocateCustomer(db, program.id, customerId, now);
    const [code, referred, balance] = await Promise.all([
      customerInvitationCode(db, program.id, customer.id, generateCode(), now),
      referredCount(db, customer.id),
      balanceOf(db, { customerId: customer.id }, program.currency),
    ]);
    const link = invitationLink(new URL(c.req.url).origin, code);
    return c.json(
      {
        customerId,
        invitation: { code, link, qrSvg: `${link}/qr.svg` },
        referred,
        credit: balance.available,
        friendCredit: money(program.signupCreditMinor, program.currency),
      },
      200,
    );
  },
);
