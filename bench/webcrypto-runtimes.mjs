// `npm run bench:runtimes`: the WebCrypto path where it actually runs. Node picks node:crypto through the
// `#crypto` import condition; Deno, Bun, Workers and browsers get the WebCrypto backend. This bundles dist/ with
// the WebCrypto backend (as their bundlers do), then in each runtime installed under runtimes/ (and this Node)
// times verifySignature against a bare crypto.subtle.verify with a cached key over the same signed content.
//
// Wall time (performance.now), since CPU time has no common API across runtimes; every round runs both tasks
// back to back, and the ratio is the median of the per-round ratios, with the middle half in brackets.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { bundleWithWebCrypto } from './web-bundle.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const out = mkdtempSync(join(tmpdir(), 'bwell-bench-runtimes-'));

await bundleWithWebCrypto(join(out, 'web.mjs'));

// Runs inside each runtime: only Web APIs, so that the same text runs everywhere.
writeFileSync(
  join(out, 'task.mjs'),
  `import { signPayload, verifySignature } from './web.mjs';
const payload = JSON.stringify({ resourceType: 'Bundle', type: 'message', meta: { tag: [{ code: 'x'.repeat(940) }] } });
const secret = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';
const headers = await signPayload({ payload, secret, id: 'msg_p5jXN8AQM9LWM0D4loKWxJek' });
const options = { payload, headers, secret };
const bytes = (text) => Uint8Array.from(atob(text), (c) => c.charCodeAt(0));
const key = await crypto.subtle.importKey('raw', bytes(secret.slice(6)), { name: 'HMAC', hash: 'SHA-256' }, false, ['verify']);
const signature = bytes(headers['webhook-signature'].slice(3));
const content = headers['webhook-id'] + '.' + headers['webhook-timestamp'] + '.';
const encoder = new TextEncoder();
const tasks = {
  raw: async () => {
    if (!(await crypto.subtle.verify('HMAC', key, signature, encoder.encode(content + payload)))) throw new Error('raw: no match');
  },
  ours: () => verifySignature(options),
};
const BATCH = 200;
const ROUNDS = 31;
const samples = { raw: [], ours: [] };
for (let round = 0; round < ROUNDS + 3; round++) {
  for (const [name, task] of Object.entries(tasks)) {
    const start = performance.now();
    for (let i = 0; i < BATCH; i++) await task();
    // The first rounds warm up the JIT and are dropped.
    if (round >= 3) samples[name].push(((performance.now() - start) * 1000) / BATCH);
  }
}
const quantile = (values, q) => values.slice().sort((a, b) => a - b)[Math.floor((values.length - 1) * q)];
const ratios = samples.raw.map((raw, i) => raw / samples.ours[i]);
console.log(JSON.stringify({
  raw: quantile(samples.raw, 0.5),
  ours: quantile(samples.ours, 0.5),
  ratio: [0.5, 0.25, 0.75].map((q) => quantile(ratios, q)),
}));
`,
);

const local = (path) => join(root, 'runtimes/node_modules', path);
const runtimes = [
  ['Node ' + process.version + ' (WebCrypto forced)', process.execPath, []],
  ['Deno', local('.bin/deno'), ['run', '--allow-read']],
  ['Bun', local('.bin/bun'), []],
];

console.log(
  `\nverifySignature on WebCrypto against crypto.subtle.verify, 1 KB body, medians of 31 rounds of 200 calls\n`,
);
console.log('| runtime | raw subtle.verify | verifySignature | ratio [middle half] |');
console.log('|---|---:|---:|---|');
for (const [name, command, args] of runtimes) {
  if (!existsSync(command)) {
    console.log(`| ${name} | not installed (npm ci --prefix runtimes) | | |`);
    continue;
  }
  const run = spawnSync(command, [...args, join(out, 'task.mjs')], { encoding: 'utf8', timeout: 300_000 });
  if (run.status !== 0) throw new Error(`${name} failed: ${run.stderr || run.error}`);
  const { raw, ours, ratio } = JSON.parse(run.stdout.trim().split('\n').at(-1));
  const [median, low, high] = ratio.map((value) => value.toFixed(2));
  console.log(`| ${name} | ${raw.toFixed(1)} µs | ${ours.toFixed(1)} µs | ${median}x [${low}-${high}] |`);
}
rmSync(out, { recursive: true });
