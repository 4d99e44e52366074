// The FHIR R4 JSON rules that hold anywhere in a document, checked in one iterative walk: no null, no
// empty string, array or object; resource ids follow the id rule; every extension has a url and either
// one value[x] or nested extensions. A queue (never recursion) keeps 10k-deep input from overflowing
// the call stack. The walk allocates one small record per container and nothing per value: objects are
// read with for-in (V8's fastest way to visit own keys), and the JSON pointer is built from the records'
// parent links only when a check fails. Internal to parse.

import { excerpt } from '../lib/excerpt.js';
import { fieldError, invalidField, missingField } from '../lib/fail.js';
import { isFhirId, isJsonObject, type JsonObject } from '../lib/fhir.js';
import type { Path } from '../lib/pointer.js';

/** Deeper than any FHIR message b.well sends (about 10 levels); a clear error beyond, not a stack overflow. */
export const MAX_DEPTH = 100;

enum Kind {
  Plain,
  // An `extension` or `modifierExtension` array: each element is checked as an Extension.
  Extensions,
  // The `_name` array of a repeating primitive: FHIR JSON pads it with null to keep positions aligned.
  PrimitiveElements,
}

/** A container waiting to be checked, and how to find it again from the root. */
interface Item {
  readonly node: JsonObject | readonly unknown[];
  readonly kind: Kind;
  /** Containers between the root and this one, the root included. */
  readonly depth: number;
  readonly parent: Item | undefined;
  readonly key: string | number;
}

/**
 * Throws a WebhookError at a value that breaks a rule. A container's own values are checked before its
 * children. `tree` asks to refuse an object seen twice: JSON.parse never shares objects, but a caller's
 * parsed value could, even in a cycle.
 */
export function checkDocument(root: JsonObject, tree: boolean): void {
  const queue: Item[] = [{ node: root, kind: Kind.Plain, depth: 1, parent: undefined, key: '' }];
  const seen = tree ? new Set<unknown>([root]) : undefined;
  // for-in also visits inherited enumerable keys. JSON.parse makes plain objects, which inherit none unless
  // something has polluted Object.prototype: only then, or for a caller's own objects, is each key tested.
  const own = tree || hasKeys(Object.prototype, false);
  // Breadth first, siblings in document order: the reported value is the shallowest at fault.
  for (let next = 0; next < queue.length; next++) {
    const item = queue[next] as Item;
    const { node, kind } = item;
    // FHIR-specific rules first, so that a mistyped value gets the more telling message. They are checked
    // here, where a key is always an index or always a name: code that sees both kinds runs far slower in V8.
    if (Array.isArray(node)) {
      for (let i = 0; i < node.length; i++) {
        const value: unknown = node[i];
        if (kind === Kind.Extensions && !isJsonObject(value)) {
          throw invalidField(pathOf(item, i), 'an Extension object', value);
        }
        visit(item, i, value, queue, seen, own);
      }
    } else {
      // Whether a string resourceType came before: it usually comes first, and knowing it spares reading it
      // from objects of ever-changing shapes (a slow lookup in V8) whenever an id comes up.
      let resource = false;
      for (const key in node) {
        if (own && !Object.hasOwn(node, key)) continue;
        const value: unknown = (node as JsonObject)[key];
        if (key === 'resourceType') resource = typeof value === 'string';
        // The two keys with a rule of their own: a resource's id follows the id rule (other elements' ids are
        // free text), and extensions come in arrays.
        const broken =
          key === 'id'
            ? (resource || isResource(node as JsonObject)) && !(typeof value === 'string' && isFhirId(value))
            : isExtensionKey(key) && !Array.isArray(value);
        if (broken) throw invalidField(pathOf(item, key), expectationOf(key), value);
        visit(item, key, value, queue, seen, own);
      }
    }
  }
}

