// Business events as the API shows them: the outbox read in order (GET /api/v1/events).
import { z } from '@hono/zod-openapi';
import { EVENT_TYPES } from '../event-types';
import { dateTime } from './common';

// The list itself is zod-free in shared/event-types.ts, for the dashboard; the Worker keeps importing it from here.
export { EVENT_TYPES };

export const EventTypeSchema = z.enum(EVENT_TYPES).openapi({ description: 'What happened, as resource.what_happened', example: 'customer.signed_up' });

export const EventSchema = z
  .object({
    id: z.string().openapi({ description: 'evt_…: the same however often the event is read or delivered', example: 'evt_V1StGXR8Z5jdHi6B' }),
    sequence: z.number().int().openapi({ description: "The event's number: events are numbered in the order they happened" }),
    type: EventTypeSchema,
    version: z.number().int().openapi({ description: "The version of the type's data shape" }),
    createdAt: dateTime,
    data: z.record(z.string(), z.unknown()).openapi({ description: 'What happened, by ids and amounts: never an email or a name' }),
  })
  .openapi('Event');

export const EventQuerySchema = z.object({
  after: z.coerce.number().int().min(0).max(Number.MAX_SAFE_INTEGER).default(0).openapi({ description: 'Only events numbered after this sequence (the previous page\'s next)' }),
  limit: z.coerce.number().int().min(1).max(100).default(50),
  type: EventTypeSchema.optional().openapi({ description: 'Only events of this type' }),
});

export const EventPageSchema = z
  .object({
    data: z.array(EventSchema),
    hasMore: z.boolean(),
    next: z.number().int().openapi({ description: 'The sequence to pass as after for the next page (or later, to poll for new events)' }),
  })
  .openapi('EventPage');

export type Event = z.infer<typeof EventSchema>;
