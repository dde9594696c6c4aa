// Cloudflare Queues delays a message by at most 12 hours: a later time is reached by the message coming early and
// waiting again (each consumer checks that its work is due).

export const MAX_QUEUE_DELAY_S = 12 * 3600;

/** The delay, in whole seconds, of a message meant to arrive at `at`: none for a time past, at most the queue's maximum. */
export const queueDelaySeconds = (now: number, at: number): number => Math.min(MAX_QUEUE_DELAY_S, Math.max(0, Math.ceil((at - now) / 1000)));
