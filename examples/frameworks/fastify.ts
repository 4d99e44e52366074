import { fastifyWebhook } from 'bwell-webhooks/node';
import Fastify from 'fastify';
import { deleteUser, keepForReview, queueExportDownload } from './your-app.js';

const secret = process.env.BWELL_WEBHOOK_SECRET;
if (!secret) throw new Error('Set BWELL_WEBHOOK_SECRET to the signing secret b.well gave you (whsec_...)');

export const app = Fastify();

// The plugin reads the raw body inside its own scope; the rest of the app keeps Fastify's JSON parser.
app.register(
  fastifyWebhook({
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
  }),
  { prefix: '/webhook' },
);

app.post('/api/things', async (request) => ({ received: request.body }));

await app.listen({ port: Number(process.env.PORT ?? 3000), host: process.env.HOST ?? '0.0.0.0' });
