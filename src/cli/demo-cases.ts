import { signPayload } from '../index.js';
import { BWELL_EXAMPLES, buildUnknownEvent } from '../testing/index.js';
import type { DeliveryRecord } from './receiver.js';

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
