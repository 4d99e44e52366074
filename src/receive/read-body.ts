// Reading a request body under a byte cap. Internal: createWebhookHandler is its only caller.

import { payloadTooLarge as tooLarge } from '../lib/fail.js';

/**
 * The body's bytes, or a `payload_too_large` WebhookError as soon as the cap is crossed: first by the declared
 * Content-Length, then by counting while reading. An over-cap body is never held whole: reading stops and the
 * stream is cancelled at the first chunk past the cap.
 */
export async function readBody(request: Request, maxBytes: number): Promise<Uint8Array<ArrayBuffer>> {
  const declared = request.headers.get('content-length');
  if (declared !== null && Number(declared) > maxBytes) {
    await request.body?.cancel().catch(() => {});
    throw tooLarge(maxBytes, `a Content-Length of ${declared}`);
  }
  if (request.body === null) return new Uint8Array(0);
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > maxBytes) {
      await reader.cancel().catch(() => {});
      throw tooLarge(maxBytes, 'more');
    }
    chunks.push(value);
  }
  if (chunks.length === 1) return new Uint8Array(chunks[0] as Uint8Array);
  const bytes = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return bytes;
}
