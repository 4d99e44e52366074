// The NestJS page's service, as its Express example defines it, for the Fastify example that imports it
// (a block that only compiles: its methods record nothing).
import { Injectable } from '@nestjs/common';
import type { WebhookEvent } from 'bwell-webhooks';

@Injectable()
export class UsersService {
  async delete(_id: string): Promise<void> {}
  async queueExport(_id: string, _downloadUrl: string): Promise<void> {}
  async review(_event: WebhookEvent): Promise<void> {}
}
