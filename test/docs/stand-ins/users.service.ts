// The NestJS page's service, as its Express example defines it, for the Fastify example that imports it.
import { Injectable } from '@nestjs/common';
import type { WebhookEvent } from 'bwell-webhooks';
import { deleteUser, keepForReview, queueExportDownload } from './your-app.js';

@Injectable()
export class UsersService {
  async delete(id: string) {
    await deleteUser(id);
  }
  async queueExport(id: string, downloadUrl: string) {
    await queueExportDownload(id, downloadUrl);
  }
  async review(event: WebhookEvent) {
    await keepForReview(event);
  }
}
