import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { generateSecret } from '../index.js';
import { toNodeListener } from '../node/index.js';
import { type Command, expectPositionals, parseCommand } from './args.js';
import { DEMO_MAX_BYTES, type DemoCase, demoCases, isExpected } from './demo-cases.js';
import { createOutput, type Output } from './output.js';
import { createReceiver, type DeliveryRecord, describeRecord } from './receiver.js';

const help = `bwell-webhooks demo: watch a receiver verify, parse and refuse real deliveries

Usage: bwell-webhooks demo [--json]

Starts a receiver (createWebhookHandler on node:http) on 127.0.0.1 with a fresh secret, never printed, and
delivers b.well's published examples of both events in both shapes, then a tampered body, a replay, a stale
timestamp, an unknown event type and a body over the cap. One line per delivery: what was sent, the HTTP
status, and what the receiver did.

Exit codes: 0 every delivery had the expected outcome, 1 one did not.`;

async function deliver(url: string, item: DemoCase, records: DeliveryRecord[]): Promise<DeliveryRecord> {
  const before = records.length;
  try {
    const headers = { 'content-type': 'application/fhir+json', ...item.headers };
    const response = await fetch(url, {
      method: 'POST',
      headers,
      body: item.body,
      signal: AbortSignal.timeout(10_000),
    });
    await response.arrayBuffer();
    return records[before] ?? { status: response.status, id: undefined, outcome: 'refused', code: 'not_recorded' };
  } catch (error) {
    return { status: 0, id: undefined, outcome: 'refused', code: `no answer: ${(error as Error).message}` };
  }
}

function printLine(out: Output, index: number, item: DemoCase, record: DeliveryRecord, ok: boolean): void {
  const mark = ok ? out.paint('green', '✓') : out.paint('red', '✗');
  const status = out.paint(record.status >= 200 && record.status < 300 ? 'green' : 'yellow', String(record.status));
  const expected = ok
    ? ''
    : out.paint('red', ` (expected ${item.expected.status} ${item.expected.code ?? item.expected.outcome})`);
  out.line(
    `${mark} ${String(index + 1).padStart(2)} ${item.label.padEnd(52)} ${status}  ${describeRecord(record)}${expected}`,
  );
}

export const demo: Command = {
  name: 'demo',
  summary: 'start a receiver and deliver real, tampered, replayed and stale events to it',
  help,
  async run(argv, io) {
    const { values, positionals } = parseCommand(argv, {});
    expectPositionals(positionals, 0, 'demo');
    const secret = generateSecret();
    const out = createOutput(io, values.json === true, [secret]);
    const records: DeliveryRecord[] = [];
    const receiver = createReceiver({ secret, maxBytes: DEMO_MAX_BYTES, onDelivery: (record) => records.push(record) });
    const server = createServer(toNodeListener(receiver));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/webhook`;
    out.line(`Receiver on ${url} (createWebhookHandler, a fresh secret, cap ${DEMO_MAX_BYTES / 1024} KiB)\n`);
    const results = [];
    try {
      for (const [index, item] of (await demoCases(secret, Date.now())).entries()) {
        const record = await deliver(url, item, records);
        const ok = isExpected(item.expected, record);
        results.push({ label: item.label, expected: item.expected, record, ok });
        printLine(out, index, item, record, ok);
      }
    } finally {
      server.close();
      server.closeAllConnections();
    }
    const failed = results.filter((result) => !result.ok).length;
    out.data({ url, ok: failed === 0, deliveries: results });
    out.line();
    out.line(
      failed === 0
        ? out.paint('green', `All ${results.length} deliveries had the expected outcome.`)
        : out.paint('red', `${failed} of ${results.length} deliveries did not have the expected outcome.`),
    );
    return failed === 0 ? 0 : 1;
  },
};
