// The framework pages of docs/frameworks: each shows one file of examples/frameworks verbatim, and each of
// those files is run here as a real server (or the framework's own request function), against the source.

import { readFile } from 'node:fs/promises';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, inject, it, vi } from 'vitest';
import { buildDataExportCompleted, buildUnknownEvent, buildUserDeleteCompleted } from '../../src/testing/index.js';
import { lambdaEvent, responseOf } from '../aws-lambda/events.js';
import { readAcknowledgement, SECRET } from '../receive/status-table.js';
import { closeServer, sendTo } from './serve.js';

type Send = (request: Request) => Promise<Response>;

async function listening(server: Server): Promise<string> {
  if (!server.listening) await new Promise((resolve) => server.once('listening', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}/webhook`;
}

interface Framework {
  load: () => Promise<{ send: Send; close: () => Promise<void> }>;
  allMethods: boolean;
  /** The page that shows the example, when it is not docs/frameworks/<name>.md. */
  page?: string;
}

const nestOrigin = async (app: { getUrl(): Promise<string> }) => (await app.getUrl()).replace('[::1]', '127.0.0.1');

const frameworks: Record<string, Framework> = {
  'fetch-handler': {
    allMethods: true,
    load: async () => {
      const { default: module } = await import('../../examples/frameworks/fetch-handler.js');
      return { send: (request) => module.fetch(request), close: async () => {} };
    },
  },
  nextjs: {
    // Next.js itself answers 405 to the methods a route does not export.
    allMethods: false,
    load: async () => {
      const { POST } = await import('../../examples/frameworks/nextjs.js');
      return { send: POST, close: async () => {} };
    },
  },
  hono: {
    allMethods: true,
    load: async () => {
      const { default: app } = await import('../../examples/frameworks/hono.js');
      return { send: async (request) => app.request(request), close: async () => {} };
    },
  },
  'node-http': {
    allMethods: true,
    load: async () => {
      const { server } = await import('../../examples/frameworks/node-http.js');
      return { send: sendTo(await listening(server)), close: () => closeServer(server) };
    },
  },
  express: {
    allMethods: true,
    load: async () => {
      const { server } = await import('../../examples/frameworks/express.js');
      return { send: sendTo(await listening(server)), close: () => closeServer(server) };
    },
  },
  fastify: {
    allMethods: true,
    load: async () => {
      const { app } = await import('../../examples/frameworks/fastify.js');
      return { send: sendTo(`${app.listeningOrigin}/webhook`), close: () => app.close() };
    },
  },
  koa: {
    allMethods: true,
    load: async () => {
      const { server } = await import('../../examples/frameworks/koa.js');
      return { send: sendTo(await listening(server)), close: () => closeServer(server) };
    },
  },
  nestjs: {
    allMethods: true,
    load: async () => {
      const { bootstrap } = await import('../../examples/frameworks/nestjs.js');
      const app = await bootstrap();
      return { send: sendTo(`${await nestOrigin(app)}/webhook`), close: () => app.close() };
    },
  },
  'nestjs-fastify': {
    allMethods: true,
    page: 'nestjs',
    load: async () => {
      const { bootstrap } = await import('../../examples/frameworks/nestjs-fastify.js');
      const app = await bootstrap();
      return { send: sendTo(`${await nestOrigin(app)}/webhook`), close: () => app.close() };
    },
  },
  'aws-lambda': {
    allMethods: true,
    load: async () => {
      const { handler, redis } = await import('../../examples/frameworks/aws-lambda.js');
      return {
        send: async (request) => responseOf(await handler(await lambdaEvent(request, 'v2', true))),
        close: () => redis.close(),
      };
    },
  },
};

const codeBlocks = (markdown: string) => [...markdown.matchAll(/```ts\n([\s\S]*?)```/g)].map((match) => match[1]);

beforeAll(() => {
  vi.stubEnv('BWELL_WEBHOOK_SECRET', SECRET);
  vi.stubEnv('REDIS_URL', inject('redisUrl') ?? '');
  vi.stubEnv('PORT', '0');
  vi.stubEnv('HOST', '127.0.0.1');
});
afterAll(() => {
  vi.unstubAllEnvs();
});

describe.each(Object.keys(frameworks))('the %s example', (name) => {
  const framework = frameworks[name] as (typeof frameworks)[string];

  it(`is shown verbatim on docs/frameworks/${framework.page ?? name}.md`, async () => {
    const example = await readFile(`examples/frameworks/${name}.ts`, 'utf8');
    const page = await readFile(`docs/frameworks/${framework.page ?? name}.md`, 'utf8');
    expect(codeBlocks(page)).toContain(example);
  });

  it('runs the handlers once per delivery and answers as the status table says', async () => {
    const { calls } = await import('../../examples/frameworks/your-app.js');
    calls.length = 0;
    const { send, close } = await framework.load();
    // Ids of this run only: the Lambda example's Redis may outlive it.
    const run = `${name}_${Date.now()}`;
    const signed = (payload: object, id: string, contentType = 'application/fhir+json') =>
      import('../../src/testing/index.js').then(async ({ createSignedRequest }) => {
        const request = await createSignedRequest({ payload, secret: SECRET, id: id.replace(name, run) });
        request.headers.set('content-type', contentType);
        return request;
      });
    try {
      const deletion = buildUserDeleteCompleted({ externalId: 'user-1' });
      const first = await send(await signed(deletion, `msg_${name}_1`));
      expect(first.status).toBe(200);
      expect(await readAcknowledgement(first)).toMatchObject({
        code: 'ok',
        identifier: 'bundle-user-delete-completed',
      });
      expect((await send(await signed(deletion, `msg_${name}_1`))).status).toBe(200);
      const download = 'https://icanbwell.com/downloads/7.zip';
      const exported = buildDataExportCompleted({ shape: 'header', externalId: 'user-2', downloadUrl: download });
      // Sent as application/json, which a global JSON parser would take: the examples verify it all the same.
      expect((await send(await signed(exported, `msg_${name}_2`, 'application/json'))).status).toBe(200);
      expect((await send(await signed(buildUnknownEvent(), `msg_${name}_3`))).status).toBe(200);
      // No identifier of yours: the handler must not fall back to b.well's Person id.
      const anonymous = buildUserDeleteCompleted({ personId: 'bwell-person-1' });
      const person = anonymous.entry?.[1]?.resource as { identifier?: unknown };
      delete person.identifier;
      expect((await send(await signed(anonymous, `msg_${name}_4`))).status).toBe(200);
      const unsigned = new Request('http://localhost/webhook', { method: 'POST', body: JSON.stringify(deletion) });
      expect((await send(unsigned)).status).toBe(401);
      if (framework.allMethods) {
        expect((await send(new Request('http://localhost/webhook', { method: 'GET' }))).status).toBe(405);
      }
    } finally {
      await close();
    }
    expect(calls).toEqual([
      'delete user-1',
      `export user-2 https://icanbwell.com/downloads/7.zip`,
      'review user-delete-completed',
    ]);
  });
});

