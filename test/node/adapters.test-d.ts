import { createServer } from 'node:http';
import express from 'express';
import Fastify from 'fastify';
import { Redis } from 'ioredis';
import { createClient } from 'redis';
import { describe, expectTypeOf, it } from 'vitest';
import { defineEvent, type IdempotencyStore } from '../../src/index.js';
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

  it('take user-defined events, whose handlers are then required too', () => {
    const merge = defineEvent({
      definition: {
        resourceType: 'MessageDefinition',
        status: 'active',
        date: '2026-12-01',
        eventCoding: { system: 'http://icanbwell.com/event-types', code: 'user-merge-completed' },
      },
    });
    toNodeListener({
      secret,
      events: [merge],
      on: { 'user-merge-completed': (event) => expectTypeOf(event.type).toEqualTypeOf<'user-merge-completed'>() },
      ignore: ['user-delete-completed', 'data-export-completed'],
    });
    // @ts-expect-error: the user's event has no handler and is not ignored
    toNodeListener({ secret, events: [merge], on: {}, ignore: ['user-delete-completed', 'data-export-completed'] });
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
