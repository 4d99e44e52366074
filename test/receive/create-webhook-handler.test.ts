import { describe, expect, it } from 'vitest';
import { createWebhookHandler, memoryStore, WebhookError } from '../../src/index.js';
import { buildUserDeleteCompleted } from '../../src/testing/index.js';
import {
  describeStatusTable,
  IGNORE_ALL,
  lazyBody,
  MAX_BYTES,
  NOW,
  readAcknowledgement,
  SECRET,
  signed,
} from './status-table.js';

describeStatusTable('the Fetch handler itself', async (options) => {
  const handler = createWebhookHandler(options);
  return { send: handler, close: async () => {} };
});

describe('createWebhookHandler', () => {
  it('reads no more than one chunk past the cap of a streamed body', async () => {
    const handler = createWebhookHandler({ ...IGNORE_ALL, secret: SECRET, maxBytes: MAX_BYTES, now: () => NOW });
    const { stream, counter } = lazyBody(100 * 1024 * 1024, 1024);
    const init = { method: 'POST', body: stream, duplex: 'half' } as RequestInit;
    const response = await handler(new Request('http://localhost/webhook', init));
    expect(response.status).toBe(413);
    expect(counter.pulled).toBeLessThanOrEqual(MAX_BYTES + 2 * 1024);
  });

  it('accepts a body of exactly maxBytes', async () => {
    const handler = createWebhookHandler({ ...IGNORE_ALL, secret: SECRET, maxBytes: MAX_BYTES, now: () => NOW });
    const payload = JSON.stringify(buildUserDeleteCompleted());
    const padded = payload.padEnd(MAX_BYTES, ' ');
    expect((await handler(await signed(padded))).status).toBe(200);
    expect((await handler(await signed(`${padded} `))).status).toBe(413);
  });

  it('refuses a delivery signed outside the tolerance with 401 timestamp_too_old', async () => {
    const handler = createWebhookHandler({
      ...IGNORE_ALL,
      secret: SECRET,
      toleranceSeconds: 60,
      now: () => NOW + 61_000,
    });
    const response = await handler(await signed(buildUserDeleteCompleted()));
    expect(response.status).toBe(401);
    expect(await readAcknowledgement(response)).toMatchObject({ error: 'timestamp_too_old' });
  });

  it('acknowledges a known event that has no handler, running nothing', async () => {
    const handler = createWebhookHandler({ ...IGNORE_ALL, secret: SECRET, now: () => NOW });
    const response = await handler(await signed(buildUserDeleteCompleted({ id: 'bundle-9' })));
    expect(response.status).toBe(200);
    expect(await readAcknowledgement(response)).toMatchObject({ code: 'ok', identifier: 'bundle-9' });
  });

  it('answers with b.well as the destination and the delivered endpoint as the source', async () => {
    const handler = createWebhookHandler({ ...IGNORE_ALL, secret: SECRET, now: () => NOW });
    const payload = buildUserDeleteCompleted({ destination: 'https://client.example/hooks/bwell' });
    const bundle = await (await handler(await signed(payload))).json();
    expect(bundle).toMatchObject({
      resourceType: 'Bundle',
      type: 'message',
      timestamp: new Date(NOW).toISOString(),
      entry: [
        {
          resource: {
            source: { endpoint: 'https://client.example/hooks/bwell' },
            destination: [{ endpoint: 'https://icanbwell.com' }],
          },
        },
      ],
    });
  });

  it('answers 500 and releases the claim when a handler throws a WebhookError of its own', async () => {
    let runs = 0;
    const handler = createWebhookHandler({
      secret: SECRET,
      now: () => NOW,
      ignore: ['data-export-completed'],
      on: {
        'user-delete-completed': () => {
          runs++;
          if (runs === 1) throw new WebhookError('invalid_field', 'a lookup of its own failed');
        },
      },
    });
    const payload = buildUserDeleteCompleted();
    expect((await handler(await signed(payload, 'msg_1'))).status).toBe(500);
    expect((await handler(await signed(payload, 'msg_1'))).status).toBe(200);
    expect(runs).toBe(2);
  });

  it('answers 500 when the idempotency store fails, and reports it', async () => {
    const errors: WebhookError[] = [];
    const handler = createWebhookHandler({
      ...IGNORE_ALL,
      secret: SECRET,
      now: () => NOW,
      idempotency: { claim: () => Promise.reject(new Error('store down')), complete: () => {}, release: () => {} },
      onError: (error, context) => {
        errors.push(error);
        expect(context.status).toBe(500);
        expect(context.delivery?.id).toBe('msg_store');
      },
    });
    const response = await handler(await signed(buildUserDeleteCompleted(), 'msg_store'));
    expect(response.status).toBe(500);
    expect(errors.map((error) => error.message)).toEqual(['the idempotency store failed: store down']);
  });

  it('still answers 200 when recording a completed delivery fails, and reports it', async () => {
    const errors: string[] = [];
    const store = memoryStore();
    const handler = createWebhookHandler({
      ...IGNORE_ALL,
      secret: SECRET,
      now: () => NOW,
      idempotency: { ...store, complete: () => Promise.reject(new Error('store down')) },
      onError: (error) => errors.push(error.message),
    });
    expect((await handler(await signed(buildUserDeleteCompleted()))).status).toBe(200);
    expect(errors).toEqual(['recording the delivery failed: store down']);
  });

  it('answers as the table says even when onError throws', async () => {
    const handler = createWebhookHandler({
      ...IGNORE_ALL,
      secret: SECRET,
      now: () => NOW,
      onError: () => {
        throw new Error('logger down');
      },
    });
    expect((await handler(new Request('http://localhost/', { method: 'PUT' }))).status).toBe(405);
  });

  it('refuses a missing or malformed secret at creation with a TypeError', () => {
    expect(() => createWebhookHandler({ ...IGNORE_ALL, secret: '' })).toThrow(TypeError);
    expect(() => createWebhookHandler({ ...IGNORE_ALL, secret: 'whsec_not base64!' })).toThrow(TypeError);
    expect(() => createWebhookHandler({ ...IGNORE_ALL, secret: SECRET, maxBytes: -1 })).toThrow(TypeError);
  });
});
