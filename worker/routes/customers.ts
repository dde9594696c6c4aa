// Customers: the site owner's server reads a customer's credit and ledger, spends credit, and exports or erases
// the customer's personal data, all with its secret key.
import { z } from '@hono/zod-openapi';
import { CreditSpendInputSchema, CreditSpendSchema } from '../../shared/schemas/billing';
import { ErrorSchema, IdempotencyHeaders, MoneySchema } from '../../shared/schemas/common';
import { CustomerBalanceSchema } from '../../shared/schemas/ledger';
import { CustomerExportSchema } from '../../shared/schemas/privacy';
import { router } from '../env';
import { programKey } from '../middleware/auth';
import { ApiError, notFound, refused } from '../middleware/errors';
import { equals, negate } from '../../shared/money';
import { creditSpendEntry, insufficient } from '../domain/withdrawals';
import { postedAmount, spend } from '../db/withdrawals';
import { customerByExternalId } from '../db/customers';
import { balanceOf, entriesOf } from '../db/ledger';
import { customerIdParam, idempotentAmount, json, secretKeyErrors, secretKeyRoute } from './kit';
import { customerExportJson, ledgerEntryJson } from './shapes';
import { eraseCustomerData, exportCustomer } from '../flows/personal-data';

export const customers = router();

customers.use('*', programKey(['secret']));

const params = z.object({ customerId: customerIdParam("The merchant's own customer id") });
const route = secretKeyRoute('Customers', { ...secretKeyErrors, 404: json(ErrorSchema, 'No such customer in this program') });

async function load(db: D1Database, programId: string, externalId: string) {
  const customer = await customerByExternalId(db, programId, externalId);
  if (!customer) throw notFound('Customer');
  return customer;
}

customers.openapi(
  route.get(
    '/{customerId}/balance',
    'getCustomerBalance',
    "A customer's available credit",
    {
      200: { description: 'The balance', content: { 'application/json': { schema: z.object({ customerId: z.string(), balance: MoneySchema }) } } },
    },
    { params },
  ),
  async (c) => {
    const program = c.get('program');
    const customer = await load(c.env.DB, program.id, c.req.valid('param').customerId);
    const balance = await balanceOf(c.env.DB, { customerId: customer.id }, program.currency);
    return c.json({ customerId: customer.externalId, balance: balance.available }, 200);
  },
);

customers.openapi(
  route.get(
    '/{customerId}/ledger',
    'getCustomerLedger',
    "A customer's credit balance and every ledger entry behind it",
    {
      200: json(CustomerBalanceSchema, 'Balance and entries, newest first'),
    },
    { params },
  ),
  async (c) => {
    const program = c.get('program');
    const customer = await load(c.env.DB, program.id, c.req.valid('param').customerId);
    const [balance, entries] = await Promise.all([
      balanceOf(c.env.DB, { customerId: customer.id }, program.currency),
      entriesOf(c.env.DB, { customerId: customer.id }),
    ]);
    return c.json({ customerId: customer.externalId, balance: balance.available, entries: entries.map(ledgerEntryJson) }, 200);
  },
);


customers.openapi(
  route.post(
    '/{customerId}/credit-spends',
    'spendCustomerCredit',
    "Spend part of a customer's credit (e.g. on an order)",
    {
      201: json(CreditSpendSchema, 'Spent'),
      200: json(CreditSpendSchema, 'This reference was spent before; nothing more was spent'),
      400: json(ErrorSchema, 'Invalid input'),
      409: json(ErrorSchema, 'The reference was spent before with another amount, or the Idempotency-Key was used for another request'),
      422: json(ErrorSchema, 'Not enough credit, or another currency'),
    },
    {
      params,
      headers: IdempotencyHeaders,
      body: CreditSpendInputSchema,
      description: 'Idempotent on the reference: a repeat spends nothing more. The credit never goes below zero (422 when it does not cover the amount).',
    },
  ),
  async (c) => {
    const input = c.req.valid('json');
    const program = c.get('program');
    return idempotentAmount(c, program, input, async () => {
      const customer = await load(c.env.DB, program.id, c.req.valid('param').customerId);
      const entry = creditSpendEntry(customer.id, input.reference, input.amount, input.description);
      const spent = await spend(c.env.DB, program.id, customer.id, entry, Date.now());
      const balance = (await balanceOf(c.env.DB, { customerId: customer.id }, program.currency)).available;
      const before = spent ? null : await postedAmount(c.env.DB, entry.idempotencyKey);
      if (!spent && !before) {
        throw refused(insufficient(balance, 'this spend'));
      }
      // A reference spent before answers with what was spent then; another amount under it is a conflict.
      if (before && !equals(negate(before), input.amount)) {
        throw new ApiError(409, 'reference_conflict', `Reference ${input.reference} was spent before with another amount.`);
      }
      const body = { customerId: customer.externalId, reference: input.reference, created: spent, spent: input.amount, balance };
      return spent ? c.json(body, 201) : c.json(body, 200);
    });
  },
);

customers.openapi(
  route.get(
    '/{customerId}/export',
    'exportCustomer',
    "Everything edgeref holds on a customer, as JSON (for a data access request)",
    { 200: json(CustomerExportSchema, "The customer's data") },
    {
      params,
      description: 'Profile, attribution (with the visit that brought them), credit balance and every entry on it, subscriptions, payments with refunds, client payments, and their own invitations.',
    },
  ),
  async (c) => {
    const found = await exportCustomer(c.env.DB, c.get('program'), c.req.valid('param').customerId);
    if (!found) throw notFound('Customer');
    return c.json(customerExportJson(found, Date.now()), 200);
  },
);

customers.openapi(
  route.delete(
    '/{customerId}',
    'eraseCustomer',
    "Erase a customer's personal data (for an erasure request)",
    { 204: { description: 'Erased (or erased before)' } },
    {
      params,
      description:
        'Removes the email and the visitor hash of the click that brought them. Ids, attribution, subscriptions, payments and ledger entries stay, so every balance is unchanged; ledger reasons name customers by id only. Idempotent: erasing again answers 204 too.',
    },
  ),
  async (c) => {
    if (!(await eraseCustomerData(c.env.DB, c.get('program').id, c.req.valid('param').customerId, Date.now()))) throw notFound('Customer');
    return c.body(null, 204);
  },
);
