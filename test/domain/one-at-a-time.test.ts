// The relay's coalescing (worker/domain/one-at-a-time.ts), with runs the test finishes by hand and a clock it sets.
import { describe, expect, it } from 'vitest';
import { oneAtATime } from '../../worker/domain/one-at-a-time';

/** A run the test ends when it likes; `started` counts the runs begun. */
function manualRuns() {
  const ends: (() => void)[] = [];
  let started = 0;
  const run = () => {
    started++;
    return new Promise<void>((resolve) => ends.push(resolve));
  };
  return { run, started: () => started, finish: async (i: number) => { ends[i](); await new Promise((r) => setTimeout(r, 0)); } };
}

describe('one run at a time', () => {
  it('askers during a run share one more run after it, and each settles only after a run that began after it asked', async () => {
    const r = manualRuns();
    let t = 0;
    const ask = oneAtATime(r.run, 30_000, { now: () => t });
    const settled: string[] = [];
    const first = ask().then(() => settled.push('first'));
    expect(r.started()).toBe(1);
    const waiting = [ask(), ask(), ask()].map((p, i) => p.then(() => settled.push(`waiting ${i}`)));
    expect(r.started()).toBe(1); // no second run while the first is under way
    await r.finish(0);
    await first;
    expect(r.started()).toBe(2); // one run for the three who asked meanwhile
    expect(settled).toEqual(['first']);
    const late = ask().then(() => settled.push('late')); // asks while the second runs: a third, after it
    await r.finish(1);
    await Promise.all(waiting);
    expect(settled).toEqual(['first', 'waiting 0', 'waiting 1', 'waiting 2']);
    expect(r.started()).toBe(3);
    await r.finish(2);
    await late;
    expect(r.started()).toBe(3);
    // Idle again: the next asker starts a run at once.
    void ask();
    expect(r.started()).toBe(4);
  });

  it('a failed run does not stop the run booked after it', async () => {
    let n = 0;
    let fail: (e: Error) => void = () => undefined;
    const ask = oneAtATime(() => (++n === 1 ? new Promise<void>((_, reject) => (fail = reject)) : Promise.resolve()), 30_000);
    const first = ask();
    const second = ask();
    fail(new Error('D1 was away'));
    await expect(first).rejects.toThrow('D1 was away');
    await second;
    expect(n).toBe(2);
  });

  it('a booked run waits for the pause after the run before it; an asker on an idle isolate does not', async () => {
    const r = manualRuns();
    const pauses: (() => void)[] = [];
    const ask = oneAtATime(r.run, 30_000, { now: () => 0 }, () => new Promise<void>((resume) => pauses.push(resume)));
    const first = ask();
    expect(r.started()).toBe(1); // idle: at once, no pause
    const booked = ask();
    await r.finish(0);
    await first;
    expect(pauses).toHaveLength(1);
    expect(r.started()).toBe(1); // the booked run waits for its pause
    void ask(); // asking during the pause joins the booked run
    pauses[0]();
    await new Promise((settle) => setTimeout(settle, 0));
    expect(r.started()).toBe(2);
    await r.finish(1);
    await booked;
    expect(pauses).toHaveLength(1);
    void ask(); // idle again
    expect(r.started()).toBe(3);
    expect(pauses).toHaveLength(1);
  });

  it('a run that never settles is not waited for past staleMs: the next asker starts a fresh one', async () => {
    const r = manualRuns();
    let t = 0;
    const ask = oneAtATime(r.run, 30_000, { now: () => t });
    void ask(); // never finished: its request was cancelled
    void ask(); // booked after it
    t = 30_000;
    const fresh = ask();
    expect(r.started()).toBe(2);
    await r.finish(1);
    await fresh;
  });
});
