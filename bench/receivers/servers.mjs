// One receiver per child process of bench/receivers.bench.mjs: `node servers.mjs <name>` listens on a free
// loopback port, sends { port } to its parent over IPC, and answers { handled } (how many deliveries ran their
// handler) when asked. Each receiver verifies the signature, parses the JSON, runs a handler that counts,
// and answers 200; ours also parse the FHIR event, claim the delivery in the memory store and answer with
// the FHIR acknowledgement, as in production.
import { createHmac, timingSafeEqual } from 'node:crypto';
import { createServer } from 'node:http';
import { serve } from '@hono/node-server';
import express from 'express';
import Fastify from 'fastify';
import { Hono } from 'hono';
import { Webhook as StandardWebhook } from 'standardwebhooks';
import { Webhook as SvixWebhook } from 'svix';
import { createAcknowledgement, createWebhookHandler, memoryStore } from '../../dist/index.js';
import { fastifyWebhook, toNodeListener } from '../../dist/node/index.js';
import { SECRET } from './deliveries.mjs';

let handled = 0;
const handle = () => {
  handled++;
};
const on = { 'user-delete-completed': handle, 'data-export-completed': handle };
// Room for every delivery of a run: the benchmark measures receiving, not a full store making room (each
// delivery is distinct, and a store at its bound spends its time evicting, or refusing, not receiving).
const options = { secret: SECRET, on, onUnknown: handle, idempotency: memoryStore({ maxEntries: 5_000_000 }) };
// What a hand-written receiver answers: b.well's acknowledgement of the same size as ours, made once and
// sent to every delivery unchanged (a real one would name each delivery; this is the least it can cost).
const ACK = JSON.stringify(
  createAcknowledgement({
    identifier: 'bundle-0000000001',
    source: 'https://client.system.com/webhook',
    destination: 'https://icanbwell.com',
    timestamp: new Date(),
  }),
);
const ACK_HEADERS = { 'content-type': 'application/fhir+json', 'content-length': Buffer.byteLength(ACK) };
const key = Buffer.from(SECRET.slice(6), 'base64');

/** The least a receiver can do: read the body, one HMAC, timingSafeEqual, JSON.parse, the fixed answer. */
function floor(req, res) {
  const chunks = [];
  req.on('data', (chunk) => chunks.push(chunk));
  req.on('end', () => {
    const body = chunks.length === 1 ? chunks[0] : Buffer.concat(chunks);
    const { 'webhook-id': id, 'webhook-timestamp': timestamp, 'webhook-signature': signature } = req.headers;
    const mac = createHmac('sha256', key).update(`${id}.${timestamp}.`).update(body).digest();
    const given = Buffer.from(signature.slice(3), 'base64');
    if (given.length !== mac.length || !timingSafeEqual(mac, given)) {
      res.writeHead(401).end();
      return;
    }
    JSON.parse(body);
    handle();
    res.writeHead(200, ACK_HEADERS).end(ACK);
  });
}

/** A library's verify(body, headers) that also parses the JSON, then the handler and the fixed answer. */
const viaLibrary = (webhook) => (body, headers) => {
  webhook.verify(body, headers);
  handle();
};

const svix = viaLibrary(new SvixWebhook(SECRET));
const standard = viaLibrary(new StandardWebhook(SECRET));

function expressWith(verify) {
  const app = express();
  app.post('/webhook', express.raw({ type: '*/*' }), (req, res) => {
    try {
      verify(req.body, req.headers);
    } catch {
      res.status(401).end();
      return;
    }
    res.writeHead(200, ACK_HEADERS).end(ACK);
  });
  return createServer(app);
}

function fastifyWith(verify) {
  const app = Fastify();
  app.register(async (scope) => {
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser('*', { parseAs: 'buffer' }, (_request, body, done) => done(null, body));
    scope.post('/webhook', async (request, reply) => {
      try {
        verify(request.body, request.headers);
      } catch {
        return reply.code(401).send();
      }
      return reply.code(200).headers({ 'content-type': 'application/fhir+json' }).send(ACK);
    });
  });
  return app;
}

function honoWith(verify) {
  const app = new Hono();
  app.post('/webhook', async (c) => {
    const body = new Uint8Array(await c.req.arrayBuffer());
    try {
      verify(Buffer.from(body.buffer, body.byteOffset, body.byteLength), Object.fromEntries(c.req.raw.headers));
    } catch {
      return c.body(null, 401);
    }
    return c.body(ACK, 200, { 'content-type': 'application/fhir+json' });
  });
  return app;
}

const RECEIVERS = {
  floor: () => createServer(floor),
  'node:http toNodeListener': () => createServer(toNodeListener(options)),
  'express toNodeListener': () => {
    const app = express();
    app.post('/webhook', toNodeListener(options));
    return createServer(app);
  },
  // The floor's own work as an Express route: what Express itself costs around any receiver.
  'express floor': () => {
    const app = express();
    app.post('/webhook', floor);
    return createServer(app);
  },
  'express svix': () => expressWith(svix),
  'express standardwebhooks': () => expressWith(standard),
  'fastify fastifyWebhook': () => {
    const app = Fastify();
    app.register(fastifyWebhook(options), { prefix: '/webhook' });
    return app;
  },
  'fastify floor': () => {
    const app = Fastify();
    app.register(async (scope) => {
      scope.removeAllContentTypeParsers();
      scope.addContentTypeParser('*', (_request, _payload, done) => done(null));
      scope.post('/webhook', (request, reply) => {
        reply.hijack();
        floor(request.raw, reply.raw);
      });
    });
    return app;
  },
  'fastify svix': () => fastifyWith(svix),
  'fastify standardwebhooks': () => fastifyWith(standard),
  'hono createWebhookHandler': () => {
    const webhook = createWebhookHandler(options);
    const app = new Hono();
    app.post('/webhook', (c) => webhook(c.req.raw));
    return app;
  },
  'hono svix': () => honoWith(svix),
};

export const RECEIVER_NAMES = Object.keys(RECEIVERS);

async function listen(name) {
  const made = RECEIVERS[name]();
  if (typeof made.fetch === 'function') {
    // Hono on @hono/node-server, its Node adapter.
    return new Promise((resolve) => {
      const server = serve({ fetch: made.fetch, port: 0, hostname: '127.0.0.1' }, (info) => resolve(info.port));
      void server;
    });
  }
  if (typeof made.listen === 'function' && typeof made.inject === 'function') {
    await made.listen({ port: 0, host: '127.0.0.1' });
    return made.server.address().port;
  }
  await new Promise((resolve) => made.listen(0, '127.0.0.1', resolve));
  return made.address().port;
}

process.on('SIGINT', () => process.exit(0));
if (process.argv[2] !== undefined) {
  const port = await listen(process.argv[2]);
  process.on('message', (message) => {
    if (message !== 'handled') return;
    const { user, system } = process.cpuUsage();
    process.send({ handled, cpuMicros: user + system });
  });
  process.send({ port });
}
