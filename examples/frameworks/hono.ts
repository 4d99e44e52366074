import { createWebhookHandler } from 'bwell-webhooks';
import { Hono } from 'hono';
import { deleteUser, keepForReview, queueExportDownload } from './your-app.js';

const secret = process.env.BWELL_WEBHOOK_SECRET;
if (!secret) throw new Error('Set BWELL_WEBHOOK_SECRET to the signing secret b.well gave you (whsec_...)');

const webhook = createWebhookHandler({
  secret,
  on: {
    // externalIdentifier is your own id of the user, present when you gave b.well one; never fall back to
    // event.person.id, which is b.well's id and names none of your records.
    'user-delete-completed': async (event) => {
      const userId = event.externalIdentifier?.value;
      await (userId === undefined ? keepForReview(event) : deleteUser(userId));
    },
    'data-export-completed': async (event) => {
      const userId = event.externalIdentifier?.value;
      await (userId === undefined ? keepForReview(event) : queueExportDownload(userId, event.downloadUrl));
    },
  },
});

const app = new Hono();
// c.req.raw is the untouched Request: no body parser or validator may run before it on this route.
app.all('/webhook', (c) => webhook(c.req.raw));

export default app;
