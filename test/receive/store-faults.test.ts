// Whatever the store, the clock or the body stream does, a delivery ends as a defined status that onError hears
// of: never a rejection, a hang or a silent 200.
import { describe, expect, it, vi } from 'vitest';
import {
  createWebhookHandler,
  githubSignatureScheme,
  type IdempotencyStore,
  memoryStore,
  WebhookError,
  type WebhookHandlerOptions,
} from '../../src/index.js';
import { buildUserDeleteCompleted, createSignedRequest } from '../../src/testing/index.js';
import { NOW, SECRET, signed } from './status-table.js';

const never = () => new Promise<never>(() => {});
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A handler whose handler calls and onError reports are recorded. */
// No handler is needed where only the options are under test.
const EVERY_EVENT = ['user-delete-completed', 'data-export-completed'] as const;

function receiver(options: Partial<WebhookHandlerOptions<'data-export-completed'>> = {}) {
  return receiverOf(options);
}

function receiverOf(options: Partial<WebhookHandlerOptions<'data-export-completed'>>) {
  const runs: string[] = [];
  const errors: { code: string; status: number; message: string }[] = [];
  const handle = createWebhookHandler({
    secret: SECRET,
    now: () => NOW,
    on: { 'user-delete-completed': (_, { delivery }) => void runs.push(delivery.id) },
    ignore: ['data-export-completed'],
    onError: (error: WebhookError, { status }) =>
      void errors.push({ code: error.code, status, message: error.message }),
    ...options,
  });
  return { handle, runs, errors };
}

const store = (overrides: Partial<IdempotencyStore>): IdempotencyStore => ({
  claim: () => 'claimed',
  complete: () => {},
  release: () => {},
  ...overrides,
});

describe('a store that answers something else than a ClaimResult', () => {
  it.each([
    ['undefined', undefined],
    ['null', null],
    ['true', true],
    ['"ok"', 'ok'],
    ['"CLAIMED"', 'CLAIMED'],
    ['an object', { result: 'claimed' }],
  ])(
    'is answered 500 processing_failed, runs nothing, tells onError and gives the claim back (%s)',
    async (_, answer) => {
      const release = vi.fn();
      const { handle, runs, errors } = receiver({
        idempotency: store({ claim: () => Promise.resolve(answer as never), release }),
      });
      const response = await handle(await signed(buildUserDeleteCompleted(), 'msg_odd'));
      expect(response.status).toBe(500);
      expect(runs).toEqual([]);
      expect(errors).toEqual([
        {
          code: 'processing_failed',
          status: 500,
          message: expect.stringMatching(/^the idempotency store failed: claim\(\) answered .*, expected 'claimed'/),
        },
      ]);
      expect(release).toHaveBeenCalledWith('msg_odd');
    },
  );
});

describe('a clock that fails', () => {
  it.each([
    [
      'throws',
      () => {
        throw new Error('clock broke');
      },
      /the clock failed: clock broke/,
    ],
    ['answers NaN', () => Number.NaN, /the clock failed: the clock answered number NaN/],
    ['answers Infinity', () => Number.POSITIVE_INFINITY, /answered number Infinity/],
    ['answers an Invalid Date', () => new Date(Number.NaN), /answered the string "Invalid Date"/],
    ['answers a string', () => '1700000000000' as never, /answered the string "1700000000000"/],
  ])('ends as 500 processing_failed when it %s, with an acknowledgement dated now', async (_, now, message) => {
    const { handle, runs, errors } = receiver({ now: now as () => number });
    const response = await handle(await signed(buildUserDeleteCompleted()));
    expect(response.status).toBe(500);
    const bundle = await response.json();
    expect(Math.abs(Date.parse(bundle.timestamp) - Date.now())).toBeLessThan(60_000);
    expect(runs).toEqual([]);
    expect(errors).toEqual([{ code: 'processing_failed', status: 500, message: expect.stringMatching(message) }]);
  });
});

