// Reading a Node request's body into bytes, under the byte cap and the body deadline, and telling apart a body
// that is still in the stream, one a framework already read into bytes (fine), and one a parser consumed
// (refused, with the fix). Internal to the Node shells.

import type { IncomingMessage } from 'node:http';
import { WebhookError } from '../errors.js';
import { payloadTooLarge } from '../lib/fail.js';
import { bodyIncomplete, bodyTimeout } from '../receive/body-errors.js';
import type { BodyLimits } from '../receive/receive-delivery.js';

/** What a framework may have left of the body: raw bytes or text, and what a parser made of it. */
export interface LeftBody {
  /** Bytes or text of the whole body (`express.raw()`'s Buffer, NestJS's `rawBody`, Koa's `rawBody`). */
  readonly raw: unknown;
  /** Whatever a parser put in its place (`req.body`), for the message. */
  readonly parsed: unknown;
  /** How to fix a body already consumed, in this framework's words. */
  readonly fix: string;
}

const TIMER_MAX = 2_147_483_647;

/** Whether something else already took the body out of the stream (a parser, a middleware). */
export const streamRead = (req: IncomingMessage) => req.readableEnded || req.readableDidRead;

/** The bytes a framework left, if it left the whole body as bytes or text. */
export function leftBytes(raw: unknown): Uint8Array | undefined {
  if (raw instanceof Uint8Array) return raw;
  // Text a body parser decoded as UTF-8 (Koa's rawBody, express.text()): the same bytes for any valid UTF-8.
  if (typeof raw === 'string') return Buffer.from(raw, 'utf8');
  return undefined;
}

/** The body already read by someone else, as the error every shell answers it with. */
export function alreadyRead(left: LeftBody): WebhookError {
  const what =
    left.parsed === undefined || left.parsed === null
      ? 'The request body was already read by something before the webhook handler'
      : 'The request body was already parsed by a body parser before the webhook handler';
  return new WebhookError('body_already_read', `${what}, and the raw bytes a signature covers are gone. ${left.fix}`);
}

/**
 * The bytes a framework left, or a `body_already_read` WebhookError, for a stream someone else already read;
 * `payload_too_large` for a declared Content-Length over the cap. Synchronous: the stream itself is read by
 * readNodeStream, before the core is called.
 */
export function leftNodeBody(req: IncomingMessage, limits: BodyLimits, leftBody: () => LeftBody): Uint8Array {
  if (streamRead(req)) {
    const left = leftBody();
    const bytes = leftBytes(left.raw);
    if (bytes === undefined) throw alreadyRead(left);
    return bytes;
  }
  throw payloadTooLarge(limits.maxBytes, `a Content-Length of ${req.headers['content-length']}`);
}

/** Whether the stream holds a body to read: nothing read it yet, and its declared length is within the cap. */
export function readable(req: IncomingMessage, maxBytes: number): boolean {
  if (streamRead(req)) return false;
  const declared = req.headers['content-length'];
  return declared === undefined || !(Number(declared) > maxBytes);
}

/**
 * Reads the body still in the stream under the byte cap and the deadline, and hands `done` its bytes or the
 * WebhookError that ended the read, once. A body of one chunk (most are) is handed over as that chunk: the
 * HTTP parser makes each chunk a Buffer of its own, which nobody else writes to; several are joined once.
 */
export function readNodeStream(
  req: IncomingMessage,
  limits: BodyLimits,
  done: (body: Uint8Array | WebhookError) => void,
): void {
  const { maxBytes, timeoutMs } = limits;
  let first: Buffer | undefined;
  let more: Buffer[] | undefined;
  let total = 0;
  let settled = false;
  const finish = (error: WebhookError | undefined) => {
    if (settled) return;
    settled = true;
    if (timer !== undefined) clearTimeout(timer);
    // Listeners stay for the request's last events ('close' after the answer), which `settled` ignores; only
    // 'data' goes on a refusal, so that nothing more is kept if the stream is ever resumed.
    if (error === undefined) {
      done(more === undefined ? (first ?? EMPTY) : Buffer.concat(more, total));
      return;
    }
    // The rest of the body stays unread and the connection closes after the answer: draining it would read
    // what the cap or the deadline refused, and destroying the request would take the answer with it.
    req.off('data', data);
    req.pause();
    done(error);
  };
  const data = (chunk: Buffer) => {
    total += chunk.length;
    if (total > maxBytes) finish(payloadTooLarge(maxBytes, 'more'));
    else if (first === undefined) first = chunk;
    else {
      more ??= [first];
      more.push(chunk);
    }
  };
  const timer = timeoutMs > TIMER_MAX ? undefined : setTimeout(() => finish(bodyTimeout(timeoutMs)), timeoutMs);
  req.on('data', data);
  req.on('end', () => finish(undefined));
  // Errors made only when they end the read: after the body, 'close' still comes, on every request.
  req.on('error', (error: Error) => settled || finish(bodyIncomplete(error)));
  // The client went away before the body ended (after a complete body, 'end' comes first).
  req.on('close', () => settled || finish(bodyIncomplete()));
}

const EMPTY = Buffer.alloc(0);
