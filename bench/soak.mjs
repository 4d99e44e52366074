// `npm run bench:soak`: deliveries per second through two receiver instances sharing one Redis, with retries
// and duplicates, against a bare node:http floor measured in the same run; Redis round trips per delivery; and
// memory per 10,000 stored records, in Redis and in the memory store. On the built package (dist/), loopback only.
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import { createConnection, createServer as createNetServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { createWebhookHandler, memoryStore, signPayload } from '../dist/index.js';
import { toNodeListener } from '../dist/node/index.js';
import { redisStore } from '../dist/redis/index.js';
import { buildUserDeleteCompleted } from '../dist/testing/index.js';

const DELIVERIES = Number(process.env.SOAK_DELIVERIES ?? 2000);
const CONCURRENCY = Number(process.env.SOAK_CONCURRENCY ?? 32);
const SECRET = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

async function freePort() {
  const server = createNetServer().listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address();
  server.close();
  await once(server, 'close');
  return port;
}

async function startRedis() {
  const port = await freePort();
  const dir = mkdtempSync(join(tmpdir(), 'bwell-soak-'));
  const child = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--dir', dir, '--save', ''], {
    stdio: 'ignore',
  });
  for (let i = 0; i < 100; i++) {
    const up = await new Promise((resolve) => {
      const socket = createConnection({ port, host: '127.0.0.1' }, () => socket.write('PING\r\n'));
      socket.once('data', (data) => resolve(String(data).startsWith('+PONG')) || socket.destroy());
      socket.once('error', () => resolve(false));
    });
    if (up) break;
    await sleep(50);
  }
  return {
    url: `redis://127.0.0.1:${port}`,
    stop: async () => {
      child.kill('SIGTERM');
      await once(child, 'exit');
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

async function listen(listener) {
  const server = createServer(listener);
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, url: `http://127.0.0.1:${server.address().port}/webhook` };
}

// The sender: every delivery until a 200, signed anew each attempt; every fourth to both instances at once, every
// tenth's handler failing its first attempt.
async function soak(urls, prefix) {
  const body = JSON.stringify(buildUserDeleteCompleted());
  let next = 0;
  let requests = 0;
  const sender = async () => {
    while (next < DELIVERIES) {
      const i = next++;
      const id = `${prefix}${i}`;
      const targets = i % 4 === 0 ? urls : [urls[i % urls.length]];
      for (;;) {
        const headers = await signPayload({ payload: body, secret: SECRET, id });
        const statuses = await Promise.all(
          targets.map(async (url) => {
            requests++;
            const response = await fetch(url, { method: 'POST', body, headers });
            await response.arrayBuffer();
            return response.status;
          }),
        );
        if (statuses.includes(200)) break;
        await sleep(5);
      }
    }
  };
  const started = performance.now();
  await Promise.all(Array.from({ length: CONCURRENCY }, sender));
  const seconds = (performance.now() - started) / 1000;
  return { perSecond: DELIVERIES / seconds, requests };
}

function receiver(idempotency) {
  const failed = new Set();
  return toNodeListener(
    createWebhookHandler({
      secret: SECRET,
      idempotency,
      on: {
        'user-delete-completed': (_, { delivery }) => {
          const n = Number(delivery.id.slice(delivery.id.lastIndexOf('_') + 1));
          if (n % 10 === 0 && !failed.has(delivery.id)) {
            failed.add(delivery.id);
            throw new Error('first attempt fails');
          }
        },
      },
      onError: () => {},
    }),
  );
}

const redis = await startRedis();
const clients = [new Redis(redis.url), new Redis(redis.url)];
// Round trips counted where they start: each store call is one EVAL (Redis's own command count would add the
// commands each script runs inside).
let roundTrips = 0;
const counted = (client) => ({
  eval: (...args) => {
    roundTrips++;
    return client.eval(...args);
  },
});
const info = async (section) =>
  Object.fromEntries(
    (await clients[0].info(section))
      .split('\r\n')
      .filter((line) => line.includes(':'))
      .map((line) => line.split(':')),
  );

// Floor: a bare node:http listener that reads the body and answers 200.
const floor = await listen((req, res) => {
  req.resume();
  req.on('end', () => res.end('{}'));
});
const bare = [floor, floor];
const redisInstances = [
  await listen(receiver(redisStore(counted(clients[0]), { prefix: 'soak:' }))),
  await listen(receiver(redisStore(counted(clients[1]), { prefix: 'soak:' }))),
];
const memoryInstance = await listen(receiver(memoryStore({ maxEntries: 1_000_000 })));

// Alternate the runs, so that load elsewhere on a shared machine falls on both alike; medians of three.
const results = { floor: [], redis: [], memory: [] };
let commands = 0;
let requests = 0;
for (let round = 0; round < 3; round++) {
  results.floor.push(
    (
      await soak(
        bare.map((each) => each.url),
        `f${round}_`,
      )
    ).perSecond,
  );
  const before = roundTrips;
  const run = await soak(
    redisInstances.map((each) => each.url),
    `r${round}_`,
  );
  commands += roundTrips - before;
  requests += run.requests;
  results.redis.push(run.perSecond);
  results.memory.push((await soak([memoryInstance.url, memoryInstance.url], `m${round}_`)).perSecond);
}
const median = (values) => [...values].sort((a, b) => a - b)[1];

// Memory per 10,000 records: Redis's used_memory, and the heap of a memory store, each before and after.
await clients[0].flushall();
const usedBefore = Number((await info('memory')).used_memory);
const store = redisStore(clients[0], { prefix: 'soak-memory:' });
for (let i = 0; i < 10_000; i += 500) {
  await Promise.all(
    Array.from({ length: 500 }, async (_, j) => {
      const id = `msg_${crypto.randomUUID()}`;
      await store.claim(id, 601_000);
      await store.complete(id, 601_000);
      return i + j;
    }),
  );
}
const redisBytes = Number((await info('memory')).used_memory) - usedBefore;
globalThis.gc?.();
const heapBefore = process.memoryUsage().heapUsed;
const memory = memoryStore({ maxEntries: 20_000 });
for (let i = 0; i < 10_000; i++) {
  const id = `msg_${crypto.randomUUID()}`;
  memory.claim(id, 601_000);
  memory.complete(id, 601_000);
}
globalThis.gc?.();
const heapBytes = process.memoryUsage().heapUsed - heapBefore;

for (const { server } of [floor, ...redisInstances, memoryInstance]) server.close();
for (const client of clients) client.disconnect();
await redis.stop();

const total = DELIVERIES * 3;
console.log(
  `\nNode ${process.version}, ${DELIVERIES} deliveries x 3 rounds, ${CONCURRENCY} senders, every 4th to both instances, every 10th failing its first attempt\n`,
);
console.log('| measure | value |');
console.log('|---|---:|');
const row = (name, value) => console.log(`| ${name} | ${value} |`);
row('bare node:http floor (reads the body, answers 200), deliveries/s', Math.round(median(results.floor)));
row(
  'two instances on one Redis, deliveries/s',
  `${Math.round(median(results.redis))} (${(median(results.redis) / median(results.floor)).toFixed(2)}x floor)`,
);
row(
  'one instance on the memory store, deliveries/s',
  `${Math.round(median(results.memory))} (${(median(results.memory) / median(results.floor)).toFixed(2)}x floor)`,
);
row('HTTP requests per delivery (retries and duplicates)', (requests / total).toFixed(2));
row('Redis round trips per delivery', (commands / total).toFixed(2));
row('Redis round trips per request', (commands / requests).toFixed(2));
row('Redis used_memory per 10,000 records', `${(redisBytes / 1024 / 1024).toFixed(2)} MiB`);
row('memoryStore heap per 10,000 records', `${(heapBytes / 1024 / 1024).toFixed(2)} MiB`);
