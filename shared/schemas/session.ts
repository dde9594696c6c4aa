// Signing in and the session.
import { z } from '@hono/zod-openapi';

export const LoginInputSchema = z
  .object({ email: z.email().max(320), password: z.string().min(1).max(200) })
  .openapi('LoginInput');

export const SessionSchema = z
  .object({
    account: z.object({ id: z.string(), email: z.string(), name: z.string() }),
    partners: z.array(z.object({ id: z.string(), displayId: z.string(), name: z.string(), role: z.string() })),
    programs: z.array(z.object({ id: z.string(), name: z.string(), role: z.string() })),
  })
  .openapi('Session');

export type Session = z.infer<typeof SessionSchema>;
