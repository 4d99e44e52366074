import { toNodeListener } from 'bwell-webhooks/node';
import express from 'express';
import { deleteUser, keepForReview, queueExportDownload } from './your-app.js';

const secret = process.env.BWELL_WEBHOOK_SECRET;
if (!secret) throw new Error('Set BWELL_WEBHOOK_SECRET to the signing secret b.well gave you (whsec_...)');

const app = express();

// Before any app.use(express.json()): the signature covers the raw bytes, which a JSON parser consumes.
app.all(
  '/webhook',
  toNodeListener({
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
);

app.use(express.json());
app.post('/api/things', (req, res) => {
  res.json({ received: req.body });
});

export const server = app.listen(Number(process.env.PORT ?? 3000), process.env.HOST ?? '0.0.0.0');
