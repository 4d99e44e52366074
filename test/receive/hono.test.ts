import { Hono } from 'hono';
import { createWebhookHandler } from '../../src/index.js';
import { describeStatusTable } from './status-table.js';

describeStatusTable("Hono's app.request", async (options) => {
  const webhook = createWebhookHandler(options);
  const app = new Hono();
  app.all('/webhook', (c) => webhook(c.req.raw));
  return { send: async (request) => app.request(request), close: async () => {} };
});
