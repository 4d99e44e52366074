// docs/verifying.md's raw-body snippets for Express and Fastify, run as real servers on 127.0.0.1: each reads
// the body as bytes under every JSON Content-Type b.well might send (it documents none), and answers a forged
// delivery with a 4xx, never a 415 or a 500 that b.well would retry.

import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signPayload } from '../../src/index.js';
import { buildUserDeleteCompleted } from '../../src/testing/index.js';
import { allBlocks, ROOT, where, writeBlocks } from './snippets.js';

const SECRET = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';
const FORGED = 'whsec_C2FVsBQIhrscChlQIMV+b5sSYspob7oD';
const OUT = join(ROOT, 'test-output/docs-content-types');
const CONTENT_TYPES = [
  'application/json',
  'application/fhir+json',
  'application/fhir+json; charset=utf-8',
  'application/vnd.example+json',
];

const frameworkOf = (code: string) => /from '(express|fastify)'/.exec(code)?.[1] as 'express' | 'fastify' | undefined;
const blocks = allBlocks().filter((block) => block.page === 'docs/verifying.md' && frameworkOf(block.code));

interface Listening {
  url: string;
  close(): Promise<void>;
}

/** Imports a block (which builds `app` without listening) and listens on a free loopback port. */
async function listen(file: string, framework: 'express' | 'fastify'): Promise<Listening> {
  const { app } = (await import(/* @vite-ignore */ file)) as { app: unknown };
  if (framework === 'fastify') {
    const fastify = app as { listen(options: object): Promise<string>; close(): Promise<void> };
    const origin = await fastify.listen({ port: 0, host: '127.0.0.1' });
    return { url: `${origin}/webhook`, close: () => fastify.close() };
  }
  const server = (app as { listen(port: number, host: string): Server }).listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/webhook`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

async function deliver(url: string, contentType: string, secret = SECRET) {
  const body = JSON.stringify(buildUserDeleteCompleted());
  const headers = { ...(await signPayload({ payload: body, secret })), 'content-type': contentType };
  return fetch(url, { method: 'POST', body, headers });
}

describe('the raw-body snippets of docs/verifying.md', () => {
  it('include one for Express and one for Fastify', () => {
    expect(blocks.map((block) => frameworkOf(block.code)).sort()).toEqual(['express', 'fastify']);
  });

  const files = new Map<string, string>();
  const saved = process.env.BWELL_WEBHOOK_SECRET;
  beforeAll(() => {
    process.env.BWELL_WEBHOOK_SECRET = SECRET;
    // The block is the page's text; the test only exports its `app` to listen with it.
    const written = writeBlocks(OUT, blocks, '\nexport { app };\n');
    for (const [index, block] of blocks.entries()) files.set(where(block), written[index] as string);
  });
  afterAll(() => {
    if (saved === undefined) delete process.env.BWELL_WEBHOOK_SECRET;
    else process.env.BWELL_WEBHOOK_SECRET = saved;
  });

  describe.each(blocks.map((block) => [`${frameworkOf(block.code)} (${where(block)})`, block] as const))(
    '%s',
    (_, block) => {
      let server: Listening;
      let calls: string[];
      beforeAll(async () => {
        server = await listen(files.get(where(block)) as string, frameworkOf(block.code) as 'express' | 'fastify');
        ({ calls } = (await import(/* @vite-ignore */ join(OUT, 'your-handler.ts'))) as { calls: string[] });
      });
      afterAll(() => server.close());

      it.each(CONTENT_TYPES)('verifies and handles a delivery sent as %s', async (contentType) => {
        const before = calls.length;
        const response = await deliver(server.url, contentType);
        expect(response.status).toBe(200);
        expect(calls.slice(before)).toEqual(['handle user-delete-completed']);
      });

      it('answers a forged delivery 401, whatever its JSON Content-Type, and handles nothing', async () => {
        const before = calls.length;
        for (const contentType of CONTENT_TYPES) {
          expect((await deliver(server.url, contentType, FORGED)).status).toBe(401);
        }
        expect(calls.length).toBe(before);
      });
    },
  );
});
