// Reading a Fetch Request's body under the byte cap and the body deadline. Internal: the Fetch handler is
// its only caller (Node's shells read Node's streams themselves).

import { isWebhookError, WebhookError } from '../errors.js';
import { payloadTooLarge as tooLarge } from '../lib/fail.js';
import { bodyIncomplete, bodyTimeout } from './body-errors.js';
import type { BodyLimits } from './receive-delivery.js';

const ALREADY_READ =
  'The request body was already read before the webhook handler got it, and the raw bytes a signature covers are ' +
  'gone: let no body parser or middleware read it first on this route.';

/**
 * The body's bytes, or a WebhookError: `payload_too_large` as soon as the cap is crossed (first by the declared
 * Content-Length, then by counting while reading), `body_timeout` when the whole body has not arrived within
 * the deadline, `body_already_read` when something else consumed or locked the stream first. An over-cap or
 * late body is never held whole: reading stops at once and the stream is cancelled without waiting for the
 * cancellation to settle (some sandboxes, Next.js's edge runtime among them, never settle it).
 */
export async function readBody(request: Request, limits: BodyLimits): Promise<Uint8Array> {
  const { maxBytes, timeoutMs } = limits;
  const declared = request.headers.get('content-length');
  if (declared !== null && Number(declared) > maxBytes) {
    // Not awaited: some sandboxes (Next.js's edge runtime) never settle a cancellation, and the 413 must not wait.
    if (!request.bodyUsed) request.body?.cancel().catch(() => {});
    throw tooLarge(maxBytes, `a Content-Length of ${declared}`);
  }
  let timer: ReturnType<typeof setTimeout> | undefined;
  // One deadline for the whole body, raced against each read: a stalled stream never holds the answer.
  const deadline =
    timeoutMs > 2_147_483_647
      ? undefined
      : new Promise<never>((_, reject) => {
          timer = setTimeout(() => reject(bodyTimeout(timeoutMs)), timeoutMs);
        });
  const race = <T>(read: Promise<T>) => (deadline === undefined ? read : Promise.race([read, deadline]));
  try {
    if (request.bodyUsed) throw alreadyRead();
    if (declared !== null) {
      // A declared length within the cap: the HTTP layer delivers exactly that many bytes (and the core checks
      // again), so the body is read in one call, which Node adapters such as @hono/node-server serve straight
      // from the socket. Touching request.body first would make them build a web stream.
      try {
        return new Uint8Array(await race(request.arrayBuffer()));
      } catch (error) {
        throw failure(request, error);
      }
    }
    if (request.body?.locked === true) throw alreadyRead();
    if (request.body === null) return new Uint8Array(0);
    return await readStream(request.body.getReader(), maxBytes, race);
  } finally {
    clearTimeout(timer);
  }
}

async function readStream(
  reader: ReadableStreamDefaultReader<Uint8Array>,
  maxBytes: number,
  race: <T>(read: Promise<T>) => Promise<T>,
): Promise<Uint8Array> {
  const chunks: Uint8Array[] = [];
  let total = 0;
  try {
    for (;;) {
      const { done, value } = await race(reader.read());
      if (done) break;
      total += value.byteLength;
      if (total > maxBytes) throw tooLarge(maxBytes, 'more');
      chunks.push(value);
    }
  } catch (error) {
    // Not awaited, as above.
    reader.cancel().catch(() => {});
    throw isWebhookError(error) ? error : bodyIncomplete(error);
  }
  // Always a copy, even of a single chunk: the stream's producer still holds its chunks and may change them,
  // and the bytes parsed must be the bytes verified (WebCrypto verifies later, after a tick).
  const bytes = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return bytes;
}

const alreadyRead = () => new WebhookError('body_already_read', ALREADY_READ);

/**
 * Why reading failed: our own error as is; a stream that broke off once reading began; else a body that was
 * locked by someone else (reading a locked body fails before it starts, leaving it undisturbed).
 */
function failure(request: Request, error: unknown): WebhookError {
  if (isWebhookError(error)) return error;
  return request.bodyUsed ? bodyIncomplete(error) : alreadyRead();
}
