// Exactly once under faults, through real HTTP servers: a sender delivers a few hundred events, each until it is
// acknowledged, a third of them to both instances at once; some handlers fail their first attempt; Redis is
// paused mid-run, and later restarted with its data. Every handler must succeed exactly once, and no delivery
// may be acknowledged before its handler succeeded.

import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createWebhookHandler, type IdempotencyStore, memoryStore, signPayload } from '../../src/index.js';
import { toNodeListener } from '../../src/node/index.js';
import { redisStore } from '../../src/redis/index.js';
import { buildUserDeleteCompleted } from '../../src/testing/index.js';
import { closeServer } from '../node/serve.js';
import { type RedisProcess, startRedis } from './redis-process.js';

const SECRET = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** What happened to each delivery, by id, as the handlers and the sender saw it. */
class Ledger {
  readonly attempts = new Map<string, number>();
  readonly successes = new Map<string, number>();
  readonly problems: string[] = [];
  readonly statuses = new Map<number, number>();

  /** The handler: fails the first attempt of the deliveries in `flaky`, records every success. */
  handler(flaky: Set<string>) {
    return async (id: string) => {
      const attempt = (this.attempts.get(id) ?? 0) + 1;
      this.attempts.set(id, attempt);
      await sleep(attempt % 3); // some handlers take a moment, so that duplicates overlap them
      if (flaky.has(id) && attempt === 1) throw new Error(`first attempt of ${id} fails`);
      this.successes.set(id, (this.successes.get(id) ?? 0) + 1);
    };
  }

  answered(id: string, status: number) {
    this.statuses.set(status, (this.statuses.get(status) ?? 0) + 1);
    if (status === 200 && this.successes.get(id) !== 1) {
      this.problems.push(`${id} acknowledged with ${this.successes.get(id) ?? 0} successes`);
    }
  }
}

interface Instance {
  readonly url: string;
  readonly server: Server;
}

