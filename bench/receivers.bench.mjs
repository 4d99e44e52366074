// `npm run bench:receivers`: receivers end to end under autocannon on 127.0.0.1, each in its own process,
// all measured in turn in one run: the floor (node:http, one HMAC, timingSafeEqual, JSON.parse, a fixed
// answer), ours in node:http, Express, Fastify and Hono (@hono/node-server), and svix and standardwebhooks
// in the same frameworks. Every request is a distinct signed ~740-byte Bundle (autocannon's setupRequest),
// and every delivery runs its handler (checked by count). Rounds interleave the receivers, so that the
// shared machine's noise falls on all of them alike; each ratio is the median of its per-round ratios, shown
// with their range, plus p99 latency.
//
// Two measures per receiver: deliveries per second of wall time (what autocannon sees), and deliveries per
// CPU-second of the receiver's own process (process.cpuUsage). On a shared 2-core machine where the load
// generator, the receiver and other people's work compete for the cores, wall throughput moves by 2-5x from
// one 2-second window to the next; the CPU cost per delivery is what the receiver controls, and it moves far
// less. Targets are judged on the CPU measure; both are printed. BENCH_ROUNDS (7), BENCH_SECONDS (2),
// BENCH_CONNECTIONS (16), BENCH_ONLY (a comma-separated subset).
import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import { nextDelivery, PAYLOAD_BYTES } from './receivers/deliveries.mjs';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 7);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 2);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 16);
const serverScript = fileURLToPath(new URL('./receivers/servers.mjs', import.meta.url));
const { RECEIVER_NAMES: ALL } = await import(serverScript);
// BENCH_ONLY=name,name runs a subset (the comparisons whose two sides both ran are printed).
const RECEIVER_NAMES = process.env.BENCH_ONLY
  ? ALL.filter((name) => process.env.BENCH_ONLY.split(',').includes(name))
  : ALL;

/** [receiver, baseline, target] */
const COMPARISONS = [
  ['node:http toNodeListener', 'floor', 0.7],
  ['express toNodeListener', 'express svix', 1.2],
  ['express toNodeListener', 'express standardwebhooks', undefined],
  ['fastify fastifyWebhook', 'fastify svix', 1.2],
  ['fastify fastifyWebhook', 'fastify standardwebhooks', undefined],
  ['hono createWebhookHandler', 'hono svix', undefined],
  ['express toNodeListener', 'express floor', undefined],
  ['fastify fastifyWebhook', 'fastify floor', undefined],
  ['express toNodeListener', 'floor', undefined],
  ['fastify fastifyWebhook', 'floor', undefined],
  ['hono createWebhookHandler', 'floor', undefined],
];

function start(name) {
  const child = fork(serverScript, [name], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  return new Promise((resolve, reject) => {
    child.once('message', ({ port }) => resolve({ name, child, port }));
    child.once('exit', (code) => reject(new Error(`${name} exited with ${code}`)));
  });
}

const statsOf = (server) =>
  new Promise((resolve) => {
    server.child.once('message', resolve);
    server.child.send('handled');
  });

async function load(server, seconds) {
  const before = await statsOf(server);
  const result = await autocannon({
    url: `http://127.0.0.1:${server.port}/webhook`,
    connections: CONNECTIONS,
    duration: seconds,
    requests: [{ method: 'POST', setupRequest: (request) => ({ ...request, ...nextDelivery() }) }],
  });
  const after = await statsOf(server);
  const handled = after.handled - before.handled;
  const cpuSeconds = (after.cpuMicros - before.cpuMicros) / 1e6;
  const answered = result.requests.total;
  if (result.non2xx > 0 || result.errors > 0 || handled < answered) {
    throw new Error(
      `${server.name}: ${result.non2xx} non-2xx, ${result.errors} errors, ${handled} handled of ${answered} answered`,
    );
  }
  return { rps: answered / seconds, perCpu: answered / cpuSeconds, p99: result.latency.p99 };
}

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
};

console.log(
  `receivers: Node ${process.version}, ${ROUNDS} rounds of ${SECONDS} s per receiver, ${CONNECTIONS} connections, ` +
    `distinct signed ${PAYLOAD_BYTES}-byte Bundles`,
);
const servers = [];
try {
  for (const name of RECEIVER_NAMES) servers.push(await start(name));
  // Warm-up: JIT and connection pools, not measured.
  for (const server of servers) await load(server, 1);
  const rounds = [];
  for (let round = 0; round < ROUNDS; round++) {
    const measured = {};
    // Each round starts at another receiver, so no receiver always runs first or last.
    for (let i = 0; i < servers.length; i++) {
      const server = servers[(i + round) % servers.length];
      measured[server.name] = await load(server, SECONDS);
    }
    rounds.push(measured);
    process.stdout.write(`round ${round + 1}/${ROUNDS} done\n`);
  }
  const format = (n) => Math.round(n).toLocaleString('en-US');
  console.log('\n| receiver | deliveries per CPU-s | req/s (wall) | p99 ms |\n|---|---:|---:|---:|');
  for (const name of RECEIVER_NAMES) {
    const of = (key) => median(rounds.map((r) => r[name][key]));
    console.log(`| ${name} | ${format(of('perCpu'))} | ${format(of('rps'))} | ${of('p99')} |`);
  }
  console.log('\n| ratio | per CPU-s: median | range | wall: median | range | target (per CPU-s) |');
  console.log('|---|---:|---|---:|---|---|');
  let missed = 0;
  const spread = (ratios) => `${Math.min(...ratios).toFixed(2)}-${Math.max(...ratios).toFixed(2)}`;
  for (const [name, baseline, target] of COMPARISONS) {
    if (!(RECEIVER_NAMES.includes(name) && RECEIVER_NAMES.includes(baseline))) continue;
    const cpu = rounds.map((r) => r[name].perCpu / r[baseline].perCpu);
    const wall = rounds.map((r) => r[name].rps / r[baseline].rps);
    const value = median(cpu);
    const verdict = target === undefined ? '' : value >= target ? `>= ${target}x: met` : `>= ${target}x: NOT met`;
    if (target !== undefined && value < target) missed++;
    console.log(
      `| ${name} / ${baseline} | ${value.toFixed(2)}x | ${spread(cpu)} | ${median(wall).toFixed(2)}x | ${spread(wall)} | ${verdict} |`,
    );
  }
  console.log(missed === 0 ? '\nall targets met' : `\n${missed} target(s) not met`);
} finally {
  for (const server of servers) server.child.kill();
}
