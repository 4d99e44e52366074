// JSON value -> a structurally valid message: which shape it is (bare MessageHeader or message Bundle),
// the document-wide FHIR rules, and the MessageHeader rules every event relies on. Internal to parse.

import type { Bundle, MessageHeader } from 'fhir/r4.js';
import type { ReceivedMessage } from '../events/read-fields.js';
import type { ConformanceIssue } from '../events/types.js';
import { describeValue } from '../lib/excerpt.js';
import { fieldError, invalidField, missingField, where } from '../lib/fail.js';
import { isJsonObject, type JsonObject } from '../lib/fhir.js';
import { isCompactText } from '../lib/json-syntax.js';
import { type Path, toPointer } from '../lib/pointer.js';
import { isAbsoluteUrl } from '../lib/url.js';
import { checkBundle } from './check-bundle.js';
import { type Conformance, checkDocument } from './check-document.js';
import { refuseRepeatedNames } from './read-json.js';

const IN_BUNDLE: Path = ['entry', 0, 'resource'];

/**
 * Classifies and checks a parsed document. `text` is the raw body it was parsed from, checked for repeated
 * names; `undefined` for a caller's already-parsed value, which is checked to be a tree instead.
 */
export function readMessage(root: unknown, text: string | undefined, conformance: Conformance): ReceivedMessage {
  if (!isJsonObject(root)) {
    throw fieldError('not_a_message', [], 'a MessageHeader or a message Bundle', describeValue(root));
  }
  const { resourceType } = root;
  if (resourceType !== 'MessageHeader' && resourceType !== 'Bundle') {
    throw fieldError('not_a_message', ['resourceType'], '"MessageHeader" or "Bundle"', describeValue(resourceType));
  }
  const { issues } = conformance;
  const source = text === undefined ? 'value' : isCompactText(text) ? 'compact' : 'text';
  const members = checkDocument(root, source, conformance);
  // Before anything reads what the message means: which of two values JSON.parse kept is not what it says.
  if (text !== undefined) refuseRepeatedNames(text, members, source === 'compact');
  if (resourceType === 'MessageHeader') {
    checkHeader(root, [], issues);
    return { messageHeader: root as unknown as MessageHeader, bundle: undefined, path: [], issues };
  }
  if (root.type !== 'message') {
    throw fieldError('not_a_message', ['type'], 'a Bundle of type "message"', describeValue(root.type));
  }
  // bdl-12: a message's first entry is its MessageHeader. Refused: without it there is no event to read.
  const header = firstResource(root);
  if (header.resourceType !== 'MessageHeader') {
    const at = [...IN_BUNDLE, 'resourceType'];
    if (header.resourceType === undefined) throw missingField(at, 'the MessageHeader as the first entry');
    throw invalidField(at, 'the MessageHeader as the first entry', header.resourceType);
  }
  checkHeader(header, IN_BUNDLE, issues);
  checkBundle(root, issues);
  const bundle = root as unknown as Bundle;
  return { messageHeader: header as unknown as MessageHeader, bundle, path: IN_BUNDLE, issues };
}

function firstResource(bundle: JsonObject): JsonObject {
  const { entry } = bundle;
  if (entry === undefined) throw missingField(['entry'], 'the entries of the message Bundle');
  // The walk has checked that entry is an array of objects, and each resource an object.
  const first = (entry as JsonObject[])[0];
  if (first?.resource === undefined) {
    throw missingField(['entry', 0, 'resource'], 'the MessageHeader as the first entry');
  }
  return first.resource as JsonObject;
}

// The MessageHeader fields this SDK reads for every event, known or not. The walk has checked their JSON
// types, and refused two values of event[x]; a value that exists only through its `_x` twin exists.
function checkHeader(header: JsonObject, path: Path, issues: ConformanceIssue[]): void {
  const { eventCoding, eventUri, _eventUri, source } = header;
  // event[x] says what the message is: without it there is no event (an eventUri, even relative, is an
  // event this SDK does not know, returned as `unknown`).
  if (eventCoding === undefined && eventUri === undefined && _eventUri === undefined) {
    throw missingField([...path, 'eventCoding'], 'eventCoding or eventUri');
  }
  // source.endpoint: the sender, which the acknowledgement answers.
  if (source === undefined) throw missingField([...path, 'source'], 'the message source');
  const { endpoint, _endpoint } = source as JsonObject;
  if (endpoint === undefined && _endpoint === undefined) {
    throw missingField([...path, 'source', 'endpoint'], 'the source endpoint URL');
  }
  // R4 datatypes.html: a url is a Uniform Resource Locator, which is absolute. The regex (\S*) has had its say.
  if (typeof endpoint === 'string' && endpoint !== '' && !/\s/.test(endpoint) && !isAbsoluteUrl(endpoint)) {
    const pointer = toPointer([...path, 'source', 'endpoint']);
    const message = `Expected an absolute URL at ${where(pointer)}, found ${describeValue(endpoint)}.`;
    issues.push({ rule: 'format', pointer, message });
  }
}
