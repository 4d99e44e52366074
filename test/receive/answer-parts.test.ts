// The parts of the answer that are remembered from one delivery to the next: the text around the endpoints,
// the timestamp's seconds, and the memory store's records kept as numbers. Each must give exactly what the
// plain computation gives, whatever came before it.
import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { createAcknowledgement, memoryStore } from '../../src/index.js';
import { okAcknowledgementWriter } from '../../src/receive/acknowledgement-text.js';
import { isoClock } from '../../src/receive/build-answer.js';

describe('the ok acknowledgement writer', () => {
  // One writer for every run: what it remembers of the last endpoints must never leak into the next answer.
  const write = okAcknowledgementWriter();
  const endpoints = fc.constantFrom('https://a.example/webhook', 'https://b.example/', 'urn:x:"quoted"');
  test.prop([
    fc.string(),
    endpoints,
    fc.option(endpoints, { nil: undefined }),
    fc.uuid(),
    fc.date({ noInvalidDate: true }),
  ])(
    'writes JSON.stringify(createAcknowledgement(...)) whatever the endpoints of the answer before',
    (identifier, source, destination, id, timestamp) => {
      const text = write(identifier, source, destination, timestamp.toISOString(), id);
      expect(text).toBe(JSON.stringify(createAcknowledgement({ identifier, source, destination, id, timestamp })));
    },
  );

  it('gives each answer a random UUID of its own by default, written as createAcknowledgement would', () => {
    const timestamp = new Date(1_700_000_000_000);
    const texts = [1, 2].map(() => write('bundle-1', 'https://a.example/', undefined, timestamp.toISOString()));
    const [first, second] = texts.map((text) => JSON.parse(text));
    expect(first.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(second.id).not.toBe(first.id);
    expect(texts[0]).toBe(
      JSON.stringify(
        createAcknowledgement({ identifier: 'bundle-1', source: 'https://a.example/', id: first.id, timestamp }),
      ),
    );
  });
});

describe('the answer clock', () => {
  const clock = isoClock();
  test.prop([
    fc.oneof(fc.integer({ min: -8.64e15, max: 8.64e15 }), fc.double({ min: -8.64e15, max: 8.64e15, noNaN: true })),
  ])('writes new Date(now).toISOString(), whatever time it wrote before', (now) => {
    expect(clock(now)).toBe(new Date(now).toISOString());
  });

  it('writes the milliseconds of each answer within one second', () => {
    const second = 1_700_000_000_000;
    for (const ms of [0, 7, 42, 999, 500, 1]) expect(clock(second + ms)).toBe(new Date(second + ms).toISOString());
    expect(clock(second + 1000)).toBe('2023-11-14T22:13:21.000Z');
  });

  it('refuses a time no Date can hold, as toISOString does', () => {
    expect(() => clock(8.64e15 + 1)).toThrow(RangeError);
  });
});

describe('the memory store with a clock at or before 1970', () => {
  it.each([0, -5_000, -1e12])('claims, reports in flight, completes and releases at %d ms', (time) => {
    const store = memoryStore({ now: () => time, ttlMs: 1000 });
    expect(store.claim('a', 0)).toBe('claimed');
    expect(store.claim('a', 0)).toBe('in-flight');
    store.release('a');
    expect(store.claim('a', 0)).toBe('claimed');
    store.complete('a', 0);
    expect(store.claim('a', 0)).toBe('completed');
    store.release('a');
    expect(store.claim('a', 0)).toBe('completed');
  });
});
