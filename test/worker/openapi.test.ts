import { describe, expect, it } from 'vitest';
import { call } from './helpers';

describe('GET /api/v1/openapi.json', () => {
  it('documents every API route from the zod schemas', async () => {
    const res = await call('/api/v1/openapi.json');
    expect(res.status).toBe(200);
    const doc = await res.json<any>();
    expect(doc.openapi).toBe('3.1.0');
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining([
      '/api/v1/customer-panel',
      '/api/v1/customers/{customerId}/balance',
      '/api/v1/customers/{customerId}/ledger',
      '/api/v1/greeting',
      '/api/v1/join/{programId}',
      '/api/v1/member-invites/{token}',
      '/api/v1/member-invites/{token}/accept',
      '/api/v1/partners/{partnerId}',
      '/api/v1/partners/{partnerId}/clients',
      '/api/v1/partners/{partnerId}/invitations',
      '/api/v1/partners/{partnerId}/invitations/{invitationId}',
      '/api/v1/partners/{partnerId}/ledger',
      '/api/v1/partners/{partnerId}/member-invites',
      '/api/v1/partners/{partnerId}/member-invites/{inviteId}',
      '/api/v1/partners/{partnerId}/members',
      '/api/v1/partners/{partnerId}/profile',
      '/api/v1/partners/{partnerId}/referrals',
      '/api/v1/partners/{partnerId}/referrals/{referralId}',
      '/api/v1/partners/{partnerId}/stats',
      '/api/v1/programs/{programId}/keys',
      '/api/v1/programs/{programId}/keys/{keyId}',
      '/api/v1/programs/{programId}/metrics',
      '/api/v1/programs/{programId}/engagement',
      '/api/v1/programs/{programId}/engagement/{partnerId}/nudge',
      '/api/v1/programs/{programId}/partner-records',
      '/api/v1/programs/{programId}/partners',
      '/api/v1/programs/{programId}/partners/{partnerId}/sales-rep',
      '/api/v1/programs/{programId}/partners/{partnerId}/status',
      '/api/v1/programs/{programId}/settings',
      '/api/v1/programs/{programId}/staff',
      '/api/v1/staff-invites/{token}',
      '/api/v1/staff-invites/{token}/accept',
      '/api/v1/programs/{programId}/terms',
      '/api/v1/session',
      '/api/v1/signups',
      '/api/v1/payments',
      '/api/v1/refunds',
      '/api/v1/subscriptions',
      '/api/v1/top-ups',
      '/api/v1/client-payments',
      '/api/v1/customers/{customerId}/credit-spends',
      '/api/v1/partners/{partnerId}/balance',
      '/api/v1/partners/{partnerId}/withdrawals',
      '/api/v1/partners/{partnerId}/withdrawals/{withdrawalId}/cancel',
      '/api/v1/partners/{partnerId}/client-payments',
      '/api/v1/partners/{partnerId}/client-payments/quote',
      '/api/v1/partners/{partnerId}/terms',
      '/api/v1/programs/{programId}/payouts',
      '/api/v1/programs/{programId}/periods/{periodId}/close',
      '/api/v1/programs/{programId}/payout-batches/{batchId}',
      '/api/v1/programs/{programId}/payout-batches/{batchId}/export.csv',
      '/api/v1/programs/{programId}/withdrawals/{withdrawalId}/paid',
      '/api/v1/programs/{programId}/withdrawals/{withdrawalId}/failed',
      '/api/v1/programs/{programId}/withdrawals/{withdrawalId}/reject',
      '/api/v1/programs/{programId}/top-ups',
      '/api/v1/programs/{programId}/ledger/check',
      '/api/v1/programs/{programId}/reward-rules',
      '/api/v1/programs/{programId}/reward-rules/{ruleId}/retire',
      '/api/v1/customers/{customerId}',
      '/api/v1/customers/{customerId}/export',
      '/api/v1/programs/{programId}/partners/{partnerId}/members/{memberId}/export',
      '/api/v1/programs/{programId}/partners/{partnerId}/members/{memberId}/personal-data',
    ]));
    // Every path the Worker serves under /api/v1 is documented (none added by hand).
    expect(Object.keys(doc.paths).length).toBeGreaterThanOrEqual(35);
    expect(doc.paths['/api/v1/payments'].post.parameters).toEqual(expect.arrayContaining([expect.objectContaining({ name: 'idempotency-key', in: 'header' })]));
    expect(doc.components.schemas.SignupInput.required).toEqual(expect.arrayContaining(['customerId', 'email']));
    expect(doc.components.securitySchemes.secretKey).toMatchObject({ type: 'http', scheme: 'bearer' });
    // Erasure and export of personal data.
    expect(Object.keys(doc.paths['/api/v1/customers/{customerId}'].delete.responses)).toEqual(expect.arrayContaining(['204', '404']));
    expect(Object.keys(doc.paths['/api/v1/programs/{programId}/partners/{partnerId}/members/{memberId}/personal-data'].delete.responses)).toEqual(expect.arrayContaining(['204', '403', '404', '409']));
    expect(doc.components.schemas).toHaveProperty('CustomerExport');
    expect(doc.components.schemas).toHaveProperty('MemberExport');
    expect(doc.components.schemas.LedgerEntry.required).toContain('customer');
  });

  it('keeps named components non-null: a field that may be null says so itself', async () => {
    const doc = await (await call('/api/v1/openapi.json')).json<any>();
    const nullable = Object.entries<any>(doc.components.schemas)
      .filter(([, s]) => (Array.isArray(s.type) && s.type.includes('null')) || s.nullable === true || s.anyOf?.some((x: any) => x.type === 'null'))
      .map(([name]) => name);
    expect(nullable).toEqual([]);
    expect(doc.components.schemas.PartnerBalance.properties.openWithdrawal).toEqual({ anyOf: [{ $ref: '#/components/schemas/Withdrawal' }, { type: 'null' }] });
  });

  it('answers unknown API paths in the error shape', async () => {
    const res = await call('/api/v1/nothing-here');
    expect(res.status).toBe(404);
    expect((await res.json<any>()).error.code).toBe('not_found');
  });
});
