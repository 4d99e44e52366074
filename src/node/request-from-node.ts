// From Node's IncomingMessage to a Fetch Request, for a Fetch handler given to toNodeListener (one the
// receiver did not make, or wrapped, as the CLI does). The receiver's own options never take this path. Internal.

import type { IncomingMessage } from 'node:http';
import { alreadyRead, leftBytes, streamRead } from './node-body.js';
import { EXPRESS_FIX } from './node-fixes.js';

/**
 * Node's request, with what a framework may have hung on it: the `body` it buffered or parsed, the raw bytes
 * NestJS keeps with `rawBody: true`, and Express's `originalUrl`.
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
  /** The raw body NestJS keeps when the app is created with `{ rawBody: true }`. */
  rawBody?: unknown;
  /** The URL before Express stripped a mount path from `url`. */
  originalUrl?: string;
};

/** The absolute URL of a Node request, from its Host header and path (not validated: see the core). */
export function urlOf(req: NodeRequest): string {
  const scheme = (req.socket as { encrypted?: boolean } | null)?.encrypted === true ? 'https' : 'http';
  return `${scheme}://${req.headers.host ?? 'localhost'}${req.originalUrl ?? req.url ?? '/'}`;
}

/** The bytes a framework left: NestJS's rawBody first (the exact bytes), else a Buffer or text in req.body. */
export const leftOf = (req: NodeRequest) => ({
  raw: leftBytes(req.rawBody) ?? req.body,
  parsed: req.body,
  fix: EXPRESS_FIX,
});

/**
 * A Request for `req`: with the bytes a framework left, else the stream itself (read only as fast as the
 * handler pulls, so the byte cap stops it mid-stream), else a stream that fails with `body_already_read`.
 */
export function requestFromNode(req: NodeRequest): Request {
  const url = urlOf(req);
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    if (value === undefined) continue;
    for (const item of typeof value === 'string' ? [value] : value) headers.append(name, item);
  }
  const method = req.method ?? 'GET';
  const target = URL.canParse(url) ? url : 'http://localhost/';
  if (method === 'GET' || method === 'HEAD') return new Request(target, { method, headers });
  let content: BodyInit;
  if (!streamRead(req)) content = streamOf(req);
  else {
    const left = leftOf(req);
    const bytes = leftBytes(left.raw);
    content =
      bytes === undefined
        ? new ReadableStream({ start: (controller) => controller.error(alreadyRead(left)) })
        : new Uint8Array(bytes.buffer as ArrayBuffer, bytes.byteOffset, bytes.byteLength);
  }
  return new Request(target, { method, headers, body: content, duplex: 'half' } as RequestInit);
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
