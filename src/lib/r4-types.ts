// The generated R4 tables, read into lookups the document walk uses: per type, each JSON key it may hold
// (a choice `value[x]` is one key per type: valueString, valueUri...), and the rules of each primitive.
// Each type is read once, on first use, so a bundle that never parses (verification alone) drops it all.
// Internal: never exported.

import { R4_ELEMENTS, R4_PRIMITIVES, R4_RESOURCE_TYPES } from './r4-elements.generated.js';

/** One JSON key of a type: an element, or one type of a choice element. */
export interface ElementRule {
  /** The element's name as R4 writes it (`event[x]` for eventCoding and eventUri). */
  readonly name: string;
  /** The R4 type of the value under this key: a primitive, a complex type, a backbone path or `Resource`. */
  readonly type: string;
  /** The primitive's JSON type and regex, when the type is primitive. */
  readonly primitive: PrimitiveRule | undefined;
  readonly repeats: boolean;
  /** The codes of a required binding, when R4 gives one that can be listed. */
  readonly codes: readonly string[] | undefined;
  readonly choice: boolean;
  /**
   * One string whose regex only limits whitespace, outside any choice or binding, and not one the walk reads
   * for itself (`reference`, `implicitRules`): a non-empty value without whitespace needs no other check.
   */
  readonly plain: boolean;
  /**
   * The bit of the required element this key satisfies, in its type's `requiredBits`; 0 for an optional one.
   * The walk sets the bits of the keys it meets, and looks for what is missing only when they fall short.
   */
  readonly requiredBit: number;
  /** The rules of `type` once looked up (complex types only), cached here for the walk. */
  of?: TypeRule | undefined;
}

/** What R4 says of one type: its keys, and the elements it requires (with the keys that satisfy each). */
export interface TypeRule {
  readonly name: string;
  /**
   * By JSON key. A prototype-less object, not a Map: V8 looks up a parsed key in it several times faster, and
   * with no prototype a key such as `constructor` or `__proto__` finds nothing.
   */
  readonly keys: { readonly [key: string]: ElementRule | undefined };
  readonly required: readonly (readonly [name: string, keys: readonly string[]])[];
  /** One bit per required element, in the order of `required` (see ElementRule.requiredBit). */
  readonly requiredBits: number;
}

export interface PrimitiveRule {
  readonly type: string;
  readonly json: 'boolean' | 'number' | 'string';
  /** The R4 regex, anchored; `undefined` where none applies (numbers and booleans are checked by value). */
  readonly pattern: RegExp | undefined;
  /**
   * The regex only limits whitespace (string, code, markdown, uri, url, canonical): a non-empty value with
   * no whitespace at all matches it, which one scan for whitespace tells faster than the regex itself.
   */
  readonly spaceless: boolean;
}

const types = new Map<string, TypeRule | undefined>();
const primitives = new Map<string, PrimitiveRule | undefined>();
let resourceTypes: ReadonlySet<string> | undefined;

/** The rules of an R4 complex type or backbone element (`MessageHeader.source`), or `undefined`. */
export function typeRule(name: string): TypeRule | undefined {
  let rule = types.get(name);
  if (rule === undefined && !types.has(name)) {
    rule = readType(name);
    types.set(name, rule);
  }
  return rule;
}

/** The rules of an R4 primitive type, or `undefined` when `name` is not one. */
export function primitiveRule(name: string): PrimitiveRule | undefined {
  let rule = primitives.get(name);
  if (rule === undefined && !primitives.has(name)) {
    rule = readPrimitive(name);
    primitives.set(name, rule);
  }
  return rule;
}

/** Whether `name` is a resource type of R4. */
export function isR4ResourceType(name: string): boolean {
  resourceTypes ??= new Set(R4_RESOURCE_TYPES.split(' '));
  return resourceTypes.has(name);
}

