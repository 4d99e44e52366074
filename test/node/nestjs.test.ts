import 'reflect-metadata';
import type { ServerResponse } from 'node:http';
import { All, Controller, Module, Req, Res } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { describe, expect, it } from 'vitest';
import type { KnownEventType, WebhookError, WebhookHandlerOptions } from '../../src/index.js';
import { fastifyWebhook, type NodeListener, type NodeRequest, toNodeListener } from '../../src/node/index.js';
import { buildUserDeleteCompleted } from '../../src/testing/index.js';
import {
  describeStatusTable,
  type Mounted,
  NOW,
  readAcknowledgement,
  SECRET,
  signed,
} from '../receive/status-table.js';
import { sendTo } from './serve.js';

@Module({})
class AppModule {}

/** A module whose controller hands Nest's (Express) request and response to the listener. */
function moduleWith(listener: NodeListener) {
  @Controller('webhook')
  class WebhookController {
    @All()
    receive(@Req() req: NodeRequest, @Res() res: ServerResponse) {
      listener(req, res);
    }
  }
  @Module({ controllers: [WebhookController] })
  class WebhookModule {}
  return WebhookModule;
}

async function listening(app: {
  listen(port: number, host: string): Promise<unknown>;
  getUrl(): Promise<string>;
  close(): Promise<void>;
}): Promise<Mounted> {
  await app.listen(0, '127.0.0.1');
  const url = (await app.getUrl()).replace('[::1]', '127.0.0.1');
  return { send: sendTo(`${url}/webhook`), close: () => app.close() };
}

async function onExpress<I extends KnownEventType>(options: WebhookHandlerOptions<I>, how: 'use' | 'rawBody') {
  if (how === 'use') {
    const app = await NestFactory.create(AppModule, { logger: false });
    app.use('/webhook', toNodeListener(options));
    return listening(app);
  }
  // A controller, after Nest's JSON parser, which keeps the raw bytes with { rawBody: true }.
  const app = await NestFactory.create(moduleWith(toNodeListener(options)), { logger: false, rawBody: true });
  return listening(app);
}

describeStatusTable('NestJS (Express) with app.use(toNodeListener)', (options) => onExpress(options, 'use'));
describeStatusTable('NestJS (Express) behind its JSON parser with { rawBody: true }', (options) =>
  onExpress(options, 'rawBody'),
);
describeStatusTable('NestJS (Fastify) with app.register(fastifyWebhook)', async (options) => {
  const app = await NestFactory.create<NestFastifyApplication>(AppModule, new FastifyAdapter(), { logger: false });
  await app.register(fastifyWebhook(options), { prefix: '/webhook' });
  return listening(app);
});

describe('NestJS behind its JSON parser without rawBody', () => {
  it('answers 500 body_already_read, naming { rawBody: true }', async () => {
    const errors: WebhookError[] = [];
    const listener = toNodeListener({
      secret: SECRET,
      now: () => NOW,
      on: { 'user-delete-completed': () => {} },
      ignore: ['data-export-completed'],
      onError: (error) => errors.push(error),
    });
    const app = await NestFactory.create(moduleWith(listener), { logger: false });
    const receiver = await listening(app);
    try {
      const request = await signed(buildUserDeleteCompleted());
      request.headers.set('content-type', 'application/json');
      const response = await receiver.send(request);
      expect(response.status).toBe(500);
      expect(await readAcknowledgement(response)).toMatchObject({ error: 'body_already_read' });
    } finally {
      await receiver.close();
    }
    expect(errors[0]?.message).toMatch(/rawBody: true/);
  });
});
