// Email to people: a person's language and the optional emails they get.
import { z } from '@hono/zod-openapi';
import { LANGUAGES, OPTIONAL_EMAILS } from '../email-templates';

export const LanguageSchema = z.enum(LANGUAGES).openapi('Language', { description: 'en, sv or de: the language of the emails a person gets' });

const topic = z.enum(OPTIONAL_EMAILS).openapi({ description: 'An optional email; the others (approval, payouts, a disabled webhook endpoint) always go out' });

export const EmailPreferencesSchema = z
  .object({
    language: LanguageSchema,
    emails: z
      .array(z.object({ topic, audience: z.enum(['partner', 'manager']).openapi({ description: "Sent to a partner's members or to a program's managers" }), enabled: z.boolean() }))
      .openapi({ description: 'Every optional email, and whether this person gets it' }),
  })
  .openapi('EmailPreferences');

export const EmailPreferencesInputSchema = z
  .object({
    language: LanguageSchema.optional(),
    emails: z.partialRecord(topic, z.boolean()).optional().openapi({ description: 'Optional emails to turn on (true) or off (false); the others stay as they are', example: { commission_earned: false } }),
  })
  .strict()
  .openapi('EmailPreferencesInput');


export type EmailPreferences = z.infer<typeof EmailPreferencesSchema>;
export type EmailPreferencesInput = z.infer<typeof EmailPreferencesInputSchema>;