describe('the Next.js example over the cap', () => {
  // Next.js's edge sandbox never settles a body stream's cancel(): the 413 must not wait on it.
  const neverSettling = () =>
    new ReadableStream<Uint8Array>({
      pull: (controller) => controller.enqueue(new Uint8Array(64 * 1024).fill(0x20)),
      cancel: () => new Promise<void>(() => {}),
    });

  it('answers 413 at once to a Content-Length over the cap, whose stream never settles a cancel', async () => {
    const { POST } = await import('../../examples/frameworks/nextjs.js');
    const init = { method: 'POST', body: neverSettling(), duplex: 'half', headers: { 'content-length': '5000000' } };
    const response = await POST(new Request('http://localhost/api/bwell-webhook', init as RequestInit));
    expect(response.status).toBe(413);
    expect(await readAcknowledgement(response)).toMatchObject({ error: 'payload_too_large' });
  });

  it('answers 413 at once to a streamed body over the cap, whose stream never settles a cancel', async () => {
    const { POST } = await import('../../examples/frameworks/nextjs.js');
    const init = { method: 'POST', body: neverSettling(), duplex: 'half' };
    const response = await POST(new Request('http://localhost/api/bwell-webhook', init as RequestInit));
    expect(response.status).toBe(413);
  });
});

describe('a body parser in front of the receiver, with no onError', () => {
  async function printed(run: () => Promise<Response>) {
    const spy = vi.spyOn(console, 'error').mockImplementation(() => {});
    try {
      const response = await run();
      return { status: response.status, error: (await readAcknowledgement(response)).error, lines: spy.mock.calls };
    } finally {
      spy.mockRestore();
    }
  }
  const delivery = () =>
    import('../../src/testing/index.js').then(async ({ createSignedRequest }) => {
      const request = await createSignedRequest({ payload: buildUserDeleteCompleted(), secret: SECRET });
      request.headers.set('content-type', 'application/json');
      return request;
    });
  const on = { 'user-delete-completed': () => {}, 'data-export-completed': () => {} };

  it('in Express (a global express.json()): 500 body_already_read, printed once with the fix', async () => {
    const { default: express } = await import('express');
    const { toNodeListener } = await import('../../src/node/index.js');
    const { createServer } = await import('node:http');
    const app = express();
    app.use(express.json());
    app.post('/webhook', toNodeListener({ secret: SECRET, on }));
    const server = createServer(app).listen(0, '127.0.0.1');
    try {
      const result = await printed(async () => sendTo(await listening(server))(await delivery()));
      expect(result).toMatchObject({ status: 500, error: 'body_already_read' });
      expect(result.lines).toHaveLength(1);
      expect(String(result.lines[0]?.[0])).toMatch(
        /^bwell-webhooks: answered 500 body_already_read: .*already parsed by a body parser.*express\.raw/,
      );
    } finally {
      await closeServer(server);
    }
  });

  it('in Hono (a middleware that read c.req.json()): 500 body_already_read, printed once', async () => {
    const { Hono } = await import('hono');
    const { createWebhookHandler } = await import('../../src/index.js');
    const webhook = createWebhookHandler({ secret: SECRET, on });
    const app = new Hono();
    app.use(async (c, next) => {
      await c.req.raw.json();
      await next();
    });
    app.post('/webhook', (c) => webhook(c.req.raw));
    const result = await printed(async () => app.request(await delivery()));
    expect(result).toMatchObject({ status: 500, error: 'body_already_read' });
    expect(String(result.lines[0]?.[0])).toMatch(/already read before the webhook handler got it/);
  });

  it('prints nothing for a 4xx', async () => {
    const { createWebhookHandler } = await import('../../src/index.js');
    const webhook = createWebhookHandler({ secret: SECRET, on });
    const result = await printed(() =>
      webhook(new Request('http://localhost/webhook', { method: 'POST', body: '{}' })),
    );
    expect(result).toMatchObject({ status: 401, lines: [] });
  });
});
