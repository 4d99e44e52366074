// The catalogue of named bad inputs (issue 6), part 2: a 100 MB body, made lazily, sent to the Fetch handler
// and over a real socket to the Node listener. Both answer 413 without reading it whole.
import { once } from 'node:events';
import { createServer, request as httpRequest } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { createWebhookHandler } from '../../src/index.js';
import { toNodeListener } from '../../src/node/index.js';
import { IGNORE_ALL } from '../receive/status-table.js';
import { SECRET, signedAt, VALID as valid } from './helpers.js';

describe('a 100 MB body', () => {
  const CHUNK = 64 * 1024;
  const TOTAL = 100 * 1024 * 1024;
  // A body made lazily, one chunk per pull: `pulled` tells how much of it the receiver asked for.
  function lazyBody() {
    const state = { pulled: 0 };
    const chunk = new Uint8Array(CHUNK).fill(0x20);
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (state.pulled >= TOTAL) return controller.close();
        state.pulled += CHUNK;
        controller.enqueue(chunk);
      },
    });
    return { stream, state };
  }

  it('gets 413 from the Fetch handler, which stops reading at the 1 MiB cap', async () => {
    const { stream, state } = lazyBody();
    const handler = createWebhookHandler({ secret: SECRET, ...IGNORE_ALL });
    const headers = await signedAt(valid, Math.floor(Date.now() / 1000));
    const request = new Request('http://127.0.0.1/webhook', {
      method: 'POST',
      body: stream,
      headers,
      duplex: 'half',
    } as RequestInit);
    const response = await handler(request);
    expect(response.status).toBe(413);
    expect(state.pulled).toBeLessThanOrEqual(1024 * 1024 + 4 * CHUNK);
  });

  it('gets 413 from the Node listener (bwell-webhooks/node), streamed over a real socket, without reading it all', async () => {
    const server = createServer(toNodeListener({ secret: SECRET, ...IGNORE_ALL }));
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    const { port } = server.address() as AddressInfo;
    let sent = 0;
    try {
      const headers = await signedAt(valid, Math.floor(Date.now() / 1000));
      const status = await new Promise<number>((resolve, reject) => {
        const req = httpRequest({ host: '127.0.0.1', port, method: 'POST', path: '/webhook', headers });
        req.on('response', (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
        });
        // After the answer the server may close the socket mid-upload: that is the point, not a failure.
        req.on('error', (error) => (sent < TOTAL && sent > 0 ? undefined : reject(error)));
        const chunk = Buffer.alloc(CHUNK, 0x20);
        const write = () => {
          while (sent < TOTAL && !req.destroyed) {
            sent += CHUNK;
            if (!req.write(chunk)) return void req.once('drain', write);
          }
          if (!req.destroyed) req.end();
        };
        write();
      });
      expect(status).toBe(413);
      // The body did cross the cap, and the client could not send much more once the server closed:
      // a few MB of socket buffers, never the 100 MB.
      expect(sent).toBeGreaterThan(1024 * 1024);
      expect(sent).toBeLessThan(16 * 1024 * 1024);
    } finally {
      server.closeAllConnections();
      server.close();
    }
  });
});