function visit(
  item: Item,
  key: string | number,
  value: unknown,
  queue: Item[],
  seen: Set<unknown> | undefined,
  own: boolean,
): void {
  const { kind } = item;
  if (typeof value === 'string') {
    if (value === '') throw invalidField(pathOf(item, key), 'a non-empty string', value);
  } else if (typeof value === 'object' && value !== null) {
    if (seen?.has(value))
      throw fieldError('invalid_field', pathOf(item, key), 'a JSON tree', 'an object that appears twice');
    seen?.add(value);
    if (item.depth >= MAX_DEPTH) {
      throw fieldError('invalid_field', pathOf(item, key), `at most ${MAX_DEPTH} levels of nesting`, 'deeper nesting');
    }
    const array = Array.isArray(value);
    const child: Item = {
      node: value as JsonObject,
      kind: array && typeof key === 'string' ? kindOf(key) : Kind.Plain,
      depth: item.depth + 1,
      parent: item,
      key,
    };
    if (array) {
      if (value.length === 0) throw invalidField(pathOf(item, key), 'a non-empty array', value);
    } else {
      if (!hasKeys(value, own)) throw invalidField(pathOf(item, key), 'a non-empty object', value);
      if (kind === Kind.Extensions) checkExtension(value as JsonObject, child);
    }
    queue.push(child);
  } else if (value === null) {
    if (kind !== Kind.PrimitiveElements)
      throw invalidField(pathOf(item, key), 'a value (FHIR JSON has no null)', value);
  } else if (typeof value === 'number' ? !Number.isFinite(value) : typeof value !== 'boolean') {
    // Only a caller's parsed value can hold these: JSON.parse makes none.
    throw invalidField(pathOf(item, key), 'a JSON value', value);
  }
}

// The keys from the root to `item`, then `more`: built only for an error message.
function pathOf(item: Item | undefined, ...more: (string | number)[]): Path {
  const path = more;
  for (; item?.parent !== undefined; item = item.parent) path.unshift(item.key);
  return path;
}

// Whether `object` has an enumerable key (only its own ones, with `own`).
function hasKeys(object: object, own: boolean): boolean {
  for (const key in object) if (!own || Object.hasOwn(object, key)) return true;
  return false;
}

const isExtensionKey = (key: string) => key === 'extension' || key === 'modifierExtension';

const isResource = (node: JsonObject) => typeof node.resourceType === 'string';

function expectationOf(key: string): string {
  return key === 'id' ? "an id of 1-64 letters, digits, '-' or '.'" : 'an array of extensions';
}

// What the elements of an array held under `key` are.
function kindOf(key: string): Kind {
  if (isExtensionKey(key)) return Kind.Extensions;
  return key.startsWith('_') ? Kind.PrimitiveElements : Kind.Plain;
}

// FHIR's ext-1: an extension has a url and either exactly one value[x] or nested extensions, not both.
function checkExtension(extension: JsonObject, at: Item): void {
  if (extension.url === undefined) throw missingField(pathOf(at, 'url'), 'an extension url');
  if (typeof extension.url !== 'string') throw invalidField(pathOf(at, 'url'), 'a url string', extension.url);
  let valueKey: string | undefined;
  for (const key in extension) {
    if (!Object.hasOwn(extension, key) || !isValueKey(key)) continue;
    if (valueKey !== undefined) {
      throw fieldError(
        'invalid_field',
        pathOf(at, key),
        'exactly one value[x] in the extension',
        `${excerpt(valueKey)} and ${excerpt(key)}`,
      );
    }
    valueKey = key;
  }
  if (valueKey === undefined && extension.extension === undefined) {
    throw missingField(pathOf(at), 'a value[x] or nested extensions in the extension');
  }
  if (valueKey !== undefined && extension.extension !== undefined) {
    throw invalidField(pathOf(at, 'extension'), `no nested extensions next to ${valueKey}`, extension.extension);
  }
}

// value[x]: "value" followed by a type name, which starts with an upper-case letter (valueUri, valueIdentifier).
function isValueKey(key: string): boolean {
  if (key.length <= 5 || !key.startsWith('value')) return false;
  const next = key.charCodeAt(5);
  return next >= 0x41 && next <= 0x5a;
}
