// Generated messages for the oracle tests: valid b.well deliveries of every kind in both shapes (and b.well's
// published four), then one FHIR-aware mutation each: a value of the wrong JSON type, a string that breaks its
// format, a member removed, an unknown property, a malformed extension, a null in an array, a broken _x twin,
// a second choice of a [x] element.
import { fc } from '@fast-check/vitest';
import { validMessage } from '../hostile/arbitraries.js';
import { published } from '../parse/fixtures.js';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type Container = Json[] | { [key: string]: Json };

/** Valid deliveries: built by the test kit with random values, or published by b.well. */
export const validDocument: fc.Arbitrary<Json> = fc.oneof(
  { weight: 4, arbitrary: validMessage.map((message) => JSON.parse(JSON.stringify(message)) as Json) },
  {
    weight: 1,
    arbitrary: fc.constantFrom(...Object.values(published)).map((document) => structuredClone(document) as Json),
  },
);

/** Every place in a document: the container, the key or index, and the RFC 6901 pointer. */
interface Place {
  readonly parent: Container;
  readonly key: string | number;
  readonly pointer: string;
}

function placesOf(root: Json): Place[] {
  const places: Place[] = [];
  const walk = (node: Json, pointer: string) => {
    if (typeof node !== 'object' || node === null) return;
    const entries: [string | number, Json][] = Array.isArray(node) ? node.map((v, i) => [i, v]) : Object.entries(node);
    for (const [key, child] of entries) {
      const at = `${pointer}/${String(key).replaceAll('~', '~0').replaceAll('/', '~1')}`;
      places.push({ parent: node, key, pointer: at });
      walk(child, at);
    }
  };
  walk(root, '');
  return places;
}

function objectsOf(root: Json): { node: { [key: string]: Json }; pointer: string }[] {
  const objects =
    typeof root === 'object' && root !== null && !Array.isArray(root) ? [{ node: root, pointer: '' }] : [];
  for (const { parent, key, pointer } of placesOf(root)) {
    const value = (parent as Record<string | number, Json>)[key];
    if (typeof value === 'object' && value !== null && !Array.isArray(value)) objects.push({ node: value, pointer });
  }
  return objects;
}

const valueAt = (place: Place): Json => (place.parent as Record<string | number, Json>)[place.key] as Json;
const set = (place: Place, value: Json) => {
  (place.parent as Record<string | number, Json>)[place.key] = value;
};
const kindOf = (value: Json) => (value === null ? 'null' : Array.isArray(value) ? 'array' : typeof value);

const OTHER_TYPES: Json[] = [42, 1.5, true, 'text', { text: 'x' }, ['text'], [{ text: 'x' }]];
const BAD_STRINGS = ['', ' padded', 'two  spaces', 'has space', 'x'.repeat(70), 'tab\there', 'not-a-date', '#'];
const BAD_EXTENSIONS: Json[] = [
  [{ valueString: 'no url' }],
  [{ url: 'https://example.org/ext' }],
  [{ url: 'https://example.org/ext', valueString: 'a', extension: [{ url: 'x', valueCode: 'b' }] }],
  [{ url: 'https://example.org/ext', valueString: 1 }],
  [{ url: 'https://example.org/ext', valueString: 'a', valueCode: 'b' }],
  [{ url: 'has space', valueString: 'a' }],
  [{ url: 42, valueString: 'a' }],
  { url: 'https://example.org/ext', valueString: 'not in an array' },
  [{ url: 'https://example.org/ext', valueUnknownType: 'a' }],
  [],
];
const BAD_TWINS: Json[] = ['x', [1], { id: 1 }, { extension: 'x' }, { unknown: true }, {}];

/** One mutation: its family, where it applies, and the mutated document. */
export interface Mutated {
  readonly family: string;
  readonly at: string;
  readonly document: Json;
}

type Mutation = (document: Json, pick: number, choice: number) => string | undefined;

