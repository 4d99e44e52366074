// The FHIR R4 JSON rules that hold anywhere in a document, checked in one iterative walk: no null, no
// empty string, array or object; resource ids follow the id rule; every extension has a url and either
// one value[x] or nested extensions. An explicit stack (never recursion) keeps 10k-deep input from
// overflowing the call stack; the JSON pointer is built from that stack only when a check fails.
// Internal to parse.

import { excerpt } from '../lib/excerpt.js';
import { fieldError, invalidField, missingField } from '../lib/fail.js';
import { FHIR_ID, isJsonObject, type JsonObject } from '../lib/fhir.js';

/** Deeper than any FHIR message b.well sends (about 10 levels); a clear error beyond, not a stack overflow. */
export const MAX_DEPTH = 100;

enum Kind {
  Plain,
  // An `extension` or `modifierExtension` array: each element is checked as an Extension.
  Extensions,
  // The `_name` array of a repeating primitive: FHIR JSON pads it with null to keep positions aligned.
  PrimitiveElements,
}

interface Frame {
  readonly node: JsonObject | readonly unknown[];
  readonly keys: readonly string[] | undefined;
  readonly kind: Kind;
  index: number;
}

/**
 * Throws a WebhookError at the first value that breaks a rule. `tree` asks to refuse an object seen
 * twice: JSON.parse never shares objects, but a caller's parsed value could, even in a cycle.
 */
export function checkDocument(root: JsonObject, tree: boolean): void {
  const stack: Frame[] = [{ node: root, keys: Object.keys(root), kind: Kind.Plain, index: 0 }];
  const seen = tree ? new Set<unknown>([root]) : undefined;
  const path = (...more: (string | number)[]) => [...stack.map((f) => f.keys?.[f.index - 1] ?? f.index - 1), ...more];
  // The inner loop checks a container's scalars in place; only a child container interrupts it, and
  // the container resumes from `index` once that child is done.
  next: while (stack.length > 0) {
    const frame = stack[stack.length - 1] as Frame;
    const { keys, node, kind } = frame;
    const length = keys === undefined ? (node as unknown[]).length : keys.length;
    while (frame.index < length) {
      const key = keys === undefined ? frame.index : (keys[frame.index] as string);
      frame.index++;
      const value = (node as Record<string | number, unknown>)[key];
      // FHIR-specific rules first, so that a mistyped value gets the more telling message.
      if (
        keys === undefined ? kind === Kind.Extensions && !isJsonObject(value) : isMisplaced(key as string, value, node)
      ) {
        throw invalidField(path(), expectationOf(kind, key), value);
      }
      if (typeof value === 'string') {
        if (value === '') throw invalidField(path(), 'a non-empty string', value);
      } else if (typeof value === 'object' && value !== null) {
        if (seen?.has(value)) throw invalidField(path(), 'a JSON tree', 'an object that appears twice');
        seen?.add(value);
        if (stack.length >= MAX_DEPTH) {
          throw invalidField(path(), `at most ${MAX_DEPTH} levels of nesting`, 'deeper nesting');
        }
        if (Array.isArray(value)) {
          if (value.length === 0) throw invalidField(path(), 'a non-empty array', value);
          stack.push({ node: value, keys: undefined, kind: kindOf(key), index: 0 });
        } else {
          const childKeys = Object.keys(value);
          if (childKeys.length === 0) throw invalidField(path(), 'a non-empty object', value);
          if (kind === Kind.Extensions) checkExtension(value as JsonObject, childKeys, path);
          stack.push({ node: value as JsonObject, keys: childKeys, kind: Kind.Plain, index: 0 });
        }
        continue next;
      } else if (value === null) {
        if (kind !== Kind.PrimitiveElements) throw invalidField(path(), 'a value (FHIR JSON has no null)', value);
      } else if (typeof value === 'number' ? !Number.isFinite(value) : typeof value !== 'boolean') {
        // Only a caller's parsed value can hold these: JSON.parse makes none.
        throw invalidField(path(), 'a JSON value', value);
      }
    }
    stack.pop();
  }
}

const isExtensionKey = (key: string | number) => key === 'extension' || key === 'modifierExtension';

// A property that breaks a FHIR rule by its key alone: a resource id off the id rule, extensions not in an array.
function isMisplaced(key: string, value: unknown, node: JsonObject | readonly unknown[]): boolean {
  if (key === 'id') {
    return typeof (node as JsonObject).resourceType === 'string' && (typeof value !== 'string' || !FHIR_ID.test(value));
  }
  return isExtensionKey(key) && !Array.isArray(value);
}

function expectationOf(kind: Kind, key: string | number): string {
  if (kind === Kind.Extensions) return 'an Extension object';
  return key === 'id' ? "an id of 1-64 letters, digits, '-' or '.'" : 'an array of extensions';
}

function kindOf(key: string | number): Kind {
  if (isExtensionKey(key)) return Kind.Extensions;
  return typeof key === 'string' && key.startsWith('_') ? Kind.PrimitiveElements : Kind.Plain;
}

// FHIR's ext-1: an extension has a url and either exactly one value[x] or nested extensions, not both.
function checkExtension(
  extension: JsonObject,
  keys: readonly string[],
  path: (...more: (string | number)[]) => (string | number)[],
): void {
  if (extension.url === undefined) throw missingField(path('url'), 'an extension url');
  if (typeof extension.url !== 'string') throw invalidField(path('url'), 'a url string', extension.url);
  let valueKey: string | undefined;
  for (const key of keys) {
    if (!isValueKey(key)) continue;
    if (valueKey !== undefined) {
      throw fieldError(
        'invalid_field',
        path(key),
        'exactly one value[x] in the extension',
        `${excerpt(valueKey)} and ${excerpt(key)}`,
      );
    }
    valueKey = key;
  }
  if (valueKey === undefined && extension.extension === undefined) {
    throw missingField(path(), 'a value[x] or nested extensions in the extension');
  }
  if (valueKey !== undefined && extension.extension !== undefined) {
    throw invalidField(path('extension'), `no nested extensions next to ${valueKey}`, extension.extension);
  }
}

// value[x]: "value" followed by a type name, which starts with an upper-case letter (valueUri, valueIdentifier).
function isValueKey(key: string): boolean {
  if (key.length <= 5 || !key.startsWith('value')) return false;
  const next = key.charCodeAt(5);
  return next >= 0x41 && next <= 0x5a;
}
