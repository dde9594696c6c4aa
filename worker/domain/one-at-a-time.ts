// Work that any request may ask for and one run serves many: the event relay. One run at a time per isolate; asking
// while a run is under way books one more run after it, which everyone asking meanwhile shares. Each asker's promise
// settles after a run that started after it asked, so nothing asked for is skipped; under load a few runs serve many
// requests instead of one run each. A run older than `staleMs` (its request was cancelled, so it may never settle) is
// not waited for: the next asker starts a fresh one. A booked run may wait a pause after the run before it: under
// load the runs then come at most that often, each serving more requests, instead of back to back.

export interface Clock {
  now(): number;
}

/** No pause: a booked run starts as soon as the run before it ends. */
const noPause = () => Promise.resolve();

export function oneAtATime(run: () => Promise<void>, staleMs: number, clock: Clock = Date, pauseBeforeBooked: () => Promise<void> = noPause): () => Promise<void> {
  let current: { done: Promise<void>; since: number } | null = null;
  let next: { done: Promise<void>; since: number } | null = null;

  const start = (): Promise<void> => {
    const done: Promise<void> = run().finally(() => {
      if (current?.done === done) current = null;
    });
    current = { done, since: clock.now() };
    return done;
  };

  return () => {
    const now = clock.now();
    if (next && now - next.since < staleMs) return next.done;
    if (current && now - current.since < staleMs) {
      const after = current.done.catch(() => undefined).then(pauseBeforeBooked);
      const done: Promise<void> = after.then(() => {
        if (next?.done === done) next = null;
        return start();
      });
      next = { done, since: now };
      return done;
    }
    next = null;
    return start();
  };
}
