import { fc, test } from '@fast-check/vitest';
import { describe, expect, it, vi } from 'vitest';
import { createAcknowledgement, createWebhookHandler, type WebhookError } from '../../src/index.js';
import { okAcknowledgementText } from '../../src/receive/acknowledgement-text.js';
import { buildUserDeleteCompleted } from '../../src/testing/index.js';
import { IGNORE_ALL, NOW, readAcknowledgement, SECRET, signed, withHandlers } from './status-table.js';

describe('the ok acknowledgement written as text', () => {
  test.prop([
    fc.string(),
    fc.webUrl(),
    fc.option(fc.webUrl(), { nil: undefined }),
    fc.uuid(),
    fc.date({ noInvalidDate: true }),
  ])(
    'is JSON.stringify of createAcknowledgement, whatever the identifier and endpoints',
    (identifier, source, destination, id, timestamp) => {
      const built = createAcknowledgement({ identifier, source, destination, id, timestamp });
      expect(okAcknowledgementText(identifier, source, destination, timestamp.toISOString(), id)).toBe(
        JSON.stringify(built),
      );
    },
  );
});

describe('createWebhookHandler handlers', () => {
  const create = (options: object) => () => createWebhookHandler({ secret: SECRET, ...options } as never);

  it('refuses at creation, with a TypeError naming it, a known event with no handler that is not ignored', () => {
    expect(create({})).toThrow(TypeError);
    expect(create({ on: { 'user-delete-completed': () => {} } })).toThrow(
      /no handler for "data-export-completed": add on\["data-export-completed"\] \(a function\), or list it in ignore/,
    );
  });

  it('refuses an unknown event in on or ignore, a handler that is no function, and a handler for an ignored event', () => {
    expect(create({ on: withHandlers({ 'user-merge-completed': () => {} } as object) })).toThrow(
      /"user-merge-completed" is not an event this receiver knows .*onUnknown/,
    );
    expect(create({ on: withHandlers(), ignore: ['user-merge-completed'] })).toThrow(
      /"user-merge-completed" is not an event/,
    );
    expect(create({ on: { ...withHandlers(), 'user-delete-completed': 'delete' } })).toThrow(
      /no handler for "user-delete-completed": add on\["user-delete-completed"\] \(a function\)/,
    );
    expect(create({ on: withHandlers(), ignore: ['data-export-completed'] })).toThrow(/in ignore and has a handler/);
    expect(create({ on: withHandlers(), ignore: 'data-export-completed' })).toThrow(/ignore must be an array/);
    expect(create({ on: null })).toThrow(TypeError);
  });

  it('acknowledges an ignored event without running anything', async () => {
    const handler = createWebhookHandler({ secret: SECRET, now: () => NOW, ...IGNORE_ALL });
    const response = await handler(await signed(buildUserDeleteCompleted({ id: 'bundle-ignored' })));
    expect(await readAcknowledgement(response)).toMatchObject({ code: 'ok', identifier: 'bundle-ignored' });
  });

  it('gives handlers the method, URL, headers and the Request itself', async () => {
    const seen: unknown[] = [];
    const handler = createWebhookHandler({
      secret: SECRET,
      now: () => NOW,
      on: withHandlers({
        'user-delete-completed': (_event, context) => {
          seen.push(context.method, context.url, context.headers.get('webhook-id'), context.request);
        },
      }),
    });
    const request = await signed(buildUserDeleteCompleted(), 'msg_context');
    await handler(request);
    expect(seen).toEqual(['POST', request.url, 'msg_context', request]);
  });
});

describe('createWebhookHandler with no onError', () => {
  async function printed(run: () => Promise<Response>) {
    const spy = vi.spyOn(console, 'error').mockImplementation(() => {});
    try {
      const response = await run();
      return { status: response.status, lines: spy.mock.calls.map((call) => String(call[0])) };
    } finally {
      spy.mockRestore();
    }
  }
  const throwing = withHandlers({
    'user-delete-completed': () => {
      throw new Error('database unavailable');
    },
  });

  it('writes each 5xx once to console.error, with its status, code and message', async () => {
    const handler = createWebhookHandler({ secret: SECRET, now: () => NOW, on: throwing });
    const result = await printed(async () => handler(await signed(buildUserDeleteCompleted())));
    expect(result).toEqual({
      status: 500,
      lines: [
        'bwell-webhooks: answered 500 processing_failed: the user-delete-completed handler failed: database unavailable',
      ],
    });
  });

  it('prints nothing when onError is given, or for a 4xx', async () => {
    const errors: WebhookError[] = [];
    const handler = createWebhookHandler({
      secret: SECRET,
      now: () => NOW,
      on: throwing,
      onError: (e) => errors.push(e),
    });
    expect(await printed(async () => handler(await signed(buildUserDeleteCompleted())))).toEqual({
      status: 500,
      lines: [],
    });
    expect(errors).toHaveLength(1);
    const quiet = createWebhookHandler({ secret: SECRET, now: () => NOW, on: throwing });
    const unsigned = new Request('http://localhost/', { method: 'POST', body: '{}' });
    expect(await printed(() => quiet(unsigned))).toEqual({ status: 401, lines: [] });
  });
});

