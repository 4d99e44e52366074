import { toNodeListener } from 'bwell-webhooks/node';
import express from 'express';
import { deleteUserData, queueExportDownload } from './your-app.js';

const secret = process.env.BWELL_WEBHOOK_SECRET;
if (!secret) throw new Error('Set BWELL_WEBHOOK_SECRET to the signing secret b.well gave you (whsec_...)');

const app = express();

// Before any app.use(express.json()): the signature covers the raw bytes, which a JSON parser consumes.
app.all(
  '/webhook',
  toNodeListener({
    secret,
    on: {
      'user-delete-completed': (event) => deleteUserData(event.externalIdentifier?.value ?? event.person.id),
      'data-export-completed': (event) =>
        queueExportDownload(event.externalIdentifier?.value ?? event.person.id, event.downloadUrl),
    },
  }),
);

app.use(express.json());
app.post('/api/things', (req, res) => {
  res.json({ received: req.body });
});

export const server = app.listen(Number(process.env.PORT ?? 3000), process.env.HOST ?? '0.0.0.0');
