// From Node's IncomingMessage to a Fetch Request whose body streams on demand. Internal.

import type { IncomingMessage } from 'node:http';

/**
 * Node's request, with the `body` a framework may have hung on it: raw bytes it buffered, or a value it parsed.
 *
 * @example
 * ```ts
 * import type { NodeRequest } from 'bwell-webhooks/node';
 *
 * const buffered = (req: NodeRequest) => req.body instanceof Uint8Array;
 * ```
 */
export type NodeRequest = IncomingMessage & {
  /** What a framework left on the request: a Buffer it read (fine) or a value it parsed (refused). */
  body?: unknown;
};

const PARSED_BODY =
  'bwell-webhooks: req.body was already parsed by a body parser (express.json() or similar), and the raw ' +
  'bytes a signature covers are gone. Mount the webhook route before the body parser, or give it ' +
  "express.raw({ type: '*/*' }) so that req.body is a Buffer.";

/**
 * A Request for `req`. The body is, in order: a Buffer or string a framework already read into `req.body`;
 * an error (a TypeError explaining the fix) when a framework parsed it into anything else; otherwise the
 * request stream itself, read only as fast as the handler pulls, so the byte cap stops it mid-stream.
 */
export function requestFromNode(req: NodeRequest): Request {
  // A Host header or a path that makes no URL must not turn the delivery into a crash.
  const path = req.url ?? '/';
  const host = `http://${req.headers.host}`;
  const base = URL.canParse(host) ? host : 'http://localhost';
  const url = URL.canParse(path, base) ? new URL(path, base) : new URL(base);
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    if (value === undefined) continue;
    for (const item of typeof value === 'string' ? [value] : value) headers.append(name, item);
  }
  const method = req.method ?? 'GET';
  if (method === 'GET' || method === 'HEAD') return new Request(url, { method, headers });
  const { body } = req;
  let content: BodyInit;
  if (typeof body === 'string') content = body;
  else if (body instanceof Uint8Array) {
    // A view, not a copy; Node's Buffers sit on plain ArrayBuffers.
    content = new Uint8Array(body.buffer as ArrayBuffer, body.byteOffset, body.byteLength);
  } else if (body !== undefined && body !== null) {
    content = new ReadableStream({ start: (controller) => controller.error(new TypeError(PARSED_BODY)) });
  } else {
    content = streamOf(req);
  }
  return new Request(url, { method, headers, body: content, duplex: 'half' } as RequestInit);
}

function streamOf(req: IncomingMessage): ReadableStream<Uint8Array> {
  return new ReadableStream<Uint8Array>(
    {
      pull(controller) {
        return new Promise<void>((resolve, reject) => {
          const done = () => {
            req.off('readable', read);
            req.off('end', end);
            req.off('error', fail);
            req.off('close', closed);
            resolve();
          };
          const read = () => {
            const chunk: Buffer | null = req.read();
            if (chunk === null) return;
            controller.enqueue(new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.byteLength));
            done();
          };
          const end = () => {
            controller.close();
            done();
          };
          const fail = (error: Error) => {
            done();
            reject(error);
          };
          // The client went away before the body ended (after a complete body, 'end' comes or came).
          const closed = () => {
            if (!req.complete) fail(new Error('the request was aborted before its body ended'));
          };
          req.on('readable', read);
          req.on('end', end);
          req.on('error', fail);
          req.on('close', closed);
          if (req.readableEnded) end();
          else read();
        });
      },
      // Nothing to do: the stream stays paused, and Node closes the connection after the answer instead of
      // reading the rest. Destroying the request here would take the socket, and the 413, with it.
      cancel() {},
    },
    { highWaterMark: 0 },
  );
}
