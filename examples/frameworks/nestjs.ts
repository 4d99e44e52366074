// main.ts of a NestJS app on its default platform, Express.
import 'reflect-metadata';
import { Injectable, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { WebhookEvent } from 'bwell-webhooks';
import { toNodeListener } from 'bwell-webhooks/node';
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

@Module({ providers: [UsersService] })
export class AppModule {}

export async function bootstrap() {
  const secret = process.env.BWELL_WEBHOOK_SECRET;
  if (!secret) throw new Error('Set BWELL_WEBHOOK_SECRET to the signing secret b.well gave you (whsec_...)');
  // Nest's global JSON body parser stays on for your controllers.
  const app = await NestFactory.create(AppModule);
  const users = app.get(UsersService);
  // Mounted before listen(), where Nest adds its body parsers: this route reads the raw bytes itself.
  app.use(
    '/webhook',
    toNodeListener({
      secret,
      on: {
        // externalIdentifier is your own id of the user, present when you gave b.well one; never fall back to
        // event.person.id, which is b.well's id and names none of your records.
        'user-delete-completed': async (event) => {
          const userId = event.externalIdentifier?.value;
          await (userId === undefined ? users.review(event) : users.delete(userId));
        },
        'data-export-completed': async (event) => {
          const userId = event.externalIdentifier?.value;
          await (userId === undefined ? users.review(event) : users.queueExport(userId, event.downloadUrl));
        },
      },
    }),
  );
  await app.listen(Number(process.env.PORT ?? 3000), process.env.HOST ?? '0.0.0.0');
  return app;
}
