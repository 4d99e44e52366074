import { createServer } from 'node:http';
import { toNodeListener } from 'bwell-webhooks/node';
import { deleteUserData, queueExportDownload } from './your-app.js';

const secret = process.env.BWELL_WEBHOOK_SECRET;
if (!secret) throw new Error('Set BWELL_WEBHOOK_SECRET to the signing secret b.well gave you (whsec_...)');

const webhook = toNodeListener({
  secret,
  on: {
    'user-delete-completed': (event) => deleteUserData(event.externalIdentifier?.value ?? event.person.id),
    'data-export-completed': (event) =>
      queueExportDownload(event.externalIdentifier?.value ?? event.person.id, event.downloadUrl),
  },
});

export const server = createServer((req, res) => {
  if (req.url === '/webhook') return webhook(req, res);
  res.writeHead(404).end('Not found');
});

server.listen(Number(process.env.PORT ?? 3000), process.env.HOST);
