import { createWebhookHandler } from 'bwell-webhooks';
import { Hono } from 'hono';
import { deleteUserData, queueExportDownload } from './your-app.js';

const secret = process.env.BWELL_WEBHOOK_SECRET;
if (!secret) throw new Error('Set BWELL_WEBHOOK_SECRET to the signing secret b.well gave you (whsec_...)');

const webhook = createWebhookHandler({
  secret,
  on: {
    'user-delete-completed': (event) => deleteUserData(event.externalIdentifier?.value ?? event.person.id),
    'data-export-completed': (event) =>
      queueExportDownload(event.externalIdentifier?.value ?? event.person.id, event.downloadUrl),
  },
});

const app = new Hono();
// c.req.raw is the untouched Request: no body parser or validator may run before it on this route.
app.all('/webhook', (c) => webhook(c.req.raw));

export default app;
