// A Fetch API module: `export default { fetch }` is served as is by Cloudflare Workers, `deno serve` and Bun.
import { createWebhookHandler } from 'bwell-webhooks';
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

export default {
  fetch(request: Request): Promise<Response> {
    if (new URL(request.url).pathname === '/webhook') return webhook(request);
    return Promise.resolve(new Response('Not found', { status: 404 }));
  },
};
