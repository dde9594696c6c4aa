// Program console, keys: create and revoke publishable (widget) and secret (server) keys. A key is shown once; only its hash is kept.
import { createRoute, z } from '@hono/zod-openapi';
import { nanoid } from 'nanoid';
import { ApiKeyCreatedSchema, ApiKeyInputSchema, ApiKeySchema } from '../../shared/portal-schemas';
import { router } from '../env';
import { sameOrigin, session } from '../middleware/auth';
import { programFor } from '../middleware/program-access';
import { notFound } from '../middleware/errors';
import { insertKey, keysOf, revokeKey, type ApiKeyRow } from '../db/console';
import { randomToken, sha256Hex } from '../security/hashing';
import { isoDate } from './shapes';
import { json } from './partners';
import { consoleErrors, programParams } from './program-partners';

export const programKeys = router();

programKeys.use('/programs/*', sameOrigin, session);

const keyJson = (k: ApiKeyRow) => ({ ...k, createdAt: isoDate(k.createdAt), revokedAt: k.revokedAt === null ? null : isoDate(k.revokedAt) });

programKeys.openapi(
  createRoute({
    method: 'get',
    path: '/programs/{programId}/keys',
    tags: ['Program console'],
    summary: "The program's keys, by hint (never the key), live ones first (managers only)",
    security: [{ session: [] }],
    request: { params: programParams },
    responses: { 200: json(z.array(ApiKeySchema), 'Keys'), ...consoleErrors },
  }),
  async (c) => {
    const { programId } = c.req.valid('param');
    await programFor(c, programId, 'manager');
    return c.json((await keysOf(c.env.DB, programId)).map(keyJson), 200);
  },
);

programKeys.openapi(
  createRoute({
    method: 'post',
    path: '/programs/{programId}/keys',
    tags: ['Program console'],
    summary: 'Create a publishable (pk_) or secret (sk_) key; the answer is the only time the key is shown (managers only)',
    security: [{ session: [] }],
    request: { params: programParams, body: { required: true, content: { 'application/json': { schema: ApiKeyInputSchema } } } },
    responses: { 201: json(ApiKeyCreatedSchema, 'Created'), ...consoleErrors },
  }),
  async (c) => {
    const { programId } = c.req.valid('param');
    await programFor(c, programId, 'manager');
    const { kind } = c.req.valid('json');
    const key = `${kind === 'secret' ? 'sk' : 'pk'}_${randomToken(24)}`;
    const row: ApiKeyRow = { id: `key_${nanoid()}`, kind, hint: `${key.slice(0, 6)}…${key.slice(-4)}`, createdAt: Date.now(), revokedAt: null };
    await insertKey(c.env.DB, { ...row, programId, keyHash: await sha256Hex(key) });
    return c.json({ ...keyJson(row), key }, 201);
  },
);

programKeys.openapi(
  createRoute({
    method: 'delete',
    path: '/programs/{programId}/keys/{keyId}',
    tags: ['Program console'],
    summary: 'Revoke a key: it stops working at once (managers only)',
    security: [{ session: [] }],
    request: { params: programParams.extend({ keyId: z.string().min(1).max(64).openapi({ param: { name: 'keyId', in: 'path' } }) }) },
    responses: { 200: json(ApiKeySchema, 'The revoked key'), ...consoleErrors },
  }),
  async (c) => {
    const { programId, keyId } = c.req.valid('param');
    await programFor(c, programId, 'manager');
    const revoked = await revokeKey(c.env.DB, programId, keyId, Date.now());
    if (!revoked) throw notFound('Key');
    return c.json(keyJson(revoked), 200);
  },
);