function readType(name: string): TypeRule | undefined {
  const table = Object.hasOwn(R4_ELEMENTS, name) ? R4_ELEMENTS[name] : undefined;
  if (table === undefined) return undefined;
  const keys: { [key: string]: ElementRule } = Object.create(null);
  const required: (readonly [string, string[]])[] = [];
  let requiredBits = 0;
  for (const entry of table.split(',')) {
    const colon = entry.indexOf(':');
    const equals = entry.indexOf('=', colon);
    let head = entry.slice(0, colon);
    const repeats = head.includes('*');
    const min = head.endsWith('!');
    head = head.replace(/[*!]/g, '');
    const typeList = entry.slice(colon + 1, equals === -1 ? undefined : equals).split('/');
    const codes = equals === -1 ? undefined : entry.slice(equals + 1).split(' ');
    const choice = head.endsWith('[x]');
    const base = choice ? head.slice(0, -3) : head;
    const satisfied: string[] = [];
    // R4 types require three elements at most (SampledData, a test says so): a 31-bit mask has room.
    const requiredBit = min ? 1 << required.length : 0;
    for (const type of typeList) {
      const key = choice ? base + type.charAt(0).toUpperCase() + type.slice(1) : base;
      const primitive = primitiveRule(type);
      // `of` is there from the start: every rule keeps one hidden class, so the walk's reads stay monomorphic.
      const plain =
        primitive?.spaceless === true &&
        !repeats &&
        !choice &&
        !codes &&
        key !== 'reference' &&
        key !== 'implicitRules';
      keys[key] = { name: head, type, primitive, repeats, codes, choice, plain, requiredBit, of: undefined };
      satisfied.push(key);
      // A primitive exists through its value or its `_key` twin (json.html): either one satisfies `min`.
      if (primitive !== undefined) satisfied.push(`_${key}`);
    }
    if (min) {
      required.push([head, satisfied]);
      requiredBits |= requiredBit;
    }
  }
  return { name, keys, required, requiredBits };
}

// The R4 regexes that every string without whitespace matches (an empty one aside).
const SPACELESS = ['[ \\r\\n\\t\\S]+', '[^\\s]+(\\s[^\\s]+)*', '\\S*'];

function readPrimitive(name: string): PrimitiveRule | undefined {
  const table = Object.hasOwn(R4_PRIMITIVES, name) ? R4_PRIMITIVES[name] : undefined;
  if (table === undefined) return undefined;
  const json = table[0] === 'b' ? 'boolean' : table[0] === 'n' ? 'number' : 'string';
  const source = table.slice(1);
  // base64Binary's R4 regex, `(\s*([0-9a-zA-Z\+/=]){4}\s*)+`, backtracks exponentially on a long value
  // that fails near its end: the same language is checked by a linear loop instead (isBase64Binary).
  const pattern = source === '' || name === 'base64Binary' ? undefined : new RegExp(`^(?:${source})$`);
  return { type: name, json, pattern, spaceless: SPACELESS.includes(source) };
}

/**
 * R4's base64Binary: groups of four base64 characters (padding `=` included), with whitespace allowed around
 * each group, at least one group. Equal to the R4 regex, in linear time.
 */
export function isBase64Binary(text: string): boolean {
  let inGroup = 0;
  let groups = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    const whitespace =
      code <= 0x20 ? code === 0x20 || (code >= 0x09 && code <= 0x0d) : code > 0x7f && /\s/.test(text.charAt(i));
    if (whitespace) {
      if (inGroup !== 0) return false;
      continue;
    }
    const letter = (code >= 0x41 && code <= 0x5a) || (code >= 0x61 && code <= 0x7a) || (code >= 0x30 && code <= 0x39);
    if (!(letter || code === 0x2b || code === 0x2f || code === 0x3d)) return false;
    inGroup = (inGroup + 1) % 4;
    if (inGroup === 0) groups++;
  }
  return inGroup === 0 && groups > 0;
}

/** The widest R4 integer: 32-bit signed (datatypes.html, integer). */
const MAX_INTEGER = 2147483647;

/** Whether a JSON number is a valid value of R4's numeric primitive `type`. */
export function isR4Number(type: string, value: number): boolean {
  if (type === 'decimal') return Number.isFinite(value);
  if (!Number.isInteger(value) || value > MAX_INTEGER) return false;
  if (type === 'positiveInt') return value >= 1;
  if (type === 'unsignedInt') return value >= 0;
  return value >= -MAX_INTEGER - 1;
}
