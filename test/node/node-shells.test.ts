// What every Node shell does the same way: the body deadline, a body someone else read, and the request
// handed to handlers, over real sockets on 127.0.0.1.
import { once } from 'node:events';
import { createServer, type RequestListener } from 'node:http';
import { connect } from 'node:net';
import Fastify from 'fastify';
import Koa from 'koa';
import { describe, expect, it } from 'vitest';
import type { WebhookHandlerOptions } from '../../src/index.js';
import { fastifyWebhook, koaWebhook, toNodeListener } from '../../src/node/index.js';
import { buildUserDeleteCompleted } from '../../src/testing/index.js';
import { IGNORE_ALL, NOW, SECRET, signed, withHandlers } from '../receive/status-table.js';
import { closeServer, mountServer } from './serve.js';

type Options = WebhookHandlerOptions<'user-delete-completed' | 'data-export-completed'>;

const shells: Record<string, (options: Options) => Promise<{ port: number; close: () => Promise<void> }>> = {
  'node:http': async (options) => serve(toNodeListener(options)),
  koa: async (options) => {
    const app = new Koa();
    const webhook = koaWebhook(options);
    app.use((ctx) => webhook(ctx));
    return serve(app.callback());
  },
  fastify: async (options) => {
    const app = Fastify();
    app.register(fastifyWebhook(options), { prefix: '/webhook' });
    await app.listen({ port: 0, host: '127.0.0.1' });
    return { port: (app.server.address() as { port: number }).port, close: () => app.close() };
  },
};

async function serve(listener: RequestListener) {
  const server = createServer(listener).listen(0, '127.0.0.1');
  await once(server, 'listening');
  return { port: (server.address() as { port: number }).port, close: () => closeServer(server) };
}

/** Sends headers and the first part of a body, then nothing: the status line that comes back, if any. */
async function stall(port: number): Promise<string> {
  const socket = connect(port, '127.0.0.1');
  await once(socket, 'connect');
  socket.write('POST /webhook HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 1000\r\n\r\n{"resourceType"');
  const [data] = await Promise.race([
    once(socket, 'data'),
    new Promise<never>((_, reject) => setTimeout(() => reject(new Error('no answer')), 5000)),
  ]);
  socket.destroy();
  return String(data).split('\r\n')[0] as string;
}

describe.each(Object.keys(shells))('the %s shell', (name) => {
  const mount = shells[name] as (typeof shells)[string];

  it('answers 408 body_timeout to a body that stops arriving, and tells onError', async () => {
    const errors: string[] = [];
    const { port, close } = await mount({
      secret: SECRET,
      bodyTimeoutMs: 100,
      ...IGNORE_ALL,
      onError: (e) => errors.push(e.code),
    });
    try {
      expect(await stall(port)).toBe('HTTP/1.1 408 Request Timeout');
    } finally {
      await close();
    }
    expect(errors).toEqual(['body_timeout']);
  });
});

describe('toNodeListener', () => {
  it('answers 500 body_already_read when another listener read the stream first', async () => {
    const errors: string[] = [];
    const listener = toNodeListener({
      secret: SECRET,
      now: () => NOW,
      ...IGNORE_ALL,
      onError: (e) => errors.push(e.message),
    });
    const receiver = await mountServer(
      createServer(async (req, res) => {
        for await (const _chunk of req) {
          // Someone else's reading.
        }
        listener(req, res);
      }),
    );
    try {
      expect((await receiver.send(await signed(buildUserDeleteCompleted()))).status).toBe(500);
    } finally {
      await receiver.close();
    }
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(/^The request body was already read by something before the webhook handler/);
  });

  it('gives handlers the method, the URL from Host and path, the headers, and a Request made on demand', async () => {
    const seen: unknown[] = [];
    const listener = toNodeListener({
      secret: SECRET,
      now: () => NOW,
      on: withHandlers({
        'user-delete-completed': (_event, context) => {
          seen.push(context.method, context.url, context.headers.get('webhook-id'));
          seen.push(context.request.method, context.request.url, context.request.headers.get('webhook-id'));
        },
      }),
    });
    const receiver = await mountServer(createServer(listener), '/webhook?x=1');
    try {
      expect((await receiver.send(await signed(buildUserDeleteCompleted(), 'msg_node_context'))).status).toBe(200);
    } finally {
      await receiver.close();
    }
    expect(seen[0]).toBe('POST');
    expect(seen[1]).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/webhook\?x=1$/);
    expect(seen.slice(2)).toEqual(['msg_node_context', 'POST', seen[1], 'msg_node_context']);
  });
});

