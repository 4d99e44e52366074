// main.ts of a NestJS app on the Fastify platform.
import 'reflect-metadata';
import { Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { fastifyWebhook } from 'bwell-webhooks/node';
import { UsersService } from './nestjs.js';

@Module({ providers: [UsersService] })
export class AppModule {}

export async function bootstrap() {
  const secret = process.env.BWELL_WEBHOOK_SECRET;
  if (!secret) throw new Error('Set BWELL_WEBHOOK_SECRET to the signing secret b.well gave you (whsec_...)');
  const app = await NestFactory.create<NestFastifyApplication>(AppModule, new FastifyAdapter());
  const users = app.get(UsersService);
  // The plugin reads the raw body in its own scope; Nest's JSON parser keeps serving your controllers.
  await app.register(
    fastifyWebhook({
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
    { prefix: '/webhook' },
  );
  await app.listen(Number(process.env.PORT ?? 3000), process.env.HOST ?? '0.0.0.0');
  return app;
}
