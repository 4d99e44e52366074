// The receiving core answers at once when every step did (bytes in hand, node:crypto with the key imported, a
// synchronous store and handler): no promise, no timer, no tick. A store or handler that answers with a
// promise is waited for, and a store's promise is still bounded by storeTimeoutMs. Node only: WebCrypto
// always answers later.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { type IdempotencyStore, memoryStore, type WebhookHandlerOptions } from '../../src/index.js';
import { createReceiver, type IncomingDelivery, type ReceiverAnswer } from '../../src/receive/receive-delivery.js';
import { buildUserDeleteCompleted } from '../../src/testing/index.js';
import { NOW, SECRET, signed, withHandlers } from './status-table.js';

type Options = WebhookHandlerOptions<'user-delete-completed' | 'data-export-completed'>;

/** A signed delivery as bytes and a plain header record, as the Node shells hand it to the core. */
async function delivery(id: string): Promise<IncomingDelivery> {
  const request = await signed(buildUserDeleteCompleted({ id: `bundle-${id}` }), `msg_${id}`);
  return {
    method: 'POST',
    url: 'http://127.0.0.1/webhook',
    headers: Object.fromEntries(request.headers),
    body: new Uint8Array(await request.arrayBuffer()),
  };
}

function receiverWith(options: Partial<Options> = {}) {
  const runs: string[] = [];
  const receive = createReceiver({
    secret: SECRET,
    now: () => NOW,
    on: withHandlers({ 'user-delete-completed': (_, { delivery }) => void runs.push(delivery.id) }),
    idempotency: memoryStore({ now: () => NOW }),
    ...options,
  } as Options);
  return { receive, runs };
}

/** Warms the secret's key (imported once, asynchronously), so that what follows is the steady state. */
async function warm(receive: ReturnType<typeof createReceiver>) {
  expect((await receive(await delivery('warm'))).status).toBe(200);
}

afterEach(() => vi.restoreAllMocks());

describe('the receiving core', () => {
  it('answers a delivery synchronously when the store and the handler do, and sets no timer', async () => {
    const { receive, runs } = receiverWith();
    await warm(receive);
    const incoming = await delivery('now');
    const timers = vi.spyOn(globalThis, 'setTimeout');
    const answer = receive(incoming);
    // Not a promise: the answer itself, with the handler already run and the delivery recorded.
    expect(answer).not.toBeInstanceOf(Promise);
    expect((answer as ReceiverAnswer).status).toBe(200);
    expect(JSON.parse((answer as ReceiverAnswer).body).entry[0].resource.response).toEqual({
      identifier: 'bundle-now',
      code: 'ok',
    });
    expect(runs).toEqual(['msg_warm', 'msg_now']);
    expect(timers).not.toHaveBeenCalled();
    // The record was completed at once: the retry is a duplicate, answered synchronously too, and runs nothing.
    const retry = receive(incoming);
    expect(retry).not.toBeInstanceOf(Promise);
    expect((retry as ReceiverAnswer).status).toBe(200);
    expect(runs).toEqual(['msg_warm', 'msg_now']);
  });

  it('answers a refusal synchronously too', async () => {
    const { receive } = receiverWith();
    await warm(receive);
    const incoming = await delivery('bad');
    const tampered = {
      ...incoming,
      body: new Uint8Array([...(incoming.body as Uint8Array)].map((b, i) => (i ? b : 0x20))),
    };
    const answer = receive(tampered);
    expect(answer).not.toBeInstanceOf(Promise);
    expect((answer as ReceiverAnswer).status).toBe(401);
  });

  it('waits for a handler that returns a promise, and answers only once it settled', async () => {
    // The key cache is per secret: another receiver warms it for this one.
    await warm(receiverWith().receive);
    let finish = () => {};
    const { receive } = receiverWith({
      on: withHandlers({ 'user-delete-completed': () => new Promise<void>((resolve) => (finish = resolve)) }),
    });
    const answer = receive(await delivery('slow'));
    expect(answer).toBeInstanceOf(Promise);
    let settled = false;
    void (answer as Promise<ReceiverAnswer>).then(() => (settled = true));
    await new Promise((resolve) => setImmediate(resolve));
    expect(settled).toBe(false);
    finish();
    expect((await answer).status).toBe(200);
  });

  it('bounds a store that answers with a promise by storeTimeoutMs, with one timer per call', async () => {
    const inner = memoryStore({ now: () => NOW });
    const store: IdempotencyStore = {
      claim: async (id, ttl) => inner.claim(id, ttl),
      complete: async (id, ttl) => inner.complete(id, ttl),
      release: async (id) => inner.release(id),
    };
    const { receive } = receiverWith({ idempotency: store, storeTimeoutMs: 1234 });
    await warm(receive);
    const timers = vi.spyOn(globalThis, 'setTimeout');
    const answer = receive(await delivery('async'));
    expect(answer).toBeInstanceOf(Promise);
    expect((await answer).status).toBe(200);
    // claim() and complete(), each under its own deadline of storeTimeoutMs.
    expect(timers.mock.calls.map(([, ms]) => ms)).toEqual([1234, 1234]);
  });

  it('answers 503 store_timeout when a store promise outlives storeTimeoutMs', async () => {
    vi.useFakeTimers();
    try {
      const { receive, runs } = receiverWith({
        idempotency: { claim: () => new Promise(() => {}), complete: () => {}, release: () => {} },
        storeTimeoutMs: 500,
        onError: () => {},
      });
      const answer = receive(await delivery('stalled'));
      await vi.advanceTimersByTimeAsync(500);
      const settled = await answer;
      expect(settled.status).toBe(503);
      expect(settled.headers['retry-after']).toBe('5');
      expect(runs).toEqual([]);
    } finally {
      vi.useRealTimers();
    }
  });
});
