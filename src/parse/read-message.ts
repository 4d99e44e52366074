// JSON value -> a structurally valid message: which shape it is (bare MessageHeader or message Bundle),
// the document-wide FHIR rules, and the MessageHeader rules every event relies on. Internal to parse.

import type { Bundle, MessageHeader } from 'fhir/r4.js';
import type { ReceivedMessage } from '../events/read-fields.js';
import { describeValue } from '../lib/excerpt.js';
import { fieldError, invalidField, missingField } from '../lib/fail.js';
import { isJsonObject, type JsonObject } from '../lib/fhir.js';
import type { Path } from '../lib/pointer.js';
import { isAbsoluteUrl } from '../lib/url.js';
import { checkDocument } from './check-document.js';

const IN_BUNDLE: Path = ['entry', 0, 'resource'];

/** Classifies and checks a parsed document; `tree` is set for a caller's already-parsed value. */
export function readMessage(root: unknown, tree: boolean): ReceivedMessage {
  if (!isJsonObject(root)) {
    throw fieldError('not_a_message', [], 'a MessageHeader or a message Bundle', describeValue(root));
  }
  const { resourceType } = root;
  if (resourceType !== 'MessageHeader' && resourceType !== 'Bundle') {
    throw fieldError('not_a_message', ['resourceType'], '"MessageHeader" or "Bundle"', describeValue(resourceType));
  }
  checkDocument(root, tree);
  if (resourceType === 'MessageHeader') {
    checkHeader(root, []);
    return { messageHeader: root as unknown as MessageHeader, bundle: undefined, path: [], issues: [] };
  }
  if (root.type !== 'message') {
    throw fieldError('not_a_message', ['type'], 'a Bundle of type "message"', describeValue(root.type));
  }
  const header = firstResource(root);
  if (header.resourceType !== 'MessageHeader') {
    const at = [...IN_BUNDLE, 'resourceType'];
    if (header.resourceType === undefined) throw missingField(at, 'the MessageHeader as the first entry');
    throw invalidField(at, 'the MessageHeader as the first entry', header.resourceType);
  }
  checkHeader(header, IN_BUNDLE);
  const bundle = root as unknown as Bundle;
  return { messageHeader: header as unknown as MessageHeader, bundle, path: IN_BUNDLE, issues: [] };
}

function firstResource(bundle: JsonObject): JsonObject {
  const { entry } = bundle;
  if (entry === undefined) throw missingField(['entry'], 'the entries of the message Bundle');
  if (!Array.isArray(entry)) throw invalidField(['entry'], 'an array of entries', entry);
  const first: unknown = entry[0];
  if (!isJsonObject(first)) throw invalidField(['entry', 0], 'a Bundle entry object', first);
  if (first.resource === undefined) {
    throw missingField(['entry', 0, 'resource'], 'the MessageHeader as the first entry');
  }
  if (!isJsonObject(first.resource)) throw invalidField(['entry', 0, 'resource'], 'a resource object', first.resource);
  return first.resource;
}

// The MessageHeader fields this SDK reads for every event, known or not.
function checkHeader(header: JsonObject, path: Path): void {
  const { eventCoding, eventUri, source } = header;
  if (eventCoding !== undefined && eventUri !== undefined) {
    throw fieldError('invalid_field', [...path, 'eventUri'], 'exactly one of eventCoding and eventUri', 'both');
  }
  if (eventCoding === undefined && eventUri === undefined) {
    throw missingField([...path, 'eventCoding'], 'eventCoding or eventUri');
  }
  if (eventCoding !== undefined) {
    if (!isJsonObject(eventCoding)) throw invalidField([...path, 'eventCoding'], 'a Coding object', eventCoding);
    for (const key of ['system', 'code'] as const) {
      const value = eventCoding[key];
      if (value !== undefined && typeof value !== 'string') {
        throw invalidField([...path, 'eventCoding', key], 'a string', value);
      }
    }
  }
  if (eventUri !== undefined && !isUrlString(eventUri)) {
    throw invalidField([...path, 'eventUri'], 'an absolute URI', eventUri);
  }
  if (source === undefined) throw missingField([...path, 'source'], 'the message source');
  if (!isJsonObject(source)) throw invalidField([...path, 'source'], 'a source object', source);
  if (source.endpoint === undefined) throw missingField([...path, 'source', 'endpoint'], 'the source endpoint URL');
  if (!isUrlString(source.endpoint)) {
    throw invalidField([...path, 'source', 'endpoint'], 'an absolute URL', source.endpoint);
  }
}

function isUrlString(value: unknown): boolean {
  return typeof value === 'string' && isAbsoluteUrl(value);
}