async function serve(idempotency: IdempotencyStore, ledger: Ledger, flaky: Set<string>): Promise<Instance> {
  const run = ledger.handler(flaky);
  const listener = toNodeListener(
    createWebhookHandler({
      secret: SECRET,
      idempotency,
      storeTimeoutMs: 300,
      on: { 'user-delete-completed': (_, { delivery }) => run(delivery.id) },
      ignore: ['data-export-completed'],
      onError: () => {}, // every refusal is expected here: the sender retries it
    }),
  );
  const server = createServer(listener);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/webhook`, server };
}

/**
 * Sends delivery `id` until one attempt is answered 200: each attempt signed anew (a sender signs every attempt
 * with its own timestamp), to every instance in `targets` at once, with a short pause between attempts.
 */
async function deliver(id: string, targets: readonly string[], ledger: Ledger, deadline: number): Promise<number> {
  const body = JSON.stringify(buildUserDeleteCompleted());
  for (let attempt = 1; Date.now() < deadline; attempt++) {
    const headers = await signPayload({ payload: body, secret: SECRET, id });
    const answers = await Promise.all(
      targets.map((url) =>
        fetch(url, { method: 'POST', body, headers, signal: AbortSignal.timeout(5000) }).then(
          async (response) => {
            await response.arrayBuffer();
            ledger.answered(id, response.status);
            return response.status;
          },
          () => 0,
        ),
      ),
    );
    if (answers.includes(200)) return attempt;
    await sleep(10 + Math.min(attempt, 10) * 10);
  }
  ledger.problems.push(`${id} never acknowledged`);
  return 0;
}

/** Delivers `count` events through `instances`, with `concurrency` senders; `during` runs alongside. */
async function run(
  count: number,
  instances: Instance[],
  ledger: Ledger,
  during: (acked: () => number) => Promise<void>,
) {
  const ids = Array.from({ length: count }, (_, i) => `msg_fault_${i}`);
  const deadline = Date.now() + 25_000;
  let next = 0;
  let acked = 0;
  const sender = async () => {
    while (next < ids.length) {
      const i = next++;
      const id = ids[i] as string;
      // A third to every instance at once; the others to one, in turn.
      const targets =
        i % 3 === 0 ? instances.map((each) => each.url) : [(instances[i % instances.length] as Instance).url];
      await deliver(id, targets, ledger, deadline);
      acked++;
    }
  };
  await Promise.all([...Array.from({ length: 16 }, sender), during(() => acked)]);
  return ids;
}

async function until(condition: () => boolean) {
  while (!condition()) await sleep(5);
}

describe('exactly once under faults, on Redis shared by two instances', () => {
  let redis: RedisProcess;
  const clients: Redis[] = [];

  beforeAll(async () => {
    redis = await startRedis();
  }, 15_000);
  afterAll(async () => {
    for (const client of clients) client.disconnect();
    await redis?.stop();
  });

  it('runs every handler once, acknowledging none before it succeeded, through a pause and a restart', async () => {
    const ledger = new Ledger();
    const count = 300;
    const flaky = new Set(Array.from({ length: count }, (_, i) => `msg_fault_${i}`).filter((_, i) => i % 7 === 3));
    const connect = () => {
      const client = new Redis(redis.url, { maxRetriesPerRequest: null, retryStrategy: () => 50 });
      client.on('error', () => {}); // the restart drops the connection; ioredis reconnects and resends
      clients.push(client);
      return client;
    };
    // Records outlive the run, so that the replays at the end find them all.
    const instances = [
      await serve(redisStore(connect(), { prefix: 'faults:', ttlMs: 120_000 }), ledger, flaky),
      await serve(redisStore(connect(), { prefix: 'faults:', ttlMs: 120_000 }), ledger, flaky),
    ];
    const faults: string[] = [];
    const ids = await run(count, instances, ledger, async (acked) => {
      await until(() => acked() >= count / 3);
      redis.pause();
      faults.push(`paused at ${acked()}`);
      await sleep(1000);
      redis.resume();
      await until(() => acked() >= (2 * count) / 3);
      faults.push(`restarting at ${acked()}`);
      await redis.restart();
    });
    expect(faults).toHaveLength(2);

    // After the restart, every delivery replayed to both instances runs nothing: the records survived.
    const replayStatuses: number[] = [];
    for (const id of ids) {
      const body = JSON.stringify(buildUserDeleteCompleted());
      const headers = await signPayload({ payload: body, secret: SECRET, id });
      for (const { url } of instances) {
        replayStatuses.push((await fetch(url, { method: 'POST', body, headers })).status);
      }
    }
    for (const instance of instances) await closeServer(instance.server);

    expect(ledger.problems).toEqual([]);
    expect(ids.filter((id) => ledger.successes.get(id) !== 1)).toEqual([]);
    expect([...ledger.attempts.values()].reduce((a, b) => a + b, 0)).toBeGreaterThanOrEqual(count + flaky.size);
    // The faults were felt: some attempts were answered 503 (Redis stalled) or 409 (a duplicate in flight).
    expect((ledger.statuses.get(503) ?? 0) + (ledger.statuses.get(409) ?? 0)).toBeGreaterThan(0);
    expect(new Set(replayStatuses)).toEqual(new Set([200]));
    expect(ids.filter((id) => ledger.successes.get(id) !== 1)).toEqual([]);
  }, 60_000);
});

describe('Redis at its maxmemory', () => {
  let redis: RedisProcess;
  let client: Redis;
  beforeAll(async () => {
    redis = await startRedis();
    client = new Redis(redis.url);
  }, 15_000);
  afterAll(async () => {
    client?.disconnect();
    await redis?.stop();
  });

  it('answers 503 store_full with Retry-After when Redis refuses new records, and runs nothing', async () => {
    await client.config('SET', 'maxmemory-policy', 'noeviction');
    await client.config('SET', 'maxmemory', '1');
    const ledger = new Ledger();
    const errors: { code: string; message: string; cause: unknown }[] = [];
    const handler = createWebhookHandler({
      secret: SECRET,
      idempotency: redisStore(client),
      on: { 'user-delete-completed': () => void ledger.successes.set('ran', 1) },
      ignore: ['data-export-completed'],
      onError: (error) => void errors.push({ code: error.code, message: error.message, cause: error.cause }),
    });
    const body = JSON.stringify(buildUserDeleteCompleted());
    const headers = await signPayload({ payload: body, secret: SECRET, id: 'msg_oom' });
    const response = await handler(new Request('http://localhost/webhook', { method: 'POST', body, headers }));
    expect(response.status).toBe(503);
    expect(response.headers.get('retry-after')).toBe('30');
    expect(ledger.successes.size).toBe(0);
    expect(errors).toEqual([
      {
        code: 'store_full',
        message: 'Redis is at its maxmemory and refuses new records; retry later.',
        cause: expect.objectContaining({ message: expect.stringMatching(/^OOM /) }),
      },
    ]);
    // Any other failure of Redis stays a 500.
    await client.config('SET', 'maxmemory', '0');
    const broken = createWebhookHandler({
      secret: SECRET,
      idempotency: redisStore({ eval: () => Promise.reject(new Error('ERR unknown command')) }),
      on: {},
      ignore: ['user-delete-completed', 'data-export-completed'],
    });
    const again = await signPayload({ payload: body, secret: SECRET, id: 'msg_err' });
    expect(
      (await broken(new Request('http://localhost/webhook', { method: 'POST', body, headers: again }))).status,
    ).toBe(500);
    expect(
      (
        await createWebhookHandler({
          secret: SECRET,
          idempotency: redisStore({ eval: () => Promise.reject('OOM but not an Error') }),
          on: {},
          ignore: ['user-delete-completed', 'data-export-completed'],
        })(new Request('http://localhost/webhook', { method: 'POST', body, headers: again }))
      ).status,
    ).toBe(500);
  });
});

describe('exactly once on the memory store of one instance', () => {
  it('runs every handler once, acknowledging none before it succeeded, with duplicates and failures', async () => {
    const ledger = new Ledger();
    const count = 300;
    const flaky = new Set(Array.from({ length: count }, (_, i) => `msg_fault_${i}`).filter((_, i) => i % 5 === 1));
    const instance = await serve(memoryStore(), ledger, flaky);
    // Every third delivery goes twice at once to the one instance.
    const ids = await run(count, [instance, instance], ledger, async () => {});
    for (const id of ids.slice(0, 50)) {
      const body = JSON.stringify(buildUserDeleteCompleted());
      const headers = await signPayload({ payload: body, secret: SECRET, id });
      expect((await fetch(instance.url, { method: 'POST', body, headers })).status).toBe(200);
    }
    await closeServer(instance.server);
    expect(ledger.problems).toEqual([]);
    expect(ids.filter((id) => ledger.successes.get(id) !== 1)).toEqual([]);
    expect(ledger.statuses.get(409) ?? 0).toBeGreaterThan(0);
    expect(ledger.statuses.get(500) ?? 0).toBeGreaterThanOrEqual(flaky.size);
  }, 60_000);
});
