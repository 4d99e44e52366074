import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { generateSecret, signPayload } from '../index.js';
import { toNodeListener } from '../node/index.js';
import { BWELL_EXAMPLES, buildUnknownEvent } from '../testing/index.js';
import { type Command, expectPositionals, parseCommand } from './args.js';
import { createOutput, type Output } from './output.js';
import { createReceiver, type DeliveryRecord, describeRecord } from './receiver.js';

const help = `bwell-webhooks demo: watch a receiver verify, parse and refuse real deliveries

Usage: bwell-webhooks demo [--json]

Starts a receiver (createWebhookHandler on node:http) on 127.0.0.1 with a fresh secret, never printed, and
delivers b.well's published examples of both events in both shapes, then a tampered body, a replay, a stale
timestamp, an unknown event type and a body over the cap. One line per delivery: what was sent, the HTTP
status, and what the receiver did.

Exit codes: 0 every delivery had the expected outcome, 1 one did not.`;

/** The demo receiver's cap, small so that the oversized delivery stays small too (the default is 1 MiB). */
export const DEMO_MAX_BYTES = 64 * 1024;

/** What the receiver must do with a delivery for the demo to pass. */
export interface Expected {
  readonly status: number;
  readonly outcome: DeliveryRecord['outcome'];
  readonly code?: string;
  readonly type?: string;
}

/** One delivery of the demo: what is sent, and what must come of it. */
export interface DemoCase {
  readonly label: string;
  readonly body: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly expected: Expected;
}

const json = (value: unknown) => JSON.stringify(value, null, 2);

/** Builds the demo's deliveries, signed with `secret` at `now` (epoch ms) like b.well would. */
export async function demoCases(secret: string, now: number): Promise<DemoCase[]> {
  const seconds = Math.floor(now / 1000);
  const signed = async (label: string, body: string, expected: Expected, timestamp = seconds): Promise<DemoCase> => ({
    label,
    body,
    headers: await signPayload({ payload: body, secret, timestamp }),
    expected,
  });
  const handled = (type: string): Expected => ({ status: 200, outcome: 'handled', type });
  const refused = (status: number, code: string): Expected => ({ status, outcome: 'refused', code });
  const examples = BWELL_EXAMPLES;
  const first = await signed(
    'user-delete-completed, MessageHeader (b.well docs)',
    json(examples.docUserDeleteCompleted),
    handled('user-delete-completed'),
  );
  const bundle = json(examples.apiUserDeleteCompleted);
  const tampered = await signed('tampered', bundle, refused(401, 'no_matching_signature'));
  return [
    first,
    await signed('user-delete-completed, Bundle (b.well API)', bundle, handled('user-delete-completed')),
    await signed(
      'data-export-completed, MessageHeader (b.well docs)',
      json(examples.docDataExportCompleted),
      handled('data-export-completed'),
    ),
    await signed(
      'data-export-completed, Bundle (b.well API)',
      json(examples.apiDataExportCompleted),
      handled('data-export-completed'),
    ),
    // Signed, then changed: which person to delete is exactly what a forger would change.
    { ...tampered, label: 'tampered: Person/789 -> 788 after signing', body: bundle.replace('789', '788') },
    { ...first, label: 'replay of delivery 1 (same webhook-id)', expected: { status: 200, outcome: 'duplicate' } },
    await signed('stale: signed an hour ago', bundle, refused(401, 'timestamp_too_old'), seconds - 3600),
    await signed('unknown event type user-merge-completed', json(buildUnknownEvent()), {
      status: 200,
      outcome: 'unknown',
      type: 'unknown',
    }),
    await signed(
      `body over the cap (${DEMO_MAX_BYTES / 1024} KiB + 1 byte)`,
      bundle.padEnd(DEMO_MAX_BYTES + 1, ' '),
      refused(413, 'payload_too_large'),
    ),
  ];
}

/** Tells whether the receiver did what was expected. */
export function isExpected(expected: Expected, record: DeliveryRecord): boolean {
  return (
    record.status === expected.status &&
    record.outcome === expected.outcome &&
    (expected.code === undefined || record.code === expected.code) &&
    (expected.type === undefined || record.event?.type === expected.type)
  );
}

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
