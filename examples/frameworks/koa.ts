import { bodyParser } from '@koa/bodyparser';
import { koaWebhook } from 'bwell-webhooks/node';
import Koa from 'koa';
import { deleteUser, keepForReview, queueExportDownload } from './your-app.js';

const secret = process.env.BWELL_WEBHOOK_SECRET;
if (!secret) throw new Error('Set BWELL_WEBHOOK_SECRET to the signing secret b.well gave you (whsec_...)');

const webhook = koaWebhook({
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

const app = new Koa();
// The usual global body parser may stay first: for the JSON it parses it keeps the raw text
// (ctx.request.rawBody), which the webhook verifies; other types (application/fhir+json) it leaves unread.
app.use(bodyParser());
app.use((ctx, next) => (ctx.path === '/webhook' ? webhook(ctx) : next()));
app.use((ctx) => {
  ctx.body = { received: ctx.request.body };
});

export const server = app.listen(Number(process.env.PORT ?? 3000), process.env.HOST ?? '0.0.0.0');
