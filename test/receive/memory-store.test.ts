import { describe, expect, it } from 'vitest';
import { memoryStore } from '../../src/index.js';

function clock(start = 0) {
  const time = { now: start };
  return { time, now: () => time.now };
}

describe('memoryStore', () => {
  it('claims an id once, reports it in flight until completed, then completed', async () => {
    const store = memoryStore();
    expect(await store.claim('a', 1000)).toBe('claimed');
    expect(await store.claim('a', 1000)).toBe('in-flight');
    await store.complete('a', 1000);
    expect(await store.claim('a', 1000)).toBe('completed');
  });

  it('lets a released claim be claimed again, and keeps a completed one on release', async () => {
    const store = memoryStore();
    store.claim('a', 1000);
    store.release('a');
    expect(store.claim('a', 1000)).toBe('claimed');
    store.complete('a', 1000);
    store.release('a');
    expect(store.claim('a', 1000)).toBe('completed');
  });

  it('forgets a record after the longer of its own ttlMs and the ttl asked for', () => {
    const { time, now } = clock();
    const store = memoryStore({ ttlMs: 5000, now });
    store.claim('short', 1000);
    store.complete('short', 1000);
    store.claim('long', 1000);
    store.complete('long', 9000);
    time.now = 4999;
    expect([store.claim('short', 1000), store.claim('long', 1000)]).toEqual(['completed', 'completed']);
    time.now = 5000;
    expect(store.claim('short', 1000)).toBe('claimed');
    time.now = 8999;
    expect(store.claim('long', 1000)).toBe('completed');
    time.now = 9000;
    expect(store.claim('long', 1000)).toBe('claimed');
  });

  it('gives up an unfinished claim after its ttl, so a crashed delivery runs on retry', () => {
    const { time, now } = clock();
    const store = memoryStore({ ttlMs: 1000, now });
    store.claim('a', 1000);
    time.now = 1000;
    expect(store.claim('a', 1000)).toBe('claimed');
  });

  it('holds at most maxEntries records, dropping the oldest first', () => {
    const store = memoryStore({ maxEntries: 2 });
    for (const id of ['a', 'b', 'c']) {
      store.claim(id, 1000);
      store.complete(id, 1000);
    }
    expect(store.claim('b', 1000)).toBe('completed');
    expect(store.claim('c', 1000)).toBe('completed');
    expect(store.claim('a', 1000)).toBe('claimed');
  });

  it('counts a completed record as new, so a recent completion outlives older claims', () => {
    const store = memoryStore({ maxEntries: 2 });
    store.claim('a', 1000);
    store.claim('b', 1000);
    store.complete('a', 1000);
    store.claim('c', 1000);
    expect(store.claim('a', 1000)).toBe('completed');
    expect(store.claim('b', 1000)).toBe('claimed');
  });

  it('refuses a maxEntries that is not a positive integer', () => {
    expect(() => memoryStore({ maxEntries: 0 })).toThrow(TypeError);
    expect(() => memoryStore({ maxEntries: 1.5 })).toThrow(TypeError);
  });
});
