// Customers' credit: the site owner's server reads a customer's balance and ledger with its secret key.
import { createRoute, z } from '@hono/zod-openapi';
import { CustomerBalanceSchema, ErrorSchema, MoneySchema } from '../../shared/schemas';
import { router } from '../env';
import { programKey } from '../middleware/auth';
import { notFound } from '../middleware/errors';
import { customerByExternalId } from '../db/customers';
import { balanceOf, entriesOf } from '../db/ledger';
import { ledgerEntryJson } from './shapes';

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

