// The status table of docs/receiving.md as a suite that every shell runs: the Fetch handler, node:http,
// Express, Fastify, Hono, Koa, NestJS (Express and Fastify) and Lambda (API Gateway v1 and v2, ALB) each mount
// the receiver their own way, and every row is asserted through each.

import { describe, expect, it } from 'vitest';
import type { EventHandlers, WebhookError, WebhookHandlerOptions } from '../../src/index.js';
import {
  buildDataExportCompleted,
  buildUnknownEvent,
  buildUserDeleteCompleted,
  createSignedRequest,
} from '../../src/testing/index.js';

export const SECRET = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';
export const OTHER_SECRET = 'whsec_C2FVsBQIhrscChlQIMV+b5sSYspob7oD';
/** A frozen clock: the handler's `now` and every signed timestamp. */
export const NOW = 1_700_000_000_000;
export const MAX_BYTES = 4096;

/** Acknowledges every known event without a handler: for tests about anything but the handlers. */
export const IGNORE_ALL = { on: {}, ignore: ['user-delete-completed', 'data-export-completed'] } as const;

/** A handler for every known event that does nothing, under the ones a test gives. */
export const withHandlers = (on: Partial<EventHandlers> = {}): EventHandlers => ({
  'user-delete-completed': () => {},
  'data-export-completed': () => {},
  ...on,
});

/** What a test of the status table sets beyond the secret, the clock and the cap. */
export type Extra = Partial<Omit<WebhookHandlerOptions, 'on'>> & { readonly on?: Partial<EventHandlers> };

/** A receiver under test: `send` delivers a Request to it and returns its answer. */
export interface Mounted {
  send(request: Request): Promise<Response>;
  close(): Promise<void>;
}
export type Mount = (options: WebhookHandlerOptions) => Promise<Mounted>;

/** A signed delivery at the frozen time. */
export const signed = (payload: object | string, id?: string, secret = SECRET) =>
  createSignedRequest({ payload, secret, timestamp: NOW / 1000, ...(id === undefined ? {} : { id }) });

/** A body stream of `total` bytes made on demand, and how many bytes were pulled from it. */
export function lazyBody(total: number, chunkSize = 64 * 1024) {
  const chunk = new Uint8Array(chunkSize).fill(0x20);
  const counter = { pulled: 0 };
  const stream = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (counter.pulled >= total) return controller.close();
      counter.pulled += chunk.byteLength;
      controller.enqueue(chunk.slice());
    },
  });
  return { stream, counter };
}

/** The acknowledgement's response code and the error code it carries, if any. */
export async function readAcknowledgement(response: Response) {
  expect(response.headers.get('content-type')).toBe('application/fhir+json');
  const bundle = await response.json();
  const header = bundle.entry[0].resource;
  expect(header.eventCoding.code).toBe('webhook-payload-received');
  const outcome = bundle.entry[1]?.resource;
  return {
    identifier: header.response.identifier as string,
    code: header.response.code as string,
    error: outcome?.issue[0].details.coding[0].code as string | undefined,
    text: JSON.stringify(bundle),
  };
}

function gate() {
  let open!: () => void;
  const opened = new Promise<void>((resolve) => {
    open = resolve;
  });
  return { opened, open };
}

