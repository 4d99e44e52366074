import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { createClient } from 'redis';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createWebhookHandler, type IdempotencyStore } from '../../src/index.js';
import { type IoRedisClientLike, type NodeRedisClientLike, redisStore } from '../../src/redis/index.js';
import { buildUserDeleteCompleted } from '../../src/testing/index.js';
import { NOW, SECRET, signed } from '../receive/status-table.js';

type Client = NodeRedisClientLike | IoRedisClientLike;

const clients: Record<string, () => Promise<{ client: Client; quit: () => Promise<unknown> }>> = {
  'redis (node-redis)': async () => {
    const client = await createClient({ url: inject('redisUrl') as string }).connect();
    return { client, quit: () => client.quit() };
  },
  ioredis: async () => {
    const client = new Redis(inject('redisUrl') as string, { lazyConnect: true, maxRetriesPerRequest: 1 });
    await client.connect();
    return { client, quit: () => client.quit() };
  },
};

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe.each(Object.keys(clients))('redisStore with %s', (kind) => {
  const open: (() => Promise<unknown>)[] = [];
  const connect = async () => {
    const { client, quit } = await (clients[kind] as (typeof clients)[string])();
    open.push(quit);
    return client;
  };
  let client: Client;
  // A prefix per test: tests never see each other's keys, nor those of an earlier run.
  const prefix = () => `bwell-webhooks-test:${randomUUID()}:`;

  beforeAll(async () => {
    const problem = inject('redisProblem');
    if (problem !== undefined) throw new Error(`No Redis for these tests: ${problem}`);
    client = await connect();
  });
  afterAll(async () => {
    for (const quit of open) await quit();
  });

  it('claims an id once, reports it in flight, then completed', async () => {
    const store = redisStore(client, { prefix: prefix() });
    expect(await store.claim('a', 60_000)).toBe('claimed');
    expect(await store.claim('a', 60_000)).toBe('in-flight');
    await store.complete('a', 60_000);
    expect(await store.claim('a', 60_000)).toBe('completed');
  });

  it('lets a released claim be claimed again, by any instance', async () => {
    const keys = prefix();
    const [first, second] = [redisStore(client, { prefix: keys }), redisStore(await connect(), { prefix: keys })];
    expect(await first.claim('a', 60_000)).toBe('claimed');
    await first.release('a');
    expect(await second.claim('a', 60_000)).toBe('claimed');
  });

  it("never releases or completes another instance's claim", async () => {
    const keys = prefix();
    const [first, second] = [redisStore(client, { prefix: keys }), redisStore(client, { prefix: keys })];
    expect(await first.claim('a', 60_000)).toBe('claimed');
    await second.release('a');
    await second.complete('a', 60_000);
    expect(await second.claim('a', 60_000)).toBe('in-flight');
  });

  it('does not let a claim that expired and was claimed again elsewhere be completed or released', async () => {
    const keys = prefix();
    const [slow, fast] = [redisStore(client, { prefix: keys, ttlMs: 1 }), redisStore(client, { prefix: keys })];
    expect(await slow.claim('a', 40)).toBe('claimed');
    await sleep(60);
    expect(await fast.claim('a', 60_000)).toBe('claimed');
    await slow.complete('a', 60_000);
    await slow.release('a');
    expect(await fast.claim('a', 60_000)).toBe('in-flight');
  });

  it('forgets an unfinished claim after its ttl, and a completed one after its own', async () => {
    const store = redisStore(client, { prefix: prefix(), ttlMs: 1 });
    expect(await store.claim('crashed', 40)).toBe('claimed');
    expect(await store.claim('done', 60_000)).toBe('claimed');
    await store.complete('done', 40);
    await sleep(60);
    expect(await store.claim('crashed', 60_000)).toBe('claimed');
    expect(await store.claim('done', 60_000)).toBe('claimed');
  });

  it('keeps a record for the longer of its own ttlMs and the ttl asked for', async () => {
    const store = redisStore(client, { prefix: prefix(), ttlMs: 60_000 });
    expect(await store.claim('a', 1)).toBe('claimed');
    await sleep(20);
    expect(await store.claim('a', 1)).toBe('in-flight');
  });

  it('clamps a lifetime to what Redis accepts, and reads one that is not a number as its own ttlMs', async () => {
    const store = redisStore(client, { prefix: prefix(), ttlMs: 60_000 });
    for (const asked of [1e300, Number.POSITIVE_INFINITY, 2 ** 63, Number.NaN, -5]) {
      expect(await store.claim(`ttl-${asked}`, asked)).toBe('claimed');
      await store.complete(`ttl-${asked}`, asked);
      expect(await store.claim(`ttl-${asked}`, 1)).toBe('completed');
    }
  });

  it('receives with a huge tolerance, the documented way to switch replay protection off', async () => {
    let runs = 0;
    const handler = createWebhookHandler({
      secret: SECRET,
      now: () => NOW,
      toleranceSeconds: 1e18,
      idempotency: redisStore(client, { prefix: prefix() }),
      on: { 'user-delete-completed': () => void runs++ },
      ignore: ['data-export-completed'],
    });
    const payload = buildUserDeleteCompleted();
    expect((await handler(await signed(payload, 'msg_forever'))).status).toBe(200);
    expect((await handler(await signed(payload, 'msg_forever'))).status).toBe(200);
    expect(runs).toBe(1);
  });

  it('keeps a claim its own when the client sends it twice (a resend after a reconnect)', async () => {
    // Every script runs twice, as a client that resends an unanswered command after reconnecting would run it.
    const twice = {
      ...('isOpen' in client ? { isOpen: client.isOpen } : {}),
      eval: (...args: unknown[]) =>
        (client.eval as (...a: unknown[]) => Promise<unknown>)(...args).then(() =>
          (client.eval as (...a: unknown[]) => Promise<unknown>)(...args),
        ),
    } as Client;
    const store = redisStore(twice, { prefix: prefix() });
    expect(await store.claim('a', 60_000)).toBe('claimed');
    await store.complete('a', 60_000);
    expect(await store.claim('a', 60_000)).toBe('completed');
  });

  it('refuses a ttlMs that is not a positive number with a TypeError', () => {
    for (const ttlMs of [0, -1, Number.NaN, '60000']) {
      expect(() => redisStore(client, { ttlMs: ttlMs as number })).toThrow(
        new TypeError('bwell-webhooks: redisStore ttlMs must be a number of milliseconds > 0'),
      );
    }
  });

  it('keeps a claim for the ttl asked when it is longer than its own ttlMs', async () => {
    const store = redisStore(client, { prefix: prefix(), ttlMs: 1 });
    expect(await store.claim('a', 60_000)).toBe('claimed');
    await sleep(20);
    expect(await store.claim('a', 60_000)).toBe('in-flight');
  });

  it('writes its records under the prefix bwell-webhooks: by default', async () => {
    const id = `default-prefix-${randomUUID()}`;
    expect(await redisStore(client).claim(id, 60_000)).toBe('claimed');
    expect(await redisStore(client, { prefix: 'elsewhere:' }).claim(id, 60_000)).toBe('claimed');
    expect(await redisStore(client, { prefix: 'bwell-webhooks:' }).claim(id, 60_000)).toBe('in-flight');
  });

  describe('behind two handler instances sharing one Redis', () => {
    function instances(on: () => unknown, stores: IdempotencyStore[]) {
      return stores.map((idempotency) =>
        createWebhookHandler({
          secret: SECRET,
          now: () => NOW,
          idempotency,
          on: { 'user-delete-completed': on },
          ignore: ['data-export-completed'],
        }),
      );
    }

    it('runs the handler exactly once for 20 concurrent deliveries of one id', async () => {
      const keys = prefix();
      let runs = 0;
      let release!: () => void;
      const released = new Promise<void>((resolve) => {
        release = resolve;
      });
      const handlers = instances(async () => {
        runs++;
        await released;
      }, [redisStore(client, { prefix: keys }), redisStore(await connect(), { prefix: keys })]);
      const payload = buildUserDeleteCompleted();
      const requests = await Promise.all(Array.from({ length: 20 }, () => signed(payload, 'msg_concurrent')));
      const answers = requests.map((request, i) => (handlers[i % 2] as (typeof handlers)[0])(request));
      // All but the one running its handler answer while it still runs: 409, retry later.
      let answered = 0;
      await new Promise<void>((resolve) => {
        for (const answer of answers) answer.then(() => ++answered === 19 && resolve());
      });
      expect(runs).toBe(1);
      release();
      const statuses = await Promise.all(answers.map(async (answer) => (await answer).status));
      expect(statuses.filter((status) => status === 409)).toHaveLength(19);
      expect(statuses.filter((status) => status === 200)).toHaveLength(1);
      expect(runs).toBe(1);
      const later = await Promise.all(
        [handlers[0], handlers[1]].map(async (h) => h?.(await signed(payload, 'msg_concurrent'))),
      );
      expect(later.map((response) => response?.status)).toEqual([200, 200]);
      expect(runs).toBe(1);
    });

    it('runs the handler again on the retry of a delivery whose handler threw, on either instance', async () => {
      const keys = prefix();
      let runs = 0;
      const handlers = instances(() => {
        runs++;
        if (runs === 1) throw new Error('database unavailable');
      }, [redisStore(client, { prefix: keys }), redisStore(await connect(), { prefix: keys })]);
      const payload = buildUserDeleteCompleted();
      const [first, second] = handlers as [(typeof handlers)[0], (typeof handlers)[0]];
      expect((await first(await signed(payload, 'msg_retry'))).status).toBe(500);
      expect((await second(await signed(payload, 'msg_retry'))).status).toBe(200);
      expect((await first(await signed(payload, 'msg_retry'))).status).toBe(200);
      expect(runs).toBe(2);
    });
  });
});
