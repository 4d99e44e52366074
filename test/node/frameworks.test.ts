// The framework pages of docs/frameworks: each shows one file of examples/frameworks verbatim, and each of
// those files is run here as a real server (or the framework's own request function), against the source.

import { readFile } from 'node:fs/promises';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { buildDataExportCompleted, buildUnknownEvent, buildUserDeleteCompleted } from '../../src/testing/index.js';
import { readAcknowledgement, SECRET } from '../receive/status-table.js';
import { closeServer, sendTo } from './serve.js';

type Send = (request: Request) => Promise<Response>;

async function listening(server: Server): Promise<string> {
  if (!server.listening) await new Promise((resolve) => server.once('listening', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}/webhook`;
}

const frameworks: Record<
  string,
  { load: () => Promise<{ send: Send; close: () => Promise<void> }>; allMethods: boolean }
> = {
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
};

const codeBlocks = (markdown: string) => [...markdown.matchAll(/```ts\n([\s\S]*?)```/g)].map((match) => match[1]);

beforeAll(() => {
  vi.stubEnv('BWELL_WEBHOOK_SECRET', SECRET);
  vi.stubEnv('PORT', '0');
  vi.stubEnv('HOST', '127.0.0.1');
});
afterAll(() => {
  vi.unstubAllEnvs();
});

describe.each(Object.keys(frameworks))('the %s example', (name) => {
  const framework = frameworks[name] as (typeof frameworks)[string];

  it(`is shown verbatim on docs/frameworks/${name}.md`, async () => {
    const example = await readFile(`examples/frameworks/${name}.ts`, 'utf8');
    const page = await readFile(`docs/frameworks/${name}.md`, 'utf8');
    expect(codeBlocks(page)).toContain(example);
  });

  it('runs the handlers once per delivery and answers as the status table says', async () => {
    const { calls } = await import('../../examples/frameworks/your-app.js');
    calls.length = 0;
    const { send, close } = await framework.load();
    const signed = (payload: object, id: string) =>
      import('../../src/testing/index.js').then(({ createSignedRequest }) =>
        createSignedRequest({ payload, secret: SECRET, id }),
      );
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
      expect((await send(await signed(exported, `msg_${name}_2`))).status).toBe(200);
      expect((await send(await signed(buildUnknownEvent(), `msg_${name}_3`))).status).toBe(200);
      const unsigned = new Request('http://localhost/webhook', { method: 'POST', body: JSON.stringify(deletion) });
      expect((await send(unsigned)).status).toBe(401);
      if (framework.allMethods) {
        expect((await send(new Request('http://localhost/webhook', { method: 'GET' }))).status).toBe(405);
      }
    } finally {
      await close();
    }
    expect(calls).toEqual(['delete user-1', `export user-2 https://icanbwell.com/downloads/7.zip`]);
  });
});