/** Registers one test per row of the status table against the receiver that `mount` builds. */
export function describeStatusTable(name: string, mount: Mount, options: { streaming?: boolean } = {}) {
  async function withReceiver<T>(extra: Extra, body: (receiver: Mounted) => Promise<T>) {
    const receiver = await mount({
      secret: SECRET,
      now: () => NOW,
      maxBytes: MAX_BYTES,
      ...extra,
      on: withHandlers(extra.on),
    });
    try {
      return await body(receiver);
    } finally {
      await receiver.close();
    }
  }

  describe(`the status table through ${name}`, () => {
    it('answers 405 with Allow: POST to any other method, and runs nothing', async () => {
      const runs: string[] = [];
      await withReceiver({ on: { 'user-delete-completed': () => runs.push('ran') } }, async (receiver) => {
        const response = await receiver.send(new Request('http://localhost/webhook', { method: 'GET' }));
        expect(response.status).toBe(405);
        expect(response.headers.get('allow')).toBe('POST');
        expect(await readAcknowledgement(response)).toMatchObject({ code: 'fatal-error', error: 'method_not_allowed' });
      });
      expect(runs).toEqual([]);
    });

    it('answers 413 to a body whose Content-Length is over the cap', async () => {
      await withReceiver({}, async (receiver) => {
        const body = JSON.stringify({ padding: 'x'.repeat(MAX_BYTES) });
        const request = new Request('http://localhost/webhook', { method: 'POST', body });
        const response = await receiver.send(request);
        expect(response.status).toBe(413);
        expect(await readAcknowledgement(response)).toMatchObject({ code: 'fatal-error', error: 'payload_too_large' });
      });
    });

    // Registered only where a body can stream: Lambda hands over whole bodies, and has nothing to stop.
    if (options.streaming !== false)
      it('answers 413 to a streamed 100 MB body after reading little more than the cap', async () => {
        await withReceiver({}, async (receiver) => {
          const { stream, counter } = lazyBody(100 * 1024 * 1024);
          const init = { method: 'POST', body: stream, duplex: 'half' } as RequestInit;
          const response = await receiver.send(new Request('http://localhost/webhook', init));
          expect(response.status).toBe(413);
          expect(await readAcknowledgement(response)).toMatchObject({ error: 'payload_too_large' });
          // Socket buffers between a client and a server hold a few MB; a buffered body would be all 100.
          expect(counter.pulled).toBeLessThan(16 * 1024 * 1024);
        });
      });

    it('answers 401 to a delivery without signature headers, with only the error code in the body', async () => {
      await withReceiver({}, async (receiver) => {
        const body = JSON.stringify(buildUserDeleteCompleted());
        const response = await receiver.send(new Request('http://localhost/webhook', { method: 'POST', body }));
        expect(response.status).toBe(401);
        const acknowledgement = await readAcknowledgement(response);
        // Nothing identifies an unverified delivery: the answer echoes nothing the sender sent.
        expect(acknowledgement).toMatchObject({ code: 'fatal-error', error: 'missing_header', identifier: 'unknown' });
      });
    });

    it('answers 401 to a delivery signed with another secret, and runs nothing', async () => {
      const runs: string[] = [];
      await withReceiver({ on: { 'user-delete-completed': () => runs.push('ran') } }, async (receiver) => {
        const response = await receiver.send(await signed(buildUserDeleteCompleted(), undefined, OTHER_SECRET));
        expect(response.status).toBe(401);
        const acknowledgement = await readAcknowledgement(response);
        expect(acknowledgement).toMatchObject({ code: 'fatal-error', error: 'no_matching_signature' });
        expect(acknowledgement.text).not.toMatch(/secret|signature in/);
      });
      expect(runs).toEqual([]);
    });

    it('answers 400 to a signed body that is not a b.well message', async () => {
      await withReceiver({}, async (receiver) => {
        const response = await receiver.send(await signed('{"resourceType":"Patient"}'));
        expect(response.status).toBe(400);
        expect(await readAcknowledgement(response)).toMatchObject({ code: 'fatal-error', error: 'not_a_message' });
      });
    });

    it('answers 200 to an unknown event after onUnknown ran', async () => {
      const seen: string[] = [];
      await withReceiver({ onUnknown: (event) => seen.push(String(event.eventCoding?.code)) }, async (receiver) => {
        const response = await receiver.send(await signed(buildUnknownEvent({ id: 'bundle-unknown' })));
        expect(response.status).toBe(200);
        expect(await readAcknowledgement(response)).toMatchObject({ code: 'ok', identifier: 'bundle-unknown' });
      });
      expect(seen).toEqual(['user-merge-completed']);
    });

    it('answers 200 after the handler of each event type ran, in both shapes', async () => {
      const seen: string[] = [];
      const on: EventHandlers = {
        'user-delete-completed': (event) => seen.push(`delete ${event.externalIdentifier?.value}`),
        'data-export-completed': (event) => seen.push(`export ${event.downloadUrl}`),
      };
      await withReceiver({ on }, async (receiver) => {
        const deliveries = [
          buildUserDeleteCompleted({ shape: 'header', id: 'mh-1', externalId: 'user-1' }),
          buildUserDeleteCompleted({ shape: 'bundle', id: 'bundle-2', externalId: 'user-2' }),
          buildDataExportCompleted({ shape: 'header', id: 'mh-3', downloadUrl: 'https://icanbwell.com/3.zip' }),
        ];
        const identifiers = [];
        for (const payload of deliveries) {
          const response = await receiver.send(await signed(payload));
          expect(response.status).toBe(200);
          identifiers.push((await readAcknowledgement(response)).identifier);
        }
        expect(identifiers).toEqual(['mh-1', 'bundle-2', 'mh-3']);
      });
      expect(seen).toEqual(['delete user-1', 'delete user-2', 'export https://icanbwell.com/3.zip']);
    });

    it('answers 200 to a duplicate of a processed delivery without running its handler again', async () => {
      let runs = 0;
      await withReceiver({ on: { 'user-delete-completed': () => runs++ } }, async (receiver) => {
        const payload = buildUserDeleteCompleted();
        const first = await receiver.send(await signed(payload, 'msg_duplicate'));
        const second = await receiver.send(await signed(payload, 'msg_duplicate'));
        expect([first.status, second.status]).toEqual([200, 200]);
        expect(await readAcknowledgement(second)).toMatchObject({ code: 'ok' });
      });
      expect(runs).toBe(1);
    });

    it('answers 409 transient-error to a duplicate that arrives while the first is being processed', async () => {
      const started = gate();
      const release = gate();
      let runs = 0;
      const on = {
        'user-delete-completed': async () => {
          runs++;
          started.open();
          await release.opened;
        },
      };
      await withReceiver({ on }, async (receiver) => {
        const payload = buildUserDeleteCompleted();
        const first = receiver.send(await signed(payload, 'msg_in_flight'));
        await started.opened;
        const second = await receiver.send(await signed(payload, 'msg_in_flight'));
        expect(second.status).toBe(409);
        expect(await readAcknowledgement(second)).toMatchObject({
          code: 'transient-error',
          error: 'delivery_in_flight',
          identifier: 'bundle-user-delete-completed',
        });
        release.open();
        expect((await first).status).toBe(200);
      });
      expect(runs).toBe(1);
    });

    it('answers 500 transient-error when the handler throws, and runs it again on the retry', async () => {
      const errors: WebhookError[] = [];
      let runs = 0;
      const on = {
        'user-delete-completed': () => {
          runs++;
          if (runs === 1) throw new Error('database unavailable');
        },
      };
      await withReceiver({ on, onError: (error) => errors.push(error) }, async (receiver) => {
        const payload = buildUserDeleteCompleted();
        const first = await receiver.send(await signed(payload, 'msg_retry'));
        expect(first.status).toBe(500);
        const acknowledgement = await readAcknowledgement(first);
        expect(acknowledgement).toMatchObject({ code: 'transient-error', error: 'processing_failed' });
        expect(acknowledgement.text).not.toContain('database');
        const retry = await receiver.send(await signed(payload, 'msg_retry'));
        expect(retry.status).toBe(200);
      });
      expect(runs).toBe(2);
      expect(errors.map((error) => [error.code, (error.cause as Error).message])).toEqual([
        ['processing_failed', 'database unavailable'],
      ]);
    });
  });
}
