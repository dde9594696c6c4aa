// Program console, keys: create and revoke publishable (widget) and secret (server) keys. A key is shown once; only its hash is kept.
import { z } from '@hono/zod-openapi';
import { nanoid } from 'nanoid';
import { ApiKeyCreatedSchema, ApiKeyInputSchema, ApiKeySchema } from '../../../shared/schemas/console';
import { router } from '../../env';
import { programFor } from '../../middleware/program-access';
import { notFound } from '../../middleware/errors';
import { insertKey, keysOf, revokeKey, type ApiKeyRow } from '../../db/console';
import { randomToken, sha256Hex } from '../../security/hashing';
import { isoDate } from '../shapes';
import { consoleRoute, idParam, json, programParams } from '../kit';

export const keys = router();
const route = consoleRoute();

const keyJson = (k: ApiKeyRow) => ({ ...k, createdAt: isoDate(k.createdAt), revokedAt: k.revokedAt === null ? null : isoDate(k.revokedAt) });

keys.openapi(
  route.get('/keys', 'listKeys', "The program's keys, by hint (never the key), live ones first (managers only)", { 200: json(z.array(ApiKeySchema), 'Keys') }),
  async (c) => {
    const { programId } = c.req.valid('param');
    await programFor(c, programId, 'manager');
    return c.json((await keysOf(c.env.DB, programId)).map(keyJson), 200);
  },
);

keys.openapi(
  route.post(
    '/keys',
    'createKey',
    'Create a publishable (pk_) or secret (sk_) key; the answer is the only time the key is shown (managers only)',
    { 201: json(ApiKeyCreatedSchema, 'Created') },
    { body: ApiKeyInputSchema },
  ),
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

keys.openapi(
  route.delete(
    '/keys/{keyId}',
    'revokeKey',
    'Revoke a key: it stops working at once (managers only)',
    { 200: json(ApiKeySchema, 'The revoked key') },
    { params: programParams.extend({ keyId: idParam('keyId') }) },
  ),
  async (c) => {
    const { programId, keyId } = c.req.valid('param');
    await programFor(c, programId, 'manager');
    const revoked = await revokeKey(c.env.DB, programId, keyId, Date.now());
    if (!revoked) throw notFound('Key');
    return c.json(keyJson(revoked), 200);
  },
);
