import { createServer } from 'node:http';
import { toNodeListener } from 'bwell-webhooks/node';
import { deleteUser, keepForReview, queueExportDownload } from './your-app.js';

const secret = process.env.BWELL_WEBHOOK_SECRET;
if (!secret) throw new Error('Set BWELL_WEBHOOK_SECRET to the signing secret b.well gave you (whsec_...)');

const webhook = toNodeListener({
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

export const server = createServer((req, res) => {
  if (req.url === '/webhook') return webhook(req, res);
  res.writeHead(404).end('Not found');
});

server.listen(Number(process.env.PORT ?? 3000), process.env.HOST);
