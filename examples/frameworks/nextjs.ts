// app/api/bwell-webhook/route.ts in a Next.js App Router project.
import { createWebhookHandler } from 'bwell-webhooks';
import { deleteUserData, queueExportDownload } from './your-app.js';

let webhook: ((request: Request) => Promise<Response>) | undefined;

// Next.js answers 405 to the methods a route does not export, so only POST is needed.
export function POST(request: Request): Promise<Response> {
  // Made on the first request, not at import: `next build` loads this module without your secrets.
  webhook ??= createWebhookHandler({
    secret: process.env.BWELL_WEBHOOK_SECRET as string,
    on: {
      'user-delete-completed': (event) => deleteUserData(event.externalIdentifier?.value ?? event.person.id),
      'data-export-completed': (event) =>
        queueExportDownload(event.externalIdentifier?.value ?? event.person.id, event.downloadUrl),
    },
  });
  return webhook(request);
}
