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

  it('never drops a record inside its lifetime: full of live records, a new claim is store_full', () => {
    const { time, now } = clock();
    const store = memoryStore({ maxEntries: 2, ttlMs: 1000, now });
    store.claim('a', 1000);
    store.complete('a', 1000);
    store.claim('b', 1000);
    time.now = 999;
    expect(() => store.claim('c', 1000)).toThrow(
      expect.objectContaining({
        code: 'store_full',
        message: 'The memory store holds 2 deliveries still inside their lifetime; retry later.',
      }),
    );
    // The records it holds still answer, and a known id is no new record.
    expect([store.claim('a', 1000), store.claim('b', 1000)]).toEqual(['completed', 'in-flight']);
  });

  it('makes room from expired records only, wherever they stand', () => {
    const { time, now } = clock();
    const store = memoryStore({ maxEntries: 3, ttlMs: 1, now });
    store.claim('long', 5000);
    store.claim('short', 1000);
    store.claim('mid', 3000);
    time.now = 1000;
    expect(store.claim('new', 1000)).toBe('claimed');
    expect(() => store.claim('newer', 1000)).toThrow(expect.objectContaining({ code: 'store_full' }));
    time.now = 3000;
    expect(store.claim('newer', 1000)).toBe('claimed');
    expect([store.claim('long', 1), store.claim('newer', 1), store.claim('mid', 1)]).toEqual([
      'in-flight',
      'in-flight',
      'claimed',
    ]);
  });

  it('finds room again once the earliest record expires, after a sweep that found none', () => {
    const { time, now } = clock();
    const store = memoryStore({ maxEntries: 2, ttlMs: 1, now });
    store.claim('a', 2000);
    store.claim('b', 1000);
    time.now = 500;
    expect(() => store.claim('c', 1000)).toThrow(expect.objectContaining({ code: 'store_full' }));
    store.complete('b', 5000);
    time.now = 1000;
    expect(() => store.claim('c', 1000)).toThrow(expect.objectContaining({ code: 'store_full' }));
    time.now = 2000;
    expect(store.claim('c', 1000)).toBe('claimed');
  });

  it('ignores the release of an id it never saw', () => {
    const store = memoryStore();
    expect(() => store.release('unknown')).not.toThrow();
    expect(store.claim('unknown', 1000)).toBe('claimed');
  });

  it('frees the room of a released claim at once', () => {
    const store = memoryStore({ maxEntries: 1 });
    store.claim('a', 1000);
    store.release('a');
    expect(store.claim('b', 1000)).toBe('claimed');
  });

  it('keeps a record for the store’s own ttlMs when asked for a lifetime that is not a number', () => {
    const { time, now } = clock();
    const store = memoryStore({ ttlMs: 1000, now });
    store.claim('a', Number.NaN);
    store.complete('a', Number.NaN);
    time.now = 999;
    expect(store.claim('a', 1)).toBe('completed');
    time.now = 1000;
    expect(store.claim('a', 1)).toBe('claimed');
  });

  it('refuses a maxEntries that is not a positive integer', () => {
    expect(() => memoryStore({ maxEntries: 0 })).toThrow(
      new TypeError('bwell-webhooks: memoryStore maxEntries must be a positive integer, found 0'),
    );
    expect(() => memoryStore({ maxEntries: 1.5 })).toThrow(TypeError);
  });
});
