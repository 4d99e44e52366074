// toNodeListener on a real socket: with a synchronous store and handler, the answer is written in the same
// turn as the body's 'end' (no promise between them), and a body is still read under its bodyTimeoutMs.
import { once } from 'node:events';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { connect, type Socket } from 'node:net';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { memoryStore } from '../../src/index.js';
import { toNodeListener } from '../../src/node/index.js';
import { buildUserDeleteCompleted } from '../../src/testing/index.js';
import { NOW, SECRET, signed, withHandlers } from '../receive/status-table.js';
import { closeServer } from './serve.js';

const BODY_TIMEOUT_MS = 4321;

/** A server whose listener is ours, followed by a probe of the response at the end of the request body. */
async function serve() {
  const listener = toNodeListener({
    secret: SECRET,
    now: () => NOW,
    on: withHandlers(),
    idempotency: memoryStore({ now: () => NOW }),
    bodyTimeoutMs: BODY_TIMEOUT_MS,
  });
  const answeredAtEnd: boolean[] = [];
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    listener(req, res);
    // Registered after the listener's own: runs right after it, in the same turn.
    req.on('end', () => answeredAtEnd.push(res.writableEnded));
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as { port: number };
  return { port, answeredAtEnd, close: () => closeServer(server) };
}

/** The raw HTTP/1.1 text of a signed delivery. */
async function rawDelivery(id: string): Promise<{ head: string; body: string }> {
  const request = await signed(buildUserDeleteCompleted({ id: `bundle-${id}` }), `msg_${id}`);
  const body = await request.text();
  const lines = [`POST /webhook HTTP/1.1`, 'Host: 127.0.0.1', `Content-Length: ${Buffer.byteLength(body)}`];
  for (const [name, value] of request.headers) if (name !== 'content-length') lines.push(`${name}: ${value}`);
  return { head: `${lines.join('\r\n')}\r\n\r\n`, body };
}

/** The status line of the answer on `socket`. */
async function statusLine(socket: Socket): Promise<string> {
  const [data] = await once(socket, 'data');
  return String(data).split('\r\n')[0] as string;
}

const deadlineTimers = (spy: { mock: { calls: unknown[][] } }) =>
  spy.mock.calls.filter(([, ms]) => ms === BODY_TIMEOUT_MS).length;

afterEach(() => vi.restoreAllMocks());

describe('toNodeListener with a synchronous store and handler', () => {
  it('writes the answer in the turn the body ended', async () => {
    const { port, answeredAtEnd, close } = await serve();
    try {
      // The secret's key is imported already (signing the deliveries did it): every check is synchronous.
      for (const id of ['first', 'second']) {
        const { head, body } = await rawDelivery(id);
        const socket = connect(port, '127.0.0.1');
        await once(socket, 'connect');
        socket.write(head + body);
        expect(await statusLine(socket)).toBe('HTTP/1.1 200 OK');
        socket.destroy();
      }
      expect(answeredAtEnd).toEqual([true, true]);
    } finally {
      await close();
    }
  });

  it('reads the body under one bodyTimeoutMs deadline, and answers once it came', async () => {
    const { port, close } = await serve();
    try {
      const { head, body } = await rawDelivery('split');
      const socket = connect(port, '127.0.0.1');
      await once(socket, 'connect');
      const timers = vi.spyOn(globalThis, 'setTimeout');
      socket.write(head + body.slice(0, 100));
      await vi.waitFor(() => expect(deadlineTimers(timers)).toBe(1));
      socket.write(body.slice(100));
      expect(await statusLine(socket)).toBe('HTTP/1.1 200 OK');
      socket.destroy();
    } finally {
      await close();
    }
  });
});
