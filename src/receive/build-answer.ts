// The answer to one delivery, from what the core learnt of it: the status of its code, the headers, and the
// FHIR acknowledgement unless the event's MessageDefinition asks for none. The common answer (`ok`, no R4
// issues) is written as text with its constant parts made once; what repeats from one delivery to the next
// (the endpoints, their checks, the timestamp within a millisecond) is remembered. Internal to the core.

import type { WebhookErrorCode } from '../errors.js';
import type { Registry } from '../events/registry.js';
import { isFhirId } from '../lib/fhir.js';
import { isAbsoluteUrl } from '../lib/url.js';
import { okAcknowledgementWriter } from './acknowledgement-text.js';
import { acknowledges } from './acknowledges.js';
import { answerHeaders } from './answer-headers.js';
import { createAcknowledgement } from './create-acknowledgement.js';
import type { DeliveryState } from './delivery-state.js';
import type { ReceiverAnswer } from './receive-delivery.js';
import { RECEIVE_RESPONSES } from './responses.js';

type AnswerBuilder = (state: DeliveryState, code: WebhookErrorCode | 'ok') => ReceiverAnswer;

export function answerBuilder(registry: Registry): AnswerBuilder {
  const sourceUrl = urlCheck();
  const destinationUrl = urlCheck();
  const clock = isoClock();
  const okAcknowledgementText = okAcknowledgementWriter();
  return (state, code) => {
    const { event, delivery } = state;
    const status = RECEIVE_RESPONSES[code].status;
    // The event's MessageDefinition may ask for no acknowledgement (responseRequired: never, on-error, on-success):
    // the status stays, the body goes.
    if (!acknowledges(event && registry.byType(event.type)?.definition, code === 'ok')) {
      const headers = answerHeaders(code);
      delete headers['content-type'];
      return { status, headers, body: '' };
    }
    const header = event?.messageHeader;
    // What the acknowledgement echoes must itself be valid FHIR: a value the parser only reported (an empty id,
    // a relative endpoint) or a webhook-id that is no FHIR id (`msg_...`) is passed over for the next candidate.
    const identifier = firstId(event?.bundle?.id, header?.id, delivery?.id);
    const endpoint = header?.destination?.[0]?.endpoint;
    const source = sourceUrl(endpoint) ? (endpoint as string) : endpointOf(state.incoming.url);
    const sender = header?.source.endpoint;
    const destination = destinationUrl(sender) ? sender : undefined;
    const issues = event?.issues;
    // The constant text serves the common answer; an error, or R4 issues carried as warnings, is built whole.
    const body =
      code === 'ok' && (issues === undefined || issues.length === 0)
        ? okAcknowledgementText(identifier, source, destination, clock(state.now))
        : JSON.stringify(
            createAcknowledgement({
              identifier,
              source,
              destination,
              error: code === 'ok' ? undefined : code,
              issues,
              timestamp: new Date(state.now),
            }),
          );
    return { status, headers: answerHeaders(code), body };
  };
}

const isId = (value: unknown): value is string => typeof value === 'string' && isFhirId(value);

/** The last millisecond a Date can hold (ECMAScript time values span 8.64e15 ms either side of 1970). */
const MAX_DATE = 8.64e15;

/** The first candidate that is a FHIR id, else `unknown`. */
function firstId(bundleId: unknown, headerId: unknown, deliveryId: unknown): string {
  if (isId(bundleId)) return bundleId;
  if (isId(headerId)) return headerId;
  return isId(deliveryId) ? deliveryId : 'unknown';
}

/** isAbsoluteUrl for strings, remembering the last one that passed: a sender's endpoints are the same each time. */
function urlCheck(): (value: unknown) => boolean {
  let passed: string | undefined;
  return (value) => {
    if (typeof value !== 'string') return false;
    if (value === passed) return true;
    if (!isAbsoluteUrl(value)) return false;
    passed = value;
    return true;
  };
}

/**
 * `new Date(now).toISOString()`, with the date and time up to the seconds made once per second: a Date and its
 * text cost more than the rest of the acknowledgement. Only the milliseconds are written per answer.
 */
export function isoClock(): (now: number) => string {
  let second = Number.NaN;
  let prefix = '';
  return (now) => {
    // Whole milliseconds of 1970 and later only; anything else (a fractional or negative test clock) as Date writes it.
    if (!(Number.isSafeInteger(now) && now >= 0 && now <= MAX_DATE)) return new Date(now).toISOString();
    const ms = now % 1000;
    if (now - ms !== second) {
      second = now - ms;
      // 'YYYY-MM-DDTHH:mm:ss.' (or the extended years' '+YYYYYY-...'): all but the milliseconds and the Z.
      prefix = new Date(second).toISOString().slice(0, -4);
    }
    return `${prefix}${ms < 10 ? '00' : ms < 100 ? '0' : ''}${ms}Z`;
  };
}

/** The endpoint the delivery was posted to: the URL's origin and path (no query), for the answer's source. */
function endpointOf(url: string): string {
  try {
    const { origin, pathname } = new URL(url);
    return `${origin}${pathname}`;
  } catch {
    // On Node the URL is made from the Host header, which the sender chose.
    return 'http://localhost/';
  }
}
