// The contexts handed to handlers and onError: what every shell gives (method, URL, headers) read from the
// shell's own input, and the Fetch objects made only when a callback first reads them, so that shells which
// build no Request per delivery (Node, Lambda) cost nothing for callbacks that never look. Internal.

import type { EventDefinition } from '../events/event-definition.js';
import type { ParsedEvent } from '../parse/parse-event.js';
import type { VerifiedDelivery } from '../verify/verify-signature.js';
import type { WebhookContext, WebhookErrorContext, WebhookIssuesContext } from './handler-types.js';
import type { IncomingDelivery } from './receive-delivery.js';

class RequestView {
  #headers: Headers | undefined;
  #request: Request | undefined;
  constructor(protected readonly incoming: IncomingDelivery) {}
  get method(): string {
    return this.incoming.method;
  }
  get url(): string {
    return this.incoming.url;
  }
  get headers(): Headers {
    this.#headers ??= toHeaders(this.incoming.headers);
    return this.#headers;
  }
  get request(): Request {
    this.#request ??= this.incoming.request ?? toRequest(this.incoming.url, this.incoming.method, this.headers);
    return this.#request;
  }
}

export class HandlerContext extends RequestView implements WebhookContext {
  constructor(
    incoming: IncomingDelivery,
    readonly delivery: VerifiedDelivery,
  ) {
    super(incoming);
  }
}

export class IssuesContext extends HandlerContext implements WebhookIssuesContext {
  constructor(
    incoming: IncomingDelivery,
    delivery: VerifiedDelivery,
    readonly event: ParsedEvent<readonly EventDefinition[]>,
  ) {
    super(incoming, delivery);
  }
}

export class ErrorContext extends RequestView implements WebhookErrorContext {
  constructor(
    incoming: IncomingDelivery,
    readonly status: number,
    readonly delivery: VerifiedDelivery | undefined,
  ) {
    super(incoming);
  }
}

function toHeaders(input: IncomingDelivery['headers']): Headers {
  if (typeof (input as Headers).get === 'function') return input as Headers;
  const headers = new Headers();
  const record = input as Readonly<Record<string, string | readonly string[] | undefined>>;
  for (const name in record) {
    const value = record[name];
    if (value === undefined) continue;
    for (const item of typeof value === 'string' ? [value] : value) {
      // A header Fetch would refuse (a name or value it does not allow) is left out, never a crash in a callback.
      try {
        headers.append(name, item);
      } catch {}
    }
  }
  return headers;
}

function toRequest(url: string, method: string, headers: Headers): Request {
  try {
    return new Request(url, { method, headers });
  } catch {
    // A URL from a Host header that makes none, or a method Fetch forbids (CONNECT, TRACE).
    return new Request('http://localhost/', { headers });
  }
}
