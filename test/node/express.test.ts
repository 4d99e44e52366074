import { createServer } from 'node:http';
import express from 'express';
import { describe, expect, it } from 'vitest';
import type { KnownEventType, WebhookError, WebhookHandlerOptions } from '../../src/index.js';
import { toNodeListener } from '../../src/node/index.js';
import { buildUserDeleteCompleted } from '../../src/testing/index.js';
import { describeStatusTable, NOW, readAcknowledgement, SECRET, signed } from '../receive/status-table.js';
import { mountServer } from './serve.js';

function app<I extends KnownEventType>(options: WebhookHandlerOptions<I>, parser?: express.RequestHandler) {
  const app = express();
  if (parser !== undefined) app.use(parser);
  app.all('/webhook', toNodeListener(options));
  return mountServer(createServer(app));
}

describeStatusTable('Express 5 with no body parser', (options) => app(options));

describe('toNodeListener in Express 5', () => {
  const options = (seen: string[], errors: WebhookError[]): WebhookHandlerOptions<'data-export-completed'> => ({
    secret: SECRET,
    now: () => NOW,
    on: { 'user-delete-completed': (event) => seen.push(event.person.id) },
    ignore: ['data-export-completed'],
    onError: (error) => errors.push(error),
  });

  it('uses the Buffer that express.raw() already read', async () => {
    const [seen, errors] = [[] as string[], [] as WebhookError[]];
    const receiver = await app(options(seen, errors), express.raw({ type: '*/*' }));
    try {
      expect((await receiver.send(await signed(buildUserDeleteCompleted()))).status).toBe(200);
    } finally {
      await receiver.close();
    }
    expect([seen, errors]).toEqual([['789'], []]);
  });

  it('fails loudly, with the fix, when express.json() parsed the body first', async () => {
    const [seen, errors] = [[] as string[], [] as WebhookError[]];
    const receiver = await app(options(seen, errors), express.json({ type: '*/*' }));
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
    expect(errors[0]?.message).toMatch(/already parsed by a body parser .*express\.raw/);
  });
});
