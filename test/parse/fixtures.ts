// b.well's published examples, shared by the parse, extract and events tests, plus helpers to derive
// broken variants from them.
/// <reference types="vite/client" />

import type { EventDefinition } from '../../src/events/event-definition.js';
import { type SafeParseResult, safeParseEvent, type WebhookError, type WebhookEvent } from '../../src/index.js';
import type { ParseOptions } from '../../src/parse/parse-event.js';

type AnyParseOptions = ParseOptions<readonly EventDefinition[]>;

import dataExportBare from '../../src/testing/fixtures/bwell-doc-data-export-completed.json' with { type: 'json' };
import userDeleteBare from '../../src/testing/fixtures/bwell-doc-user-delete-completed.fixed.json' with {
  type: 'json',
};
import userDeleteVerbatim from '../../src/testing/fixtures/bwell-doc-user-delete-completed.verbatim.txt?raw';
import dataExportBundle from '../../src/testing/fixtures/bwell-openapi-data-export-completed.bundle.json' with {
  type: 'json',
};
import userDeleteBundle from '../../src/testing/fixtures/bwell-openapi-user-delete-completed.bundle.json' with {
  type: 'json',
};
import acknowledgement from '../../src/testing/fixtures/bwell-openapi-webhook-200-response.bundle.json' with {
  type: 'json',
};

// biome-ignore lint/suspicious/noExplicitAny: tests break fixtures in arbitrary ways.
export type Json = any;

/** The four published events, and b.well's acknowledgement Bundle (an event this SDK does not know). */
export const published: Readonly<
  Record<'userDeleteBare' | 'dataExportBare' | 'userDeleteBundle' | 'dataExportBundle', Json>
> = {
  userDeleteBare,
  dataExportBare,
  userDeleteBundle,
  dataExportBundle,
};
export { acknowledgement, userDeleteVerbatim };

/** Where the MessageHeader sits in the Bundle shape, as a pointer prefix. */
export const IN_BUNDLE = '/entry/0/resource';

/** A deep, mutable copy of a fixture, edited by `edit`. */
export function variant(fixture: object, edit: (copy: Json) => void = () => {}): Json {
  const copy = structuredClone(fixture);
  edit(copy);
  return copy;
}

/**
 * Valid FHIR variants of the published events that must parse: each one is also checked against the
 * HL7 FHIR R4 JSON schema (fhir-schema.node.test.ts), so the tests never accept what FHIR refuses.
 */
export const validVariants: Record<string, Json> = {
  'an llp: source endpoint': variant(dataExportBare, (h) => (h.source.endpoint = 'llp:10.1.1.10:9910')),
  'an mllp: source endpoint': variant(
    userDeleteBundle,
    (b) => (b.entry[0].resource.source.endpoint = 'mllp://10.1.1.10:2575'),
  ),
  'a urn: source endpoint': variant(
    dataExportBare,
    (h) => (h.source.endpoint = 'urn:uuid:b4b5c6d7-0000-4000-8000-000000000000'),
  ),
  'a complex extension': variant(dataExportBare, (h) =>
    h.extension.push({ url: 'https://example.org/complex', extension: [{ url: 'part', valueCode: 'a' }] }),
  ),
  'a download URL as valueUrl': variant(dataExportBundle, (b) => {
    const extension = b.entry[0].resource.extension[0];
    extension.valueUrl = extension.valueUri;
    delete extension.valueUri;
  }),
  'a 64-character id': variant(userDeleteBare, (h) => (h.id = 'A-Z.0-9'.padEnd(64, 'x'))),
  'an element id with spaces': variant(userDeleteBare, (h) => (h.focus[0].id = 'any text, even with spaces')),
  'a Person found by fullUrl': variant(userDeleteBundle, (b) => delete b.entry[1].resource.id),
  'a focus as urn:uuid': variant(userDeleteBundle, (b) => {
    b.entry[1].fullUrl = 'urn:uuid:3f7a4c1e-2b8d-4e6f-9a0c-5d1e2f3a4b5c';
    b.entry[0].resource.focus[0].reference = b.entry[1].fullUrl;
  }),
  'a focus as the absolute fullUrl': variant(userDeleteBundle, (b) => {
    b.entry[0].resource.focus[0].reference = b.entry[1].fullUrl;
  }),
  'a focus relative to the MessageHeader fullUrl': variant(userDeleteBundle, (b) => {
    b.entry[0].fullUrl = 'https://icanbwell.com/fhir/MessageHeader/mh-1';
  }),
  'a focus on a contained Person': variant(userDeleteBare, (h) => {
    delete h.extension;
    h.contained = [
      { resourceType: 'Person', id: 'p1', identifier: [{ system: 'urn:client:identifier', value: 'u-1' }] },
    ];
    h.focus[0].reference = '#p1';
  }),
  'a Person name padded with null in _given': variant(userDeleteBundle, (b) => {
    b.entry[1].resource.name = [
      {
        given: ['Jane', 'Q'],
        _given: [
          null,
          { extension: [{ url: 'http://hl7.org/fhir/StructureDefinition/iso21090-EN-qualifier', valueCode: 'MID' }] },
        ],
      },
    ];
  }),
  'an unknown event in the same system': variant(userDeleteBare, (h) => (h.eventCoding.code = 'user-created')),
  'an eventUri': variant(userDeleteBare, (h) => {
    delete h.eventCoding;
    h.eventUri = 'https://icanbwell.com/events/user-delete-completed';
  }),
};

/** A bare MessageHeader wrapped in a message Bundle, with the header first and without its id (as b.well sends it). */
export function asBundle(header: Json, ...others: Json[]): Json {
  const { id: _id, ...rest } = structuredClone(header);
  return {
    resourceType: 'Bundle',
    type: 'message',
    entry: [{ resource: rest }, ...others.map((resource) => ({ resource }))],
  };
}

/** The event of an input that must parse: fails the test with the error's message otherwise. */
export function eventOf(input: unknown, options?: AnyParseOptions): WebhookEvent {
  const result = safeParseEvent(input, options) as SafeParseResult;
  if (!result.success)
    throw new Error(`expected an event, got ${result.error.code} at ${result.error.pointer}: ${result.error.message}`);
  return result.event;
}

/** The refusal of an input that must not parse: fails the test if it parses. */
export function refusalOf(input: unknown, options?: AnyParseOptions): WebhookError {
  const result = safeParseEvent(input, options);
  if (result.success) throw new Error(`expected a refusal, got a ${result.event.type} event`);
  return result.error;
}

/** Both shapes of a bare MessageHeader fixture, with the pointer prefix of its MessageHeader. */
export function bothShapes(header: Json): [shape: string, document: Json, prefix: string][] {
  return [
    ['bare MessageHeader', structuredClone(header), ''],
    ['message Bundle', asBundle(header), IN_BUNDLE],
  ];
}
