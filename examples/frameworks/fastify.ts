import { fastifyWebhook } from 'bwell-webhooks/node';
import Fastify from 'fastify';
import { deleteUserData, queueExportDownload } from './your-app.js';

const secret = process.env.BWELL_WEBHOOK_SECRET;
if (!secret) throw new Error('Set BWELL_WEBHOOK_SECRET to the signing secret b.well gave you (whsec_...)');

export const app = Fastify();

// The plugin reads the raw body inside its own scope; the rest of the app keeps Fastify's JSON parser.
app.register(
  fastifyWebhook({
    secret,
    on: {
      'user-delete-completed': (event) => deleteUserData(event.externalIdentifier?.value ?? event.person.id),
      'data-export-completed': (event) =>
        queueExportDownload(event.externalIdentifier?.value ?? event.person.id, event.downloadUrl),
    },
  }),
  { prefix: '/webhook' },
);

app.post('/api/things', async (request) => ({ received: request.body }));

await app.listen({ port: Number(process.env.PORT ?? 3000), host: process.env.HOST ?? '0.0.0.0' });