describe('the Node shells build no Fetch objects per delivery', () => {
  it('makes no Request, Response or Headers for a delivery whose handler does not ask for them', async () => {
    const made: string[] = [];
    const originals = { Request: globalThis.Request, Response: globalThis.Response, Headers: globalThis.Headers };
    class CountedRequest extends originals.Request {
      constructor(input: RequestInfo | URL, init?: RequestInit) {
        super(input, init);
        made.push('Request');
      }
    }
    class CountedResponse extends originals.Response {
      constructor(body?: BodyInit | null, init?: ResponseInit) {
        super(body, init);
        made.push('Response');
      }
    }
    class CountedHeaders extends originals.Headers {
      constructor(init?: HeadersInit) {
        super(init);
        made.push('Headers');
      }
    }
    let asked = false;
    const listener = toNodeListener({
      secret: SECRET,
      now: () => NOW,
      on: withHandlers({
        'user-delete-completed': (_event, context) => {
          if (asked) void context.request;
        },
      }),
    });
    const receiver = await mountServer(createServer(listener));
    const requests = [
      await signed(buildUserDeleteCompleted(), 'msg_plain'),
      await signed(buildUserDeleteCompleted(), 'msg_asked'),
    ];
    // The test's own client (fetch) uses undici's classes directly, not these globals.
    const counts: number[] = [];
    try {
      for (const request of requests) {
        Object.assign(globalThis, {
          Request: CountedRequest,
          Response: CountedResponse,
          Headers: CountedHeaders,
        });
        try {
          expect((await receiver.send(request)).status).toBe(200);
        } finally {
          Object.assign(globalThis, originals);
        }
        counts.push(made.length);
        asked = true;
      }
    } finally {
      await receiver.close();
    }
    // None for the first; for the second, the Request the handler asked for (and its Headers).
    expect(counts[0]).toBe(0);
    expect(made).toEqual(['Headers', 'Request']);
  });
});

describe('toNodeListener given a Fetch handler', () => {
  it('hands it the Buffer express.raw() read, and a body express.json() consumed as body_already_read', async () => {
    const { default: express } = await import('express');
    const { createWebhookHandler } = await import('../../src/index.js');
    const errors: string[] = [];
    const handler = createWebhookHandler({
      secret: SECRET,
      now: () => NOW,
      ...IGNORE_ALL,
      onError: (e) => errors.push(e.code),
    });
    const statuses: number[] = [];
    for (const parser of [express.raw({ type: '*/*' }), express.json({ type: '*/*' })]) {
      const app = express();
      app.use(parser);
      app.post('/webhook', toNodeListener(handler));
      const receiver = await mountServer(createServer(app));
      try {
        statuses.push((await receiver.send(await signed(buildUserDeleteCompleted()))).status);
      } finally {
        await receiver.close();
      }
    }
    expect(statuses).toEqual([200, 500]);
    expect(errors).toEqual(['body_already_read']);
  });

  it('answers 408 body_timeout to a client that closes the connection mid-body', async () => {
    const errors: string[] = [];
    const { port, close } = await serve(
      toNodeListener({ secret: SECRET, ...IGNORE_ALL, onError: (e) => errors.push(e.code) }),
    );
    try {
      const socket = connect(port, '127.0.0.1');
      await once(socket, 'connect');
      socket.write('POST /webhook HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 1000\r\n\r\n{"resourceType"');
      await new Promise((resolve) => setTimeout(resolve, 50));
      socket.destroy();
      for (let i = 0; i < 50 && errors.length === 0; i++) await new Promise((resolve) => setTimeout(resolve, 20));
    } finally {
      await close();
    }
    expect(errors).toEqual(['body_timeout']);
  });
});