// Each mutation edits the document in place and returns the pointer it touched, or undefined when the document
// has no place for it (then the sample is dropped).
const MUTATIONS: Record<string, Mutation> = {
  'wrong-type': (document, pick, choice) => {
    const places = placesOf(document);
    const place = places[pick % places.length];
    if (place === undefined) return undefined;
    const others = OTHER_TYPES.filter((value) => kindOf(value) !== kindOf(valueAt(place)));
    set(place, structuredClone(others[choice % others.length] as Json));
    return place.pointer;
  },
  'bad-format': (document, pick, choice) => {
    const strings = placesOf(document).filter((place) => typeof valueAt(place) === 'string');
    const place = strings[pick % strings.length];
    if (place === undefined) return undefined;
    set(place, BAD_STRINGS[choice % BAD_STRINGS.length] as string);
    return place.pointer;
  },
  missing: (document, pick) => {
    const members = placesOf(document).filter((place) => !Array.isArray(place.parent));
    const place = members[pick % members.length];
    if (place === undefined) return undefined;
    delete (place.parent as Record<string, Json>)[place.key];
    return place.pointer;
  },
  'extra-property': (document, pick, choice) => {
    const objects = objectsOf(document);
    const target = objects[pick % objects.length];
    if (target === undefined) return undefined;
    const key = ['unknownElement', 'valueString', 'fooBar', '_unknown', 'resourceType', 'Id'][choice % 6] as string;
    if (key in target.node) return undefined;
    target.node[key] = 'x';
    return `${target.pointer}/${key}`;
  },
  'bad-extension': (document, pick, choice) => {
    const objects = objectsOf(document);
    const target = objects[pick % objects.length];
    if (target === undefined) return undefined;
    target.node.extension = structuredClone(BAD_EXTENSIONS[choice % BAD_EXTENSIONS.length] as Json);
    return `${target.pointer}/extension`;
  },
  'null-in-array': (document, pick) => {
    const items = placesOf(document).filter((place) => Array.isArray(place.parent));
    const place = items[pick % items.length];
    if (place === undefined) return undefined;
    set(place, null);
    return place.pointer;
  },
  'bad-twin': (document, pick, choice) => {
    const primitives = placesOf(document).filter(
      (place) =>
        !Array.isArray(place.parent) &&
        typeof place.key === 'string' &&
        !place.key.startsWith('_') &&
        kindOf(valueAt(place)) !== 'object',
    );
    const place = primitives[pick % primitives.length];
    if (place === undefined || place.key === 'resourceType') return undefined;
    (place.parent as Record<string, Json>)[`_${place.key}`] = structuredClone(
      BAD_TWINS[choice % BAD_TWINS.length] as Json,
    );
    return place.pointer.replace(/[^/]*$/, `_${place.key}`);
  },
  'second-choice': (document, _pick, choice) => {
    const header = objectsOf(document).find(({ node }) => node.resourceType === 'MessageHeader');
    if (header === undefined) return undefined;
    if (choice % 2 === 0) {
      header.node.eventUri = 'https://icanbwell.com/events/other';
      return `${header.pointer}/eventUri`;
    }
    const extensions = header.node.extension;
    const first = Array.isArray(extensions) ? extensions[0] : undefined;
    if (typeof first !== 'object' || first === null || Array.isArray(first)) return undefined;
    first.valueCode = 'second';
    return `${header.pointer}/extension/0`;
  },
};

export const MUTATION_FAMILIES = Object.keys(MUTATIONS);

/** A valid document with one mutation of `family` (any family when omitted). */
export function mutatedDocument(family?: string): fc.Arbitrary<Mutated> {
  const families = family === undefined ? MUTATION_FAMILIES : [family];
  return fc
    .record({ document: validDocument, family: fc.constantFrom(...families), pick: fc.nat(), choice: fc.nat() })
    .map(({ document, family, pick, choice }) => {
      const copy = structuredClone(document);
      const at = MUTATIONS[family]?.(copy, pick, choice);
      return at === undefined ? undefined : { family, at, document: copy };
    })
    .filter((mutated): mutated is Mutated => mutated !== undefined);
}
