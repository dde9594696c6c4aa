import { describe, expect, it } from 'vitest';
import { ExpiringMap } from '../../worker/edge/expiring-map';

describe('ExpiringMap (the edge caches)', () => {
  it('keeps a value until its own time runs out, a miss (null) as well as a hit', () => {
    const m = new ExpiringMap<string | null>(10);
    m.set('key', 'program', 60_000, 1_000);
    m.set('unknown', null, 10_000, 1_000);
    expect(m.get('key', 60_999)).toBe('program');
    expect(m.get('unknown', 10_999)).toBeNull();
    expect(m.get('unknown', 11_000)).toBeUndefined();
    expect(m.get('key', 61_000)).toBeUndefined();
    expect(m.get('never', 0)).toBeUndefined();
  });

  it('when full, drops the entry set longest ago; setting a key again makes it the newest', () => {
    const m = new ExpiringMap<number>(3);
    m.set('a', 1, 1_000, 0);
    m.set('b', 2, 1_000, 0);
    m.set('c', 3, 1_000, 0);
    m.set('a', 10, 1_000, 0); // a again: now b is the oldest
    m.set('d', 4, 1_000, 0);
    expect(m.size).toBe(3);
    expect(m.get('b', 0)).toBeUndefined();
    expect([m.get('a', 0), m.get('c', 0), m.get('d', 0)]).toEqual([10, 3, 4]);
  });

  it('forgets the entries that match, by key or by value, and one by its key', () => {
    const m = new ExpiringMap<{ programId: string } | null>(10);
    m.set('k1', { programId: 'p1' }, 1_000, 0);
    m.set('k2', { programId: 'p2' }, 1_000, 0);
    m.set('k3', null, 1_000, 0);
    m.forget((_, v) => v === null || v.programId === 'p1');
    expect([m.get('k1', 0), m.get('k2', 0), m.get('k3', 0)]).toEqual([undefined, { programId: 'p2' }, undefined]);
    m.delete('k2');
    expect(m.size).toBe(0);
  });
});
