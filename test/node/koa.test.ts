import { createServer } from 'node:http';
import { bodyParser } from '@koa/bodyparser';
import Koa from 'koa';
import { describe, expect, it } from 'vitest';
import type { KnownEventType, WebhookError, WebhookHandlerOptions } from '../../src/index.js';
import { koaWebhook } from '../../src/node/index.js';
import { buildUserDeleteCompleted } from '../../src/testing/index.js';
import { describeStatusTable, NOW, readAcknowledgement, SECRET, signed } from '../receive/status-table.js';
import { mountServer } from './serve.js';

type Middleware = Koa.Middleware;

function app<I extends KnownEventType>(options: WebhookHandlerOptions<I>, before: Middleware[] = []) {
  const app = new Koa();
  for (const middleware of before) app.use(middleware);
  const webhook = koaWebhook(options);
  app.use((ctx, next) => (ctx.path === '/webhook' ? webhook(ctx) : next()));
  return mountServer(createServer(app.callback()));
}

describeStatusTable('Koa 3 with koaWebhook', (options) => app(options));
describeStatusTable('Koa 3 with koaWebhook behind a global bodyParser()', (options) => app(options, [bodyParser()]));

describe('koaWebhook', () => {
  const options = (seen: string[], errors: WebhookError[]): WebhookHandlerOptions<'data-export-completed'> => ({
    secret: SECRET,
    now: () => NOW,
    on: { 'user-delete-completed': (event) => seen.push(event.person.id) },
    ignore: ['data-export-completed'],
    onError: (error) => errors.push(error),
  });

  it('verifies the raw text a global bodyParser() kept, for application/json and application/fhir+json alike', async () => {
    const [seen, errors] = [[] as string[], [] as WebhookError[]];
    const receiver = await app(options(seen, errors), [bodyParser()]);
    try {
      for (const [i, type] of ['application/json', 'application/fhir+json', 'application/vnd.api+json'].entries()) {
        const request = await signed(buildUserDeleteCompleted({ personId: `p${i}` }), `msg_koa_${i}`);
        request.headers.set('content-type', type);
        expect((await receiver.send(request)).status).toBe(200);
      }
    } finally {
      await receiver.close();
    }
    expect([seen, errors]).toEqual([['p0', 'p1', 'p2'], []]);
  });

  it('answers 500 body_already_read, with the fix, when a parser consumed the body and kept nothing', async () => {
    const [seen, errors] = [[] as string[], [] as WebhookError[]];
    const swallow: Middleware = async (ctx, next) => {
      for await (const _chunk of ctx.req) {
        // A parser that keeps no raw text.
      }
      (ctx.request as { body?: unknown }).body = { parsed: true };
      await next();
    };
    const receiver = await app(options(seen, errors), [swallow]);
    try {
      const response = await receiver.send(await signed(buildUserDeleteCompleted()));
      expect(response.status).toBe(500);
      expect(await readAcknowledgement(response)).toMatchObject({
        code: 'transient-error',
        error: 'body_already_read',
      });
    } finally {
      await receiver.close();
    }
    expect(seen).toEqual([]);
    expect(errors.map((error) => error.code)).toEqual(['body_already_read']);
    expect(errors[0]?.message).toMatch(/already parsed by a body parser.*before app\.use\(bodyParser\(\)\)/);
  });
});