describe('storeTimeoutMs', () => {
  it('answers a claim that never settles with 503 store_timeout and Retry-After, within the timeout', async () => {
    const { handle, runs, errors } = receiver({ idempotency: store({ claim: never }), storeTimeoutMs: 50 });
    const started = Date.now();
    const response = await handle(await signed(buildUserDeleteCompleted()));
    expect(Date.now() - started).toBeLessThan(2000);
    expect(response.status).toBe(503);
    expect(response.headers.get('retry-after')).toBe('5');
    expect(runs).toEqual([]);
    expect(errors).toEqual([
      { code: 'store_timeout', status: 503, message: "The idempotency store's claim() did not answer within 50 ms." },
    ]);
  });

  it('gives back a claim that succeeds after the timeout, so that the retry is not held in flight', async () => {
    const inner = memoryStore();
    const slow = store({
      claim: async (id, ttl) => {
        await sleep(80);
        return inner.claim(id, ttl);
      },
      release: (id) => inner.release(id),
    });
    const { handle, runs } = receiver({ idempotency: slow, storeTimeoutMs: 20 });
    expect((await handle(await signed(buildUserDeleteCompleted(), 'msg_late'))).status).toBe(503);
    await sleep(120);
    expect(inner.claim('msg_late', 1000)).toBe('claimed');
    expect(runs).toEqual([]);
  });

  it('answers 200 when complete() stalls after the handler ran, and tells onError', async () => {
    const { handle, runs, errors } = receiver({ idempotency: store({ complete: never }), storeTimeoutMs: 30 });
    expect((await handle(await signed(buildUserDeleteCompleted(), 'msg_done'))).status).toBe(200);
    expect(runs).toEqual(['msg_done']);
    expect(errors).toEqual([expect.objectContaining({ code: 'store_timeout', status: 503 })]);
  });

  it('answers 500 when the handler failed, and tells onError that release() stalled too', async () => {
    const { handle, errors } = receiver({
      idempotency: store({ release: never }),
      storeTimeoutMs: 30,
      on: { 'user-delete-completed': () => Promise.reject(new Error('handler down')) },
    });
    expect((await handle(await signed(buildUserDeleteCompleted()))).status).toBe(500);
    expect(errors.map((error) => error.code)).toEqual(['store_timeout', 'processing_failed']);
  });

  it('gives back no late answer but a claim', async () => {
    const release = vi.fn();
    const late = (answer: 'in-flight' | 'completed') => store({ claim: () => sleep(40).then(() => answer), release });
    for (const answer of ['in-flight', 'completed'] as const) {
      const { handle } = receiver({ idempotency: late(answer), storeTimeoutMs: 10 });
      expect((await handle(await signed(buildUserDeleteCompleted()))).status).toBe(503);
    }
    await sleep(80);
    expect(release).not.toHaveBeenCalled();
  });

  it('clears the deadline of a call that answered in time, so that a claim in use is never given back', async () => {
    const release = vi.fn();
    const complete = vi.fn();
    const { handle, runs } = receiver({
      idempotency: store({ claim: async () => 'claimed' as const, release, complete }),
      storeTimeoutMs: 20,
      on: { 'user-delete-completed': (_, { delivery }) => sleep(60).then(() => void runs.push(delivery.id)) },
    });
    expect((await handle(await signed(buildUserDeleteCompleted(), 'msg_slow'))).status).toBe(200);
    await sleep(40);
    expect(runs).toEqual(['msg_slow']);
    expect(release).not.toHaveBeenCalled();
    expect(complete).toHaveBeenCalledOnce();
  });

  it.each([
    ['a WebhookError of another code', new WebhookError('delivery_in_flight', 'not for a store to say')],
    ['a plain error that looks like store_full', Object.assign(new Error('full?'), { code: 'store_full' })],
  ])('reports %s thrown by a store as processing_failed', async (_, thrown) => {
    const { handle, errors } = receiver({ idempotency: store({ claim: () => Promise.reject(thrown) }) });
    expect((await handle(await signed(buildUserDeleteCompleted()))).status).toBe(500);
    expect(errors.map((error) => error.code)).toEqual(['processing_failed']);
  });

  it('lets a synchronous store answer without a timer, and a deadline past 2^31 - 1 ms mean none', async () => {
    const setTimer = vi.spyOn(globalThis, 'setTimeout');
    // The body's own deadline is switched off, so that every timer counted here is the store's.
    const receiver = (options: Partial<WebhookHandlerOptions<'data-export-completed'>>) =>
      receiverOf({ bodyTimeoutMs: Number.POSITIVE_INFINITY, ...options });
    const longest = receiver({
      idempotency: store({ claim: async () => 'claimed' as const }),
      storeTimeoutMs: 2 ** 31 - 1,
    });
    expect((await longest.handle(await signed(buildUserDeleteCompleted()))).status).toBe(200);
    expect(setTimer).toHaveBeenCalledWith(expect.any(Function), 2 ** 31 - 1);
    setTimer.mockClear();
    const sync = receiver({ storeTimeoutMs: 10 });
    expect((await sync.handle(await signed(buildUserDeleteCompleted()))).status).toBe(200);
    const patient = receiver({
      idempotency: store({ claim: async () => 'claimed' as const }),
      storeTimeoutMs: 2 ** 31,
    });
    expect((await patient.handle(await signed(buildUserDeleteCompleted()))).status).toBe(200);
    expect(setTimer).not.toHaveBeenCalled();
    setTimer.mockRestore();
  });

  it.each([0, -1, Number.NaN, '100'])('refuses storeTimeoutMs %j with a TypeError at creation', (value) => {
    expect(() =>
      createWebhookHandler({ secret: SECRET, on: {}, ignore: EVERY_EVENT, storeTimeoutMs: value as number }),
    ).toThrow(TypeError);
  });
});

