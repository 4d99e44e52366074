// app/api/bwell-webhook/route.ts in a Next.js App Router project.
import { createWebhookHandler } from 'bwell-webhooks';
import { deleteUser, keepForReview, queueExportDownload } from './your-app.js';

let webhook: ((request: Request) => Promise<Response>) | undefined;

// Next.js answers 405 to the methods a route does not export, so only POST is needed.
export function POST(request: Request): Promise<Response> {
  // Made on the first request, not at import: `next build` loads this module without your secrets.
  const secret = process.env.BWELL_WEBHOOK_SECRET;
  if (!secret) throw new Error('Set BWELL_WEBHOOK_SECRET to the signing secret b.well gave you (whsec_...)');
  webhook ??= createWebhookHandler({
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
  return webhook(request);
}