describe('createWebhookHandler reading the body', () => {
  const stalled = () =>
    new ReadableStream<Uint8Array>({
      start: (controller) => controller.enqueue(new TextEncoder().encode('{"resourceType"')),
      // Never closes: a sender that stopped mid-body.
    });

  it('answers 408 body_timeout when the body has not arrived within bodyTimeoutMs, and tells onError', async () => {
    const errors: string[] = [];
    const handler = createWebhookHandler({
      secret: SECRET,
      bodyTimeoutMs: 50,
      ...IGNORE_ALL,
      onError: (error, context) => errors.push(`${context.status} ${error.code}`),
    });
    const init = { method: 'POST', body: stalled(), duplex: 'half' } as RequestInit;
    const started = Date.now();
    const response = await handler(new Request('http://localhost/webhook', init));
    expect(response.status).toBe(408);
    expect(await readAcknowledgement(response)).toMatchObject({ code: 'transient-error', error: 'body_timeout' });
    expect(Date.now() - started).toBeLessThan(5000);
    expect(errors).toEqual(['408 body_timeout']);
  });

  it('applies the deadline to a body with a Content-Length too', async () => {
    const handler = createWebhookHandler({ secret: SECRET, bodyTimeoutMs: 50, ...IGNORE_ALL, onError: () => {} });
    const init = { method: 'POST', body: stalled(), duplex: 'half', headers: { 'content-length': '100' } };
    expect((await handler(new Request('http://localhost/webhook', init as RequestInit))).status).toBe(408);
  });

  it('refuses a bodyTimeoutMs that is not a positive number at creation', () => {
    for (const bodyTimeoutMs of [0, -1, Number.NaN]) {
      expect(() => createWebhookHandler({ secret: SECRET, bodyTimeoutMs, ...IGNORE_ALL })).toThrow(/bodyTimeoutMs/);
    }
    expect(() =>
      createWebhookHandler({ secret: SECRET, bodyTimeoutMs: Number.POSITIVE_INFINITY, ...IGNORE_ALL }),
    ).not.toThrow();
  });

  it('answers 500 body_already_read to a Request whose body was used or locked, naming the fix', async () => {
    const errors: WebhookError[] = [];
    const handler = createWebhookHandler({
      secret: SECRET,
      now: () => NOW,
      ...IGNORE_ALL,
      onError: (e) => errors.push(e),
    });
    const used = await signed(buildUserDeleteCompleted());
    await used.text();
    const locked = await signed(buildUserDeleteCompleted());
    locked.body?.getReader();
    const streamed = await signed(buildUserDeleteCompleted());
    const unsized = new Request(streamed.url, {
      method: 'POST',
      headers: { 'webhook-id': 'x' },
      body: streamed.body,
      duplex: 'half',
    } as RequestInit);
    unsized.body?.getReader();
    for (const request of [used, locked, unsized]) {
      const response = await handler(request);
      expect(response.status).toBe(500);
      expect(await readAcknowledgement(response)).toMatchObject({
        code: 'transient-error',
        error: 'body_already_read',
      });
    }
    expect(errors.map((error) => error.code)).toEqual(['body_already_read', 'body_already_read', 'body_already_read']);
    expect(errors[0]?.message).toMatch(/already read before the webhook handler got it.*no body parser or middleware/);
  });
});

describe('createWebhookHandler with a body that breaks off', () => {
  const breaking = () =>
    new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(new TextEncoder().encode('{"resourceType"'));
        controller.error(new Error('connection reset'));
      },
    });

  it('answers 408 body_timeout, with or without a Content-Length', async () => {
    const codes: string[] = [];
    const handler = createWebhookHandler({ secret: SECRET, ...IGNORE_ALL, onError: (error) => codes.push(error.code) });
    for (const headers of [{}, { 'content-length': '100' }]) {
      const init = { method: 'POST', body: breaking(), duplex: 'half', headers } as RequestInit;
      const response = await handler(new Request('http://localhost/webhook', init));
      expect(response.status).toBe(408);
    }
    expect(codes).toEqual(['body_timeout', 'body_timeout']);
  });
});
