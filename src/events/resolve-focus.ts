// MessageHeader.focus -> the resources it names, resolved as FHIR R4 resolves references in a Bundle
// (bundle.html 2.36.4.1, references.html): `#id` against the header's `contained`; an absolute URL or a
// `urn:uuid:` by an entry's `fullUrl`; a relative `Type/id` against the base of the referencing entry's
// RESTful `fullUrl`. The referencing entry is the MessageHeader's own (entry 0). b.well's Bundles give that
// entry no `fullUrl`, and R4 then leaves a relative reference without defined meaning; we fall back to the
// bare type and id, but only when exactly one entry can match. A message that names a focus in two ways
// that disagree is refused with `conflicting_person`: acting on either reading could act on the wrong
// person. Internal: parse runs it for every event with a definition. It runs on every delivery, so paths are
// built only for an error and the RESTful URL regex runs only where a cheaper test cannot decide.

import type { Resource } from 'fhir/r4.js';
import type { WebhookError } from '../errors.js';
import { excerpt } from '../lib/excerpt.js';
import { fieldError, invalidField, missingField } from '../lib/fail.js';
import { isJsonObject, type JsonObject, parseRestUrl } from '../lib/fhir.js';
import type { Path } from '../lib/pointer.js';
import type { ReceivedMessage } from './read-fields.js';
import type { FocusReference, FocusResolution } from './types.js';

const LITERAL = 'a literal reference (Type/id, an absolute URL, urn:uuid:... or #id)';
// A URI scheme (RFC 3986): what tells an absolute reference from a relative one.
const SCHEME = /^[A-Za-z][A-Za-z0-9+.-]*:/;

/** Every `MessageHeader.focus`, resolved, in order; throws a WebhookError with a pointer otherwise. */
export function resolveFocus(message: ReceivedMessage): FocusReference[] {
  const { path } = message;
  const focus: unknown = message.messageHeader.focus;
  const resolved: FocusReference[] = [];
  if (focus === undefined) return resolved;
  if (!Array.isArray(focus)) throw invalidField([...path, 'focus'], 'an array of references', focus);
  const entries = entriesOf(message.bundle);
  for (let i = 0; i < focus.length; i++) {
    const item: unknown = focus[i];
    if (!isJsonObject(item)) throw invalidField([...path, 'focus', i], 'a Reference object', item);
    const { reference, type } = item;
    if (typeof reference !== 'string') {
      const at = [...path, 'focus', i, 'reference'];
      throw reference === undefined ? missingField(at, LITERAL) : invalidField(at, LITERAL, reference);
    }
    if (type !== undefined && typeof type !== 'string') {
      throw invalidField([...path, 'focus', i, 'type'], 'a resource type', type);
    }
    const target = resolveReference(reference, message, entries, i);
    // Reference.type: "the expected type of the target"; a target of another type is another resource.
    if (type !== undefined && target.resourceType !== undefined && type !== target.resourceType) {
      const expected = `the type ${target.resourceType} of the resource referenced`;
      throw conflicting([...path, 'focus', i, 'type'], expected, quote(type));
    }
    if (target.resourceType === undefined) {
      if (type === undefined) {
        const expected = 'a reference whose resource type is known (or a focus.type)';
        throw invalidField([...path, 'focus', i, 'reference'], expected, reference);
      }
      target.resourceType = type;
    }
    resolved.push(target as FocusReference);
  }
  return resolved;
}

/** A FocusReference under construction: its type may still come from `focus.type`. */
interface Target {
  readonly reference: string;
  resourceType: string | undefined;
  readonly id: string | undefined;
  readonly resource: Resource | undefined;
  readonly resolvedBy: FocusResolution;
}

/** The entries of a message Bundle, as they are: each is checked only when a reference could name it. */
type Entries = readonly unknown[];

function resolveReference(reference: string, message: ReceivedMessage, entries: Entries, i: number): Target {
  const at = (): Path => [...message.path, 'focus', i, 'reference'];
  if (reference.startsWith('#')) return resolveContained(reference, message, at);
  // A Type/id never holds a colon; only then is the scheme regex worth running.
  if (reference.includes(':') && SCHEME.test(reference)) {
    const rest = parseRestUrl(reference);
    const url = rest?.version === undefined ? reference : `${rest.base}${rest.type}/${rest.id}`;
    return byFullUrl(reference, url, rest?.version, entries, 'fullUrl', rest?.type, rest?.id);
  }
  // Not absolute (no scheme), so the regex's base is empty: `Type/id` or `Type/id/_history/version`.
  const relative = parseRestUrl(reference);
  if (relative === undefined) throw invalidField(at(), LITERAL, reference);
  const { type, id, version } = relative;
  const headerEntry: unknown = entries[0];
  const headerUrl: unknown = isJsonObject(headerEntry) ? headerEntry.fullUrl : undefined;
  const base = typeof headerUrl === 'string' ? parseRestUrl(headerUrl)?.base : undefined;
  if (base !== undefined && base !== '') {
    return byFullUrl(reference, `${base}${type}/${id}`, version, entries, 'relative', type, id);
  }
  return byTypeAndId(reference, type, id, entries, at);
}