describe('a store that is full', () => {
  it('answers 503 store_full with Retry-After when the memory store holds only live records', async () => {
    const { handle, runs, errors } = receiver({ idempotency: memoryStore({ maxEntries: 2 }) });
    for (const id of ['msg_1', 'msg_2'])
      expect((await handle(await signed(buildUserDeleteCompleted(), id))).status).toBe(200);
    const response = await handle(await signed(buildUserDeleteCompleted(), 'msg_3'));
    expect(response.status).toBe(503);
    expect(response.headers.get('retry-after')).toBe('30');
    expect(runs).toEqual(['msg_1', 'msg_2']);
    expect(errors).toEqual([expect.objectContaining({ code: 'store_full', status: 503 })]);
    // The records held are still honoured: a replay of the first runs nothing.
    expect((await handle(await signed(buildUserDeleteCompleted(), 'msg_1'))).status).toBe(200);
    expect(runs).toEqual(['msg_1', 'msg_2']);
  });

  it('keeps every record through 10,000 newer deliveries, so that a replay in the window runs nothing', async () => {
    const idempotency = memoryStore();
    const { handle, runs } = receiver({ idempotency });
    expect((await handle(await signed(buildUserDeleteCompleted(), 'msg_first'))).status).toBe(200);
    const refused: string[] = [];
    for (let i = 0; i < 10_000; i++) {
      try {
        idempotency.claim(`filler_${i}`, 1000);
      } catch (error) {
        refused.push((error as WebhookError).code);
      }
    }
    expect(refused).toEqual(['store_full']);
    const replay = await handle(await signed(buildUserDeleteCompleted(), 'msg_first'));
    expect(replay.status).toBe(200);
    expect(runs).toEqual(['msg_first']);
  });
});

describe('record lifetimes', () => {
  it('cover the whole verify window, the floored second included', async () => {
    // One clock for the handler and the store; the store's own ttlMs (1 ms) leaves the lifetime to the handler.
    const time = { now: 0 };
    const idempotency = memoryStore({ ttlMs: 1, now: () => time.now });
    const { handle, runs } = receiver({ idempotency, now: () => time.now, toleranceSeconds: 300 });
    const timestamp = 1_700_000_000;
    const delivery = () =>
      createSignedRequest({ payload: buildUserDeleteCompleted(), secret: SECRET, id: 'msg_window', timestamp });
    // First seen as early as it verifies (300 s ahead), replayed as late as it verifies (300.999 s behind).
    time.now = (timestamp - 300) * 1000;
    expect((await handle(await delivery())).status).toBe(200);
    time.now = (timestamp + 300) * 1000 + 999;
    expect((await handle(await delivery())).status).toBe(200);
    expect(runs).toEqual(['msg_window']);
    time.now = (timestamp + 301) * 1000;
    expect((await handle(await delivery())).status).toBe(401);
  });

  it('are asked of the store as (past + future + 1) seconds', async () => {
    const claim = vi.fn(() => 'claimed' as const);
    const complete = vi.fn();
    const { handle } = receiver({
      idempotency: store({ claim, complete }),
      toleranceSeconds: { past: 600, future: 30 },
    });
    await handle(await signed(buildUserDeleteCompleted(), 'msg_ttl'));
    expect(claim).toHaveBeenCalledWith('msg_ttl', 631_000);
    expect(complete).toHaveBeenCalledWith('msg_ttl', 631_000);
  });

  it('refuses an Infinity tolerance at creation, and works with a huge finite one (replay protection off)', async () => {
    expect(() =>
      createWebhookHandler({ secret: SECRET, on: {}, ignore: EVERY_EVENT, toleranceSeconds: Number.POSITIVE_INFINITY }),
    ).toThrow(TypeError);
    const { handle, runs } = receiver({ toleranceSeconds: 1e12, now: () => NOW + 1e9 * 1000 });
    expect((await handle(await signed(buildUserDeleteCompleted(), 'msg_old'))).status).toBe(200);
    expect((await handle(await signed(buildUserDeleteCompleted(), 'msg_old'))).status).toBe(200);
    expect(runs).toEqual(['msg_old']);
  });
});

