// The widget's own API shapes: the signed-in customer's referral panel.
import { z } from '@hono/zod-openapi';
import { externalId, MoneySchema } from './common';

export const CustomerPanelInputSchema = z
  .object({
    customerId: externalId.openapi({ description: "The merchant's own id for the signed-in customer", example: 'cus_123' }),
    token: z.string().min(1).max(2000).openapi({
      description: "A customer token from the site's server: an HS256 JWT { sub: customerId, exp } signed with the SHA-256 hex of the secret key, valid for at most 24 hours",
    }),
  })
  .openapi('CustomerPanelInput');

export const CustomerPanelSchema = z
  .object({
    customerId: z.string(),
    invitation: z.object({
      code: z.string().openapi({ example: 'KM4TQX7A' }),
      link: z.string().openapi({ example: 'https://edgeref.example/r/KM4TQX7A' }),
      qrSvg: z.string(),
    }),
    referred: z.number().int().openapi({ description: 'How many customers signed up through this customer\'s invitation' }),
    credit: MoneySchema.openapi({ description: "The customer's available credit" }),
    friendCredit: MoneySchema.openapi({ description: 'The signup credit a friend gets' }),
  })
  .openapi('CustomerPanel');

export type CustomerPanel = z.infer<typeof CustomerPanelSchema>;
