import { createServer } from 'node:http';
import express from 'express';
import Fastify from 'fastify';
import { Redis } from 'ioredis';
import { createClient } from 'redis';
import { describe, expectTypeOf, it } from 'vitest';
import type { IdempotencyStore } from '../../src/index.js';
import { fastifyWebhook, toNodeListener } from '../../src/node/index.js';
import { redisStore } from '../../src/redis/index.js';

const secret = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';

describe('the adapters fit the real frameworks and clients', () => {
  it('serves node:http and Express with one listener', () => {
    const listener = toNodeListener({
      secret,
      on: { 'user-delete-completed': () => {} },
      ignore: ['data-export-completed'],
    });
    createServer(listener);
    express().post('/webhook', listener);
  });

  it('registers in Fastify', () => {
    Fastify().register(fastifyWebhook({ secret, on: {}, ignore: ['user-delete-completed', 'data-export-completed'] }), {
      prefix: '/webhook',
    });
  });

  it('takes node-redis and ioredis clients', () => {
    expectTypeOf(redisStore(createClient())).toEqualTypeOf<IdempotencyStore>();
    redisStore(new Redis({ lazyConnect: true }));
    // @ts-expect-error: not a Redis client
    redisStore({ get: () => null });
  });
});