// `#id`: a resource contained in the MessageHeader itself.
function resolveContained(reference: string, message: ReceivedMessage, at: () => Path): Target {
  const id = reference.slice(1);
  const contained: unknown = (message.messageHeader as unknown as JsonObject).contained;
  let found: JsonObject | undefined;
  if (Array.isArray(contained)) {
    for (let i = 0; i < contained.length; i++) {
      const resource: unknown = contained[i];
      if (!isJsonObject(resource) || resource.id !== id) continue;
      if (found !== undefined) {
        throw conflicting(
          [...message.path, 'contained', i, 'id'],
          `one contained resource with id ${quote(id)}`,
          'two',
        );
      }
      found = resource;
    }
  }
  if (found === undefined) {
    throw invalidField(at(), 'the #id of a resource contained in the MessageHeader', reference);
  }
  const resource = found as unknown as Resource;
  return { reference, resourceType: stringOr(found.resourceType), id, resource, resolvedBy: 'contained' };
}

// An absolute reference (or a relative one made absolute): the entry whose fullUrl is that URL. Two such
// entries break bdl-7 and name two resources; none leaves the type and id the URL itself gives.
function byFullUrl(
  reference: string,
  url: string,
  version: string | undefined,
  entries: Entries,
  resolvedBy: 'fullUrl' | 'relative',
  type: string | undefined,
  id: string | undefined,
): Target {
  let found = -1;
  for (let index = 0; index < entries.length; index++) {
    const entry: unknown = entries[index];
    if (!isJsonObject(entry) || entry.fullUrl !== url || !isJsonObject(entry.resource)) continue;
    if (found !== -1) throw conflicting(['entry', index, 'fullUrl'], `one entry with the fullUrl ${quote(url)}`, 'two');
    found = index;
  }
  const resource = found === -1 ? undefined : ((entries[found] as JsonObject).resource as JsonObject);
  // A version-specific reference names that version only (references.html): another one is not in the Bundle.
  const versionId = isJsonObject(resource?.meta) ? resource.meta.versionId : undefined;
  if (resource === undefined || (version !== undefined && versionId !== undefined && versionId !== version)) {
    return { reference, resourceType: type, id, resource: undefined, resolvedBy: 'none' };
  }
  checkEntry(entries, found);
  const resourceType = stringOr(resource.resourceType);
  return {
    reference,
    resourceType,
    id: stringOr(resource.id) ?? id,
    resource: resource as unknown as Resource,
    resolvedBy,
  };
}

// No base to resolve against: the one entry whose resource, or whose RESTful fullUrl, is `type/id`.
function byTypeAndId(reference: string, type: string, id: string, entries: Entries, at: () => Path): Target {
  const suffix = `/${type}/${id}`;
  let found = -1;
  let foundHeld = false;
  for (let index = 0; index < entries.length; index++) {
    const entry: unknown = entries[index];
    if (!isJsonObject(entry) || !isJsonObject(entry.resource)) continue;
    const { resource, fullUrl } = entry;
    // The fullUrl names type/id when it ends so and the regex agrees (the end alone could be a longer base's);
    // asked only of an entry whose resource is not type/id already.
    const held = resource.resourceType === type && resource.id === id;
    if (!held && !(typeof fullUrl === 'string' && fullUrl.endsWith(suffix) && isRestful(fullUrl, type, id))) continue;
    if (found !== -1) {
      throw conflicting(at(), `one entry that ${type}/${id} can name`, `entries ${found} and ${index}`);
    }
    found = index;
    foundHeld = held;
  }
  if (found === -1) return { reference, resourceType: type, id, resource: undefined, resolvedBy: 'none' };
  checkEntry(entries, found, foundHeld ? suffix : undefined);
  const resource = (entries[found] as JsonObject).resource as Resource;
  return { reference, resourceType: type, id, resource, resolvedBy: 'id' };
}

function isRestful(url: string, type: string, id: string): boolean {
  const named = parseRestUrl(url);
  return named !== undefined && named.base !== '' && named.type === type && named.id === id;
}

// An entry whose RESTful fullUrl names another resource than the one it holds says two things at once. `suffix`
// is `/<type>/<id>` of the resource, when the caller already knows the resource is that type and id.
function checkEntry(entries: Entries, index: number, suffix?: string): void {
  const { fullUrl, resource } = entries[index] as { fullUrl: unknown; resource: JsonObject };
  if (typeof fullUrl !== 'string') return;
  const { resourceType, id } = resource;
  // The usual case, settled without the regex: the fullUrl ends in the resource's own type and id.
  if (typeof id === 'string' && fullUrl.endsWith(suffix ?? `/${String(resourceType)}/${id}`)) return;
  const named = parseRestUrl(fullUrl);
  if (named === undefined || named.base === '') return;
  if (named.type !== resourceType || (id !== undefined && named.id !== id)) {
    const held = `${String(resourceType)}/${id === undefined ? '(no id)' : String(id)}`;
    throw conflicting(['entry', index, 'fullUrl'], `the fullUrl of the resource it holds (${held})`, quote(fullUrl));
  }
}

function entriesOf(bundle: unknown): Entries {
  const entry: unknown = isJsonObject(bundle) ? bundle.entry : undefined;
  return Array.isArray(entry) ? entry : [];
}

const stringOr = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);

const quote = (value: unknown): string => JSON.stringify(excerpt(String(value)));

/** The message says two different things about who (or what) an event is about. */
export function conflicting(path: Path, expected: string, found: string): WebhookError {
  return fieldError('conflicting_person', path, expected, `${found}, which names the focus in two ways that disagree`);
}
