// handler.ts of a Lambda function behind API Gateway (REST or HTTP API), a Function URL or an ALB.
import { toLambdaHandler } from 'bwell-webhooks/aws-lambda';
import { redisStore } from 'bwell-webhooks/redis';
import { createClient } from 'redis';
import { deleteUser, keepForReview, queueExportDownload } from './your-app.js';

const secret = process.env.BWELL_WEBHOOK_SECRET;
if (!secret) throw new Error('Set BWELL_WEBHOOK_SECRET to the signing secret b.well gave you (whsec_...)');

// Once per cold start. Concurrent deliveries land on different instances, and a memory store deduplicates
// only within one of them: Redis makes each delivery run once across all of them.
export const redis = await createClient({ url: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379' }).connect();

export const handler = toLambdaHandler({
  secret,
  idempotency: redisStore(redis, { prefix: 'bwell:' }),
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
