// What is known of one delivery as it goes through the core's steps: what the answer and the callbacks need.
// One object of one class per delivery, its fields set in the constructor so that every delivery shares one
// shape (the steps read it on every delivery). Internal to the receiving core.

import type { EventDefinition } from '../events/event-definition.js';
import type { ParsedEvent } from '../parse/parse-event.js';
import type { VerifiedDelivery } from '../verify/verify-signature.js';
import type { IncomingDelivery } from './receive-delivery.js';

/** An event of any receiver: built-in, unknown or user-defined. */
export type AnyEvent = ParsedEvent<readonly EventDefinition[]>;

const NO_BYTES = new Uint8Array(0);

export class DeliveryState {
  /** The body's bytes, once read. */
  payload: Uint8Array = NO_BYTES;
  /** The verified delivery, once its signature checked out. */
  delivery: VerifiedDelivery | undefined = undefined;
  /** The parsed event, once parsed. */
  event: AnyEvent | undefined = undefined;
  /** The delivery's key in the idempotency store, once known. */
  key = '';
  constructor(
    readonly incoming: IncomingDelivery,
    /** The receiver's clock when the delivery was handed to the core, in epoch milliseconds. */
    readonly now: number,
  ) {}
}