describe('a scheme that signs no delivery id', () => {
  const scheme = githubSignatureScheme();
  const secret = "It's a Secret to Everybody";
  async function github(body: string, id: string, signature?: string) {
    const key = await crypto.subtle.importKey(
      'raw',
      new TextEncoder().encode(secret),
      { name: 'HMAC', hash: 'SHA-256' },
      false,
      ['sign'],
    );
    const mac = new Uint8Array(await crypto.subtle.sign('HMAC', key, new TextEncoder().encode(body)));
    const hex = [...mac].map((byte) => byte.toString(16).padStart(2, '0')).join('');
    return new Request('http://localhost/webhook', {
      method: 'POST',
      body,
      headers: { 'x-github-delivery': id, 'x-hub-signature-256': signature ?? `sha256=${hex}` },
    });
  }

  it('keys idempotency on the signed body: a captured delivery replayed under a new id runs nothing', async () => {
    const { handle, runs } = receiver({ scheme, secret });
    const body = JSON.stringify(buildUserDeleteCompleted());
    expect((await handle(await github(body, 'delivery-1'))).status).toBe(200);
    expect((await handle(await github(body, 'delivery-2-forged'))).status).toBe(200);
    expect((await handle(await github(body, 'delivery-1'))).status).toBe(200);
    expect(runs).toEqual(['delivery-1']);
    // Another event (another body) is another delivery.
    const other = JSON.stringify(buildUserDeleteCompleted({ personId: 'someone-else' } as never));
    expect((await handle(await github(other === body ? `${body} ` : other, 'delivery-3'))).status).toBe(200);
    expect(runs).toEqual(['delivery-1', 'delivery-3']);
  });

  it('asks the store for the body’s SHA-256, not the unsigned id', async () => {
    const claim = vi.fn(() => 'claimed' as const);
    const { handle } = receiver({ scheme, secret, idempotency: store({ claim }) });
    const body = JSON.stringify(buildUserDeleteCompleted());
    expect((await handle(await github(body, 'delivery-1'))).status).toBe(200);
    const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(body)));
    const hex = [...digest].map((byte) => byte.toString(16).padStart(2, '0')).join('');
    expect(claim).toHaveBeenCalledWith(`sha256:${hex}`, expect.any(Number));
  });
});

describe('the body the receiver verifies', () => {
  it('is the body it parses, even when the stream’s chunk changes after it was read', async () => {
    const { handle, runs } = receiver({
      on: { 'user-delete-completed': (event) => void runs.push(event.person.id) },
    });
    const request = await signed(buildUserDeleteCompleted(), 'msg_bytes');
    const signedBody = new Uint8Array(await request.arrayBuffer());
    const chunk = signedBody.slice();
    const personId = JSON.parse(new TextDecoder().decode(signedBody)).entry[1].resource.id as string;
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(chunk);
        controller.close();
      },
    });
    const pending = handle(
      new Request(request.url, { method: 'POST', headers: request.headers, body, duplex: 'half' } as RequestInit),
    );
    // Once the handler has read the chunk, the chunk is rewritten: another person, the same length.
    await sleep(0);
    chunk.set(
      new TextEncoder().encode(new TextDecoder().decode(signedBody).replaceAll(personId, personId.replace(/./g, 'x'))),
    );
    expect((await pending).status).toBe(200);
    expect(runs).toEqual([personId]);
  });
});
