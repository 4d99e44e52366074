// The two shapes b.well sends an event in, built from the same few values. Internal to the test kit.

import type { Bundle, BundleEntry, Extension, MessageHeader, Reference } from 'fhir/r4.js';

/**
 * The shape of a delivery: a bare `MessageHeader` (b.well's Webhooks page) or a message `Bundle` with the
 * focused `Person` (b.well's Client Webhook API reference).
 *
 * @example
 * ```ts
 * import type { EventShape } from 'bwell-webhooks/testing';
 *
 * const shapes: EventShape[] = ['header', 'bundle'];
 * ```
 */
export type EventShape = 'header' | 'bundle';

/**
 * What a builder returns for a shape: a `MessageHeader` for `'header'`, a `Bundle` for `'bundle'`.
 *
 * @example
 * ```ts
 * import type { PayloadOf } from 'bwell-webhooks/testing';
 *
 * const resourceType = (payload: PayloadOf<'bundle'>) => payload.resourceType; // 'Bundle'
 * ```
 */
export type PayloadOf<S extends EventShape> = S extends 'header' ? MessageHeader : Bundle;

/**
 * Options of every event builder.
 *
 * @example
 * ```ts
 * import type { BuildEventOptions } from 'bwell-webhooks/testing';
 *
 * const options: BuildEventOptions<'header'> = { shape: 'header', personId: '42', externalId: 'user-42' };
 * ```
 */
export interface BuildEventOptions<S extends EventShape = EventShape> {
  /** `'bundle'` (the default) or `'header'`. */
  readonly shape?: S;
  /** The message id: `Bundle.id`, or `MessageHeader.id` in the header shape (default `bundle-<event>`/`mh-<event>`). */
  readonly id?: string;
  /** The b.well `Person` id the event is about (default `'789'`). */
  readonly personId?: string;
  /** Your identifier of the user (default `'a5ddab6d-24b0-4e52-a99d-f33263db5997'`). */
  readonly externalId?: string;
  /** The receiver's endpoint, `destination[0].endpoint` (default `'https://client.system.com/webhook'`). */
  readonly destination?: string;
}

const HEADER_EXTENSIONS = 'http://example.com/fhir/StructureDefinition/';
const BUNDLE_EXTENSIONS = 'http://icanbwell.com/fhir/StructureDefinition/';

/** How many resources of one type a built message focuses on. */
export interface FocusCount {
  readonly code: string;
  readonly count: number;
}

const ONE_PERSON: readonly FocusCount[] = [{ code: 'Person', count: 1 }];

/**
 * Builds one delivery of `code` in `shape`, following b.well's published examples field for field: the focus is
 * one Person unless `focus` says otherwise (the first Person gets `personId`, the next ones `<personId>-2`, ...;
 * other types `<type in lower case>-1`, ...), and the Bundle carries each focused resource as an entry.
 */
export function buildMessage(
  code: string,
  options: BuildEventOptions,
  extensions: Readonly<Record<string, Omit<Extension, 'url'>>> = {},
  system = 'http://icanbwell.com/event-types',
  focus: readonly FocusCount[] = ONE_PERSON,
): MessageHeader | Bundle {
  const { shape = 'bundle', personId = '789', externalId = 'a5ddab6d-24b0-4e52-a99d-f33263db5997' } = options;
  const base = shape === 'header' ? HEADER_EXTENSIONS : BUNDLE_EXTENSIONS;
  const extension: Extension[] = Object.entries(extensions).map(([name, value]) => ({
    url: `${base}${name}`,
    ...value,
  }));
  // The bare header names the user in an extension; the Bundle does it in the Person entry instead.
  if (shape === 'header') {
    const valueIdentifier = { system: 'urn:client:identifier', value: externalId };
    extension.unshift({ url: `${base}external-identifier`, valueIdentifier });
  }
  const targets = focus.flatMap(({ code: type, count }) =>
    Array.from({ length: count }, (_, i) => {
      const id = type === 'Person' ? (i === 0 ? personId : `${personId}-${i + 1}`) : `${type.toLowerCase()}-${i + 1}`;
      return { type, id };
    }),
  );
  const references: Reference[] = targets.map(({ type, id }) => ({ reference: `${type}/${id}` }));
  const header: MessageHeader = {
    resourceType: 'MessageHeader',
    ...(shape === 'header' ? { id: options.id ?? `mh-${code}` } : {}),
    eventCoding: { system, code },
    source: { endpoint: 'https://icanbwell.com' },
    destination: [{ endpoint: options.destination ?? 'https://client.system.com/webhook' }],
    ...(references.length === 0 ? {} : { focus: references }),
    ...(extension.length === 0 ? {} : { extension }),
  };
  if (shape === 'header') return header;
  const entries: BundleEntry[] = targets.map(({ type, id }, i) => ({
    fullUrl: `https://icanbwell.com/fhir/${type}/${id}`,
    resource:
      type === 'Person' && i === 0
        ? {
            resourceType: 'Person',
            id,
            identifier: [{ use: 'official', system: 'urn:client:identifier', value: externalId }],
          }
        : ({ resourceType: type, id } as BundleEntry['resource'] & object),
  }));
  return {
    resourceType: 'Bundle',
    type: 'message',
    id: options.id ?? `bundle-${code}`,
    entry: [{ resource: header }, ...entries],
  };
}
