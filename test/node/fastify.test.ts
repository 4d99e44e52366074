import Fastify from 'fastify';
import { describe, expect, it } from 'vitest';
import { fastifyWebhook } from '../../src/node/index.js';
import { buildUserDeleteCompleted } from '../../src/testing/index.js';
import { describeStatusTable, IGNORE_ALL, type Mounted, NOW, SECRET, signed } from '../receive/status-table.js';
import { sendTo } from './serve.js';

async function listen(app: ReturnType<typeof Fastify>, path = '/webhook'): Promise<Mounted> {
  const address = await app.listen({ port: 0, host: '127.0.0.1' });
  return { send: sendTo(`${address}${path}`), close: () => app.close() };
}

describeStatusTable('Fastify 5 with fastifyWebhook', async (options) => {
  const app = Fastify();
  app.register(fastifyWebhook(options), { prefix: '/webhook' });
  return listen(app);
});

describe('fastifyWebhook', () => {
  it('leaves JSON parsing on for the rest of the app', async () => {
    const app = Fastify();
    app.register(fastifyWebhook({ secret: SECRET, now: () => NOW, ...IGNORE_ALL }), { prefix: '/webhook' });
    app.post('/echo', async (request) => request.body);
    const receiver = await listen(app, '');
    try {
      const webhook = await sendTo(`${app.listeningOrigin}/webhook`)(await signed(buildUserDeleteCompleted()));
      expect(webhook.status).toBe(200);
      const echo = await fetch(`${app.listeningOrigin}/echo`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: '{"parsed":true}',
      });
      expect(await echo.json()).toEqual({ parsed: true });
    } finally {
      await receiver.close();
    }
  });
});
