import { createWebhookHandler, type WebhookError, type WebhookEvent } from '../index.js';
import { type EventSummary, formatSummary, summariseEvent } from './describe.js';
import { escapeControl } from './escape.js';

/** What the receiver did with one delivery: the answer's status and, for people, why. */
export interface DeliveryRecord {
  readonly status: number;
  /** The `webhook-id` header as sent (verified or not). */
  readonly id: string | undefined;
  /** `handled`: a handler ran; `unknown`: onUnknown ran; `duplicate`: already processed, nothing ran; `refused`. */
  readonly outcome: 'handled' | 'unknown' | 'duplicate' | 'refused';
  /** The WebhookError code of a refused delivery. */
  readonly code?: string;
  /** Why it was refused (the library's message: never a secret, signature or whole body). */
  readonly message?: string;
  readonly event?: EventSummary;
  /** The parsed body (the message Bundle or bare MessageHeader), only when asked for (`listen --show-body`). */
  readonly resource?: unknown;
  /** The status the `--forward` target answered with. */
  readonly forwarded?: number;
}

/** What the receiver did, in a few words; `detail` adds why a delivery was refused (control characters escaped). */
export function describeRecord(record: DeliveryRecord, detail = false): string {
  const summary = record.event && formatSummary(record.event);
  switch (record.outcome) {
    case 'refused':
      return `refused: ${record.code}${detail && record.message ? ` (${escapeControl(record.message)})` : ''}`;
    case 'duplicate':
      return 'duplicate: acknowledged, handler not run again';
    case 'unknown':
      return `acknowledged ${summary}`;
    default:
      return `handled ${summary}`;
  }
}

export interface ReceiverOptions {
  readonly secret: string;
  readonly maxBytes?: number | undefined;
  readonly toleranceSeconds?: number | undefined;
  /** Keep each verified body in its record: it is patient data, so only when the user asks to see it. */
  readonly keepBody?: boolean | undefined;
  /** Where to forward each verified delivery, unchanged: body and signature headers. */
  readonly forward?: string | undefined;
  /** Called once per delivery, before its answer is sent. */
  readonly onDelivery: (record: DeliveryRecord) => void;
}

interface Seen {
  event?: WebhookEvent;
  error?: WebhookError;
  forwarded?: number;
  copy?: Request;
}

/**
 * Wraps createWebhookHandler so that the CLI can say what happened to each delivery. The per-request notes
 * are keyed by the Request that the handler hands back in its callbacks' context.
 */
export function createReceiver(options: ReceiverOptions): (request: Request) => Promise<Response> {
  const notes = new WeakMap<Request, Seen>();
  const handle = async (event: WebhookEvent, context: { request: Request }) => {
    const seen = notes.get(context.request) as Seen;
    seen.event = event;
    if (options.forward && seen.copy) seen.forwarded = await forward(options.forward, seen.copy);
  };
  const handler = createWebhookHandler({
    secret: options.secret,
    on: { 'user-delete-completed': handle, 'data-export-completed': handle },
    onUnknown: handle,
    onError: (error, context) => {
      const seen = notes.get(context.request);
      if (seen) seen.error = error;
    },
    ...(options.maxBytes !== undefined && { maxBytes: options.maxBytes }),
    ...(options.toleranceSeconds !== undefined && { toleranceSeconds: options.toleranceSeconds }),
  });
  return async (request) => {
    // A tee of the body, only to forward the exact bytes (the handler consumes the original).
    const seen: Seen = options.forward && request.method === 'POST' ? { copy: request.clone() } : {};
    notes.set(request, seen);
    const response = await handler(request);
    const id = request.headers.get('webhook-id') ?? undefined;
    options.onDelivery(record(response.status, id, seen, options.keepBody === true));
    return response;
  };
}

function record(status: number, id: string | undefined, seen: Seen, keepBody: boolean): DeliveryRecord {
  const forwarded = seen.forwarded === undefined ? {} : { forwarded: seen.forwarded };
  if (seen.error) {
    return { status, id, outcome: 'refused', code: seen.error.code, message: seen.error.message, ...forwarded };
  }
  if (!seen.event) return { status, id, outcome: 'duplicate' };
  const { event } = seen;
  const outcome = event.type === 'unknown' ? 'unknown' : 'handled';
  return {
    status,
    id,
    outcome,
    event: summariseEvent(event),
    ...(keepBody && { resource: event.bundle ?? event.messageHeader }),
    ...forwarded,
  };
}

// Only what the user's app needs to verify and route the delivery; hop-by-hop headers stay behind.
const FORWARDED = /^(content-type|webhook-.*|svix-.*)$/;

/** Posts the delivery's exact bytes and signature headers to `url`; a failure throws, so the sender retries. */
async function forward(url: string, copy: Request): Promise<number> {
  const headers = [...copy.headers].filter(([name]) => FORWARDED.test(name));
  const body = await copy.arrayBuffer();
  const response = await fetch(url, { method: 'POST', headers, body, signal: AbortSignal.timeout(10_000) }).catch(
    (error: Error & { cause?: { code?: string; message?: string } }) => {
      throw new Error(`forwarding to ${url} failed: ${error.cause?.code ?? error.cause?.message ?? error.message}`);
    },
  );
  await response.arrayBuffer();
  if (!response.ok) throw new Error(`forwarding to ${url} got HTTP ${response.status}`);
  return response.status;
}
