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
 * The body's bytes: the stream's, when nothing read it yet (read under the cap and the deadline); else the
 * bytes or text a framework left; else a `body_already_read` WebhookError.
 */
export function readNodeBody(
  req: IncomingMessage,
  limits: BodyLimits,
  leftBody: () => LeftBody,
): Uint8Array | Promise<Uint8Array> {
  if (streamRead(req)) {
    const left = leftBody();
    const bytes = leftBytes(left.raw);
    if (bytes === undefined) throw alreadyRead(left);
    return bytes;
  }
  const { maxBytes, timeoutMs } = limits;
  const declared = req.headers['content-length'];
  if (declared !== undefined && Number(declared) > maxBytes) {
    throw payloadTooLarge(maxBytes, `a Content-Length of ${declared}`);
  }
  return new Promise<Uint8Array>((resolve, reject) => {
    const chunks: Buffer[] = [];
    let total = 0;
    const finish = (error: WebhookError | undefined) => {
      clearTimeout(timer);
      req.off('data', data);
      req.off('end', end);
      req.off('error', failed);
      req.off('close', closed);
      if (error === undefined) {
        resolve(chunks.length === 1 ? (chunks[0] as Buffer) : Buffer.concat(chunks, total));
        return;
      }
      // The rest of the body stays unread and the connection closes after the answer: draining it would read
      // what the cap or the deadline refused, and destroying the request would take the answer with it.
      req.pause();
      reject(error);
    };
    const data = (chunk: Buffer) => {
      total += chunk.length;
      if (total > maxBytes) finish(payloadTooLarge(maxBytes, 'more'));
      else chunks.push(chunk);
    };
    const end = () => finish(undefined);
    const failed = (error: Error) => finish(bodyIncomplete(error));
    // The client went away before the body ended (after a complete body, 'end' comes first).
    const closed = () => finish(bodyIncomplete());
    const timer = timeoutMs > TIMER_MAX ? undefined : setTimeout(() => finish(bodyTimeout(timeoutMs)), timeoutMs);
    req.on('data', data);
    req.on('end', end);
    req.on('error', failed);
    req.on('close', closed);
  });
}
