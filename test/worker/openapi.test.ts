import { describe, expect, it } from 'vitest';
import { call } from './helpers';

describe('GET /api/v1/openapi.json', () => {
  it('documents every API route from the zod schemas', async () => {
    const res = await call('/api/v1/openapi.json');
    expect(res.status).toBe(200);
    const doc = await res.json<any>();
    expect(doc.openapi).toBe('3.1.0');
    expect(Object.keys(doc.paths).sort()).toEqual([
      '/api/v1/customer-panel',
      '/api/v1/customers/{customerId}/balance',
      '/api/v1/customers/{customerId}/ledger',
      '/api/v1/greeting',
      '/api/v1/partners/{partnerId}',
      '/api/v1/partners/{partnerId}/invitations',
      '/api/v1/partners/{partnerId}/invitations/{invitationId}',
      '/api/v1/partners/{partnerId}/ledger',
      '/api/v1/partners/{partnerId}/members',
      '/api/v1/partners/{partnerId}/stats',
      '/api/v1/programs/{programId}/partners',
      '/api/v1/session',
      '/api/v1/signups',
    ]);
    expect(doc.components.schemas.SignupInput.required).toEqual(expect.arrayContaining(['customerId', 'email']));
    expect(doc.components.securitySchemes.secretKey).toMatchObject({ type: 'http', scheme: 'bearer' });
  });

  it('answers unknown API paths in the error shape', async () => {
    const res = await call('/api/v1/nothing-here');
    expect(res.status).toBe(404);
    expect((await res.json<any>()).error.code).toBe('not_found');
  });
});
