// Customers: the site owner's server reads a customer's credit and ledger, spends credit, and exports or erases
// the customer's personal data, all with its secret key.
import { createRoute, z } from '@hono/zod-openapi';
import { CustomerBalanceSchema, ErrorSchema, MoneySchema } from '../../shared/schemas';
import { router } from '../env';
import { programKey } from '../middleware/auth';
import { ApiError, notFound, refused } from '../middleware/errors';
import { idempotent } from '../middleware/idempotency';
import { equals, negate } from '../../shared/money';
import { CreditSpendInputSchema, CreditSpendSchema, IdempotencyHeaders } from '../../shared/money-schemas';
import { creditSpendEntry, insufficient } from '../domain/withdrawals';
import { postedAmount, spend } from '../db/withdrawals';
import { sameCurrency } from './payments';
import { customerByExternalId } from '../db/customers';
import { balanceOf, entriesOf } from '../db/ledger';
import { customerExportJson, ledgerEntryJson } from './shapes';
import { CustomerExportSchema } from '../../shared/privacy-schemas';
import { eraseCustomerData, exportCustomer } from '../flows/personal-data';

export const customers = router();

customers.use('/customers/*', programKey(['secret']));

const params = z.object({ customerId: z.string().min(1).max(200).openapi({ param: { name: 'customerId', in: 'path' }, description: "The merchant's own customer id" }) });
const errors = {
  401: { description: 'Missing or wrong key', content: { 'application/json': { schema: ErrorSchema } } },
  403: { description: 'Not the secret key', content: { 'application/json': { schema: ErrorSchema } } },
  404: { description: 'No such customer in this program', content: { 'application/json': { schema: ErrorSchema } } },
};

async function load(db: D1Database, programId: string, externalId: string) {
  const customer = await customerByExternalId(db, programId, externalId);
  if (!customer) throw notFound('Customer');
  return customer;
}

customers.openapi(
  createRoute({
    method: 'get',
    path: '/customers/{customerId}/balance',
    tags: ['Customers'],
    summary: "A customer's available credit",
    security: [{ secretKey: [] }],
    request: { params },
    responses: {
      200: { description: 'The balance', content: { 'application/json': { schema: z.object({ customerId: z.string(), balance: MoneySchema }) } } },
      ...errors,
    },
  }),
  async (c) => {
    const program = c.get('program');
    const customer = await load(c.env.DB, program.id, c.req.valid('param').customerId);
    const balance = await balanceOf(c.env.DB, { customerId: customer.id }, program.currency);
    return c.json({ customerId: customer.externalId, balance: balance.available }, 200);
  },
);

customers.openapi(
  createRoute({
    method: 'get',
    path: '/customers/{customerId}/ledger',
    tags: ['Customers'],
    summary: "A customer's credit balance and every ledger entry behind it",
    security: [{ secretKey: [] }],
    request: { params },
    responses: {
      200: { description: 'Balance and entries, newest first', content: { 'application/json': { schema: CustomerBalanceSchema } } },
      ...errors,
    },
  }),
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
  createRoute({
    method: 'post',
    path: '/customers/{customerId}/credit-spends',
    tags: ['Customers'],
    summary: "Spend part of a customer's credit (e.g. on an order)",
    description: 'Idempotent on the reference: a repeat spends nothing more. The credit never goes below zero (422 when it does not cover the amount).',
    security: [{ secretKey: [] }],
    request: { params, headers: IdempotencyHeaders, body: { required: true, content: { 'application/json': { schema: CreditSpendInputSchema } } } },
    responses: {
      201: { description: 'Spent', content: { 'application/json': { schema: CreditSpendSchema } } },
      200: { description: 'This reference was spent before; nothing more was spent', content: { 'application/json': { schema: CreditSpendSchema } } },
      400: { description: 'Invalid input', content: { 'application/json': { schema: ErrorSchema } } },
      409: { description: 'The reference was spent before with another amount, or the Idempotency-Key was used for another request', content: { 'application/json': { schema: ErrorSchema } } },
      422: { description: 'Not enough credit, or another currency', content: { 'application/json': { schema: ErrorSchema } } },
      ...errors,
    },
  }),
  async (c) => {
    const input = c.req.valid('json');
    const program = c.get('program');
    return idempotent(c, program.id, input, async () => {
      sameCurrency(program, input.amount);
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
  createRoute({
    method: 'get',
    path: '/customers/{customerId}/export',
    tags: ['Customers'],
    summary: "Everything edgeref holds on a customer, as JSON (for a data access request)",
    description: 'Profile, attribution (with the visit that brought them), credit balance and every entry on it, subscriptions, payments with refunds, client payments, and their own invitations.',
    security: [{ secretKey: [] }],
    request: { params },
    responses: { 200: { description: "The customer's data", content: { 'application/json': { schema: CustomerExportSchema } } }, ...errors },
  }),
  async (c) => {
    const found = await exportCustomer(c.env.DB, c.get('program'), c.req.valid('param').customerId);
    if (!found) throw notFound('Customer');
    return c.json(customerExportJson(found, Date.now()), 200);
  },
);

customers.openapi(
  createRoute({
    method: 'delete',
    path: '/customers/{customerId}',
    tags: ['Customers'],
    summary: "Erase a customer's personal data (for an erasure request)",
    description:
      'Removes the email and the visitor hash of the click that brought them. Ids, attribution, subscriptions, payments and ledger entries stay, so every balance is unchanged; ledger reasons name customers by id only. Idempotent: erasing again answers 204 too.',
    security: [{ secretKey: [] }],
    request: { params },
    responses: { 204: { description: 'Erased (or erased before)' }, ...errors },
  }),
  async (c) => {
    if (!(await eraseCustomerData(c.env.DB, c.get('program').id, c.req.valid('param').customerId, Date.now()))) throw notFound('Customer');
    return c.body(null, 204);
  },
);
