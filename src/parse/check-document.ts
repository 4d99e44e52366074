// The FHIR R4 rules of a whole document, checked in one iterative, table-driven walk. MessageHeader, Bundle
// and Person resources (wherever they appear) are read against their R4 definitions (src/lib/r4-types.ts):
// every value has the JSON type R4 gives it or the message is refused, since a value of another type would
// reach the receiver's code under a type that lies. Every other resource is checked generically: JSON
// values, extensions, modifiers, resource ids. What R4 flags but does not change the meaning (formats,
// cardinalities, bindings, ele-1, ext-1, dom-2..5, ref-1, unknown properties, json.html's rules for arrays
// and `_x` twins) is pushed to `issues` instead.
//
// A queue (never recursion) keeps 10k-deep input from overflowing the call stack. The walk allocates one
// small record per container and nothing per value; objects are read with for-in (V8's fastest way to
// visit own keys), and a JSON pointer is built from the records' parent links only for an error or issue.
// Internal to parse.

import type { ConformanceIssue } from '../events/types.js';
import { describeValue, excerpt } from '../lib/excerpt.js';
import { fieldError, invalidField, where } from '../lib/fail.js';
import { isFhirId, isJsonObject, type JsonObject } from '../lib/fhir.js';
import { stringCount } from '../lib/json-syntax.js';
import { type Path, toPointer } from '../lib/pointer.js';
import {
  type ElementRule,
  isBase64Binary,
  isR4Number,
  isR4ResourceType,
  type PrimitiveRule,
  primitiveRule,
  type TypeRule,
  typeRule,
} from '../lib/r4-types.js';

/** Deeper than any FHIR message b.well sends (about 10 levels); a clear error beyond, not a stack overflow. */
export const MAX_DEPTH = 100;

/** Where the walk reports what it does not refuse, and which modifiers the receiver understands. */
export interface Conformance {
  readonly issues: ConformanceIssue[];
  readonly understoodModifiers: readonly string[];
}

const WHITESPACE = /\s/;

/**
 * The rules of the resources whose R4 definitions the tables carry, or `undefined` for any other resource (checked
 * generically). Compared by name, not looked up in typeRule's Map: a resourceType is a new string in every
 * parsed document, and a Map lookup would hash it each time.
 */
function typedResource(name: string): TypeRule | undefined {
  // Each looked up by its literal, whose hash V8 keeps.
  switch (name) {
    case 'MessageHeader':
      return typeRule('MessageHeader');
    case 'Bundle':
      return typeRule('Bundle');
    case 'Person':
      return typeRule('Person');
    default:
      return undefined;
  }
}

/** A container waiting to be checked, and how to find it again from the root. */
interface Item {
  readonly node: JsonObject | readonly unknown[];
  /** An object's R4 type; `undefined` for an object checked generically. */
  readonly type: TypeRule | undefined;
  /** What an array's members are; `undefined` for generic members. */
  readonly element: ElementRule | undefined;
  /** An array of `_x` twins: Element objects or null. */
  readonly twin: boolean;
  /** An object that is a resource. */
  readonly resource: boolean;
  /** Containers between the root and this one, the root included. */
  readonly depth: number;
  readonly parent: Item | undefined;
  readonly key: string | number;
  /** The resource whose references and contained resources this value belongs to (for ref-1 and dom-3). */
  readonly scope: Scope;
  /** The contained resource this value is inside, if any (set once, for a contained resource's own record). */
  contained: Contained | undefined;
}

interface Scope {
  references: [reference: string, at: Item][] | undefined;
  contained: Contained[] | undefined;
}

interface Contained {
  readonly id: unknown;
  readonly at: Item;
  refersToContainer: boolean;
}

/**
 * What a document was read from: a caller's already-parsed value, a JSON text, or a compact text (no
 * whitespace and no escapes anywhere, see isCompactText), whose strings need no test for whitespace and whose
 * names are counted by the compact rule of textMembers.
 */
export type DocumentSource = 'value' | 'text' | 'compact';

/**
 * Throws a WebhookError at a value that breaks a rule that refuses, and pushes an issue for every other rule
 * broken. A caller's parsed value (`source` 'value') is also refused if it holds an object twice: JSON.parse
 * never shares objects, but a caller's value could, even in a cycle. The root's resourceType has been checked
 * by the caller.
 *
 * Returns the members of the document plus what stringCount gives for each of its keys and strings, each
 * value counted once as the walk visits it: JSON.parse's side of the proof that no name was repeated (see
 * textMembers), which a second walk over the value would cost nearly as much as this one.
 */
export function checkDocument(root: JsonObject, source: DocumentSource, conformance: Conformance): number {
  const walk = new Walk(source, conformance);
  walk.run(root);
  return walk.members;
}

class Walk {
  /** Members, plus what stringCount gives for each key and string, of every container visited so far. */
  members = 0;
  private readonly queue: Item[] = [];
  private readonly scopes: Scope[] = [];
  private readonly chosen: string[] = [];
  private readonly seen: Set<unknown> | undefined;
  // for-in also visits inherited enumerable keys. JSON.parse makes plain objects, which inherit none unless
  // something has polluted Object.prototype: only then, or for a caller's own objects, is each key tested.
  private readonly own: boolean;
  /** No string of the text holds whitespace, and names are counted by the compact rule. */
  private readonly compact: boolean;

  constructor(
    source: DocumentSource,
    private readonly conformance: Conformance,
  ) {
    const tree = source === 'value';
    this.seen = tree ? new Set() : undefined;
    this.own = tree || hasKeys(Object.prototype, false);
    this.compact = source === 'compact';
  }

  run(root: JsonObject): void {
    this.seen?.add(root);
    this.resource(undefined, '', root, false);
    // Breadth first, siblings in document order: the reported value is the shallowest at fault.
    const { queue } = this;
    for (let next = 0; next < queue.length; next++) {
      const item = queue[next] as Item;
      if (Array.isArray(item.node)) this.array(item);
      else this.object(item);
    }
    for (const scope of this.scopes) this.references(scope);
  }

  private object(item: Item): void {
    const node = item.node as JsonObject;
    const { type, resource } = item;
    const { own, compact } = this;
    // How many choice elements this object has shown so far (see choice()).
    let chosen = 0;
    let empty = true;
    let members = 0;
    // The required elements met so far, one bit each (ElementRule.requiredBit).
    let present = 0;
    for (const key in node) {
      if (own && !Object.hasOwn(node, key)) continue;
      empty = false;
      const value: unknown = node[key];
      const known = type?.keys[key];
      // Set for any value: one that is not JSON (undefined, in a caller's value) is refused below all the same.
      if (known !== undefined) present |= known.requiredBit;
      // An R4 element's name holds no colon (so adds nothing to stringCount): only a key no table knows is counted.
      members += known === undefined ? 1 + stringCount(key, compact) : 1;
      if (typeof value === 'string') {
        members += stringCount(value, compact);
        // The most common value by far, checked here without a call: one string whose R4 regex only limits
        // whitespace (a string, code or uri), without whitespace, outside any choice or binding.
        if (known?.plain === true && value !== '' && (compact || !WHITESPACE.test(value))) continue;
      }
      if (resource) {
        if (key === 'resourceType') continue;
        if (key === 'implicitRules' || key === '_implicitRules') this.implicitRules(item, key);
      }
      if (key === 'reference' && typeof value === 'string' && value.charCodeAt(0) === 0x23) {
        this.localReference(item, value);
      }
      // A key no table names may still be one every element or resource has (a modifierExtension on a datatype).
      let rule = known ?? genericRule(key, resource);
      let twin = false;
      if (rule === undefined && key.charCodeAt(0) === 0x5f) {
        // `_x`: the id and extensions of primitive x (json.html 2.6.2.1).
        const base = type?.keys[key.slice(1)];
        if (type === undefined || base?.primitive !== undefined) {
          twin = true;
          rule = base;
          if (base !== undefined) present |= base.requiredBit;
        }
      }
      if (rule?.choice === true) chosen = this.choice(item, key, twin, rule, chosen);
      if (twin) {
        this.twin(item, key, value, rule);
      } else if (rule !== undefined) {
        this.element(item, key, value, rule);
      } else {
        if (type !== undefined) {
          this.issue('unknown-property', [item, key], `an element of ${type.name}`, 'a property R4 does not define');
        }
        this.generic(item, key, value);
      }
    }
    this.members += members;
    if (empty && !resource) {
      this.issue('ele-1', [item.parent, item.key], 'a value or children', 'an empty object');
      return;
    }
    if (type === undefined) return;
    if (present !== type.requiredBits) this.missing(item, type, present);
    if (type.name === 'Extension') this.ext1(item, chosen > 0);
  }

  // cardinality: each required element whose bit no key of the object set, at the first key that satisfies it.
  private missing(item: Item, type: TypeRule, present: number): void {
    const { required } = type;
    for (let r = 0; r < required.length; r++) {
      if ((present & (1 << r)) !== 0) continue;
      const [name, keys] = required[r] as (typeof required)[number];
      this.issue('cardinality', [item, keys[0] as string], `${type.name}.${name} (min 1)`, 'nothing');
    }
  }

  // Remembers a choice's key, and refuses a second type of the same choice (eventCoding beside eventUri or
  // beside _eventUri): R4 allows one value, and which one a reader takes would change what the message says.
  // The object's choices so far are the first `chosen` pairs of one scratch list: objects are walked one at a
  // time (a queue, no recursion), so the list is reused and an extension's value costs no allocation.
  private choice(item: Item, key: string, twin: boolean, rule: ElementRule, chosen: number): number {
    const own = twin ? key.slice(1) : key;
    const list = this.chosen;
    for (let i = 0; i < 2 * chosen; i += 2) {
      if (list[i] === rule.name && list[i + 1] !== own) {
        throw fieldError(
          'invalid_field',
          pathOf(item, key),
          `one value of ${rule.name}`,
          `${excerpt(list[i + 1] as string)} and ${excerpt(own)}`,
        );
      }
    }
    list[2 * chosen] = rule.name;
    list[2 * chosen + 1] = own;
    return chosen + 1;
  }

  private element(parent: Item, key: string, value: unknown, rule: ElementRule): void {
    if (!rule.repeats) {
      if (Array.isArray(value)) throw invalidField(pathOf(parent, key), `one ${rule.type} (R4: at most one)`, value);
      this.value(parent, key, value, rule);
      return;
    }
    if (!Array.isArray(value)) throw invalidField(pathOf(parent, key), `an array of ${rule.type}`, value);
    if (this.enter(parent, key, value)) this.push(parent, key, value, undefined, rule, false, false);
  }

  private value(parent: Item, key: string | number, value: unknown, rule: ElementRule): void {
    const { primitive } = rule;
    if (primitive !== undefined) {
      this.primitive(parent, key, value, rule, primitive);
      return;
    }
    if (!isJsonObject(value))
      throw invalidField(pathOf(parent, key), `${article(rule.type)} ${rule.type} object`, value);
    if (rule.type === 'Resource') {
      if (this.enter(parent, key, value)) this.resource(parent, key, value, rule.name === 'contained');
    } else if (this.enter(parent, key, value)) {
      rule.of ??= typeRule(rule.type);
      this.push(parent, key, value, rule.of, undefined, false, false);
    }
  }

  private primitive(parent: Item, key: string | number, value: unknown, rule: ElementRule, p: PrimitiveRule): void {
    if (typeof value !== p.json || (typeof value === 'number' && !Number.isFinite(value))) {
      throw invalidField(pathOf(parent, key), `a FHIR ${p.type} (a JSON ${p.json})`, value);
    }
    let valid: boolean;
    if (typeof value === 'string') {
      if (value === '') {
        this.issue('ele-1', [parent, key], `a FHIR ${p.type} with a value`, 'an empty string');
        return;
      }
      // id: the loop of isFhirId, equal to R4's regex and cheaper (it runs on every resource).
      if (p.type === 'id') valid = isFhirId(value);
      else if (p.pattern === undefined) valid = p.type !== 'base64Binary' || isBase64Binary(value);
      else
        valid =
          (p.spaceless && (this.compact || !WHITESPACE.test(value))) ||
          (p.pattern.test(value) && (p.type !== 'code' || isCodeSpacing(value)));
    } else {
      valid = typeof value !== 'number' || isR4Number(p.type, value);
    }
    if (!valid) {
      this.issue('format', [parent, key], `a FHIR ${p.type}`, describeValue(value));
    } else if (rule.codes !== undefined && !rule.codes.includes(value as string)) {
      const codes = rule.codes.length <= 8 ? `one of ${rule.codes.join(', ')}` : `a code of ${rule.name}'s value set`;
      this.issue('binding', [parent, key], `${codes} (a required binding)`, describeValue(value));
    }
  }

  // `_x` beside a primitive x: an Element (id, extensions), or for a repeating x an array aligned with x's.
  private twin(parent: Item, key: string, value: unknown, rule: ElementRule | undefined): void {
    if (rule === undefined ? Array.isArray(value) : rule.repeats) {
      if (!Array.isArray(value)) throw invalidField(pathOf(parent, key), 'an array of Elements and nulls', value);
      if (this.enter(parent, key, value)) this.push(parent, key, value, undefined, rule, true, false);
      return;
    }
    if (!isJsonObject(value)) throw invalidField(pathOf(parent, key), 'an Element object', value);
    if (this.enter(parent, key, value)) this.push(parent, key, value, elementRule(), undefined, false, false);
  }

  private array(item: Item): void {
    const node = item.node as readonly unknown[];
    const { element: rule, twin } = item;
    const parent = item.parent as Item;
    const key = item.key as string;
    // The other half of a primitive array and its `_x` twin, when both are there (looked up only where there
    // can be one: arrays of complex types, most of them, have none).
    const paired = twin || rule === undefined || rule.primitive !== undefined;
    const siblings = parent.node as JsonObject;
    const other = !paired ? undefined : twin ? siblings[key.slice(1)] : siblings[`_${key}`];
    const partner = Array.isArray(other) ? (other as readonly unknown[]) : undefined;
    const { compact } = this;
    let members = 0;
    for (let i = 0; i < node.length; i++) {
      const value: unknown = node[i];
      if (typeof value === 'string') members += stringCount(value, compact);
      if (twin) {
        if (value === null) {
          if (partner === undefined || partner[i] === null || partner[i] === undefined) {
            this.issue('json', [item, i], `null only where ${key.slice(1)} has a value`, 'a null that pads nothing');
          }
        } else if (!isJsonObject(value)) {
          throw invalidField(pathOf(item, i), 'an Element object or null', value);
        } else if (this.enter(item, i, value)) {
          this.push(item, i, value, elementRule(), undefined, false, false);
        }
        continue;
      }
      // json.html: a repeating primitive's array holds null where only its `_x` twin has something.
      if (value === null && isJsonObject(partner?.[i]) && (rule === undefined || rule.primitive !== undefined))
        continue;
      if (rule === undefined) {
        this.generic(item, i, value);
        continue;
      }
      if (key === 'modifierExtension') this.modifier(item, i, value);
      this.value(item, i, value, rule);
    }
    this.members += members;
    if (!twin && partner !== undefined && partner.length !== node.length) {
      const at: Path = [...pathOf(parent), `_${key}`];
      this.issueAt('json', at, `${node.length} entries, aligned with ${key}`, `${partner.length}`);
    }
  }

  // A value no table describes: the JSON rules, extensions and resources still apply.
  private generic(parent: Item, key: string | number, value: unknown): void {
    if (typeof value === 'string') {
      if (value === '') this.issue('ele-1', [parent, key], 'a value', 'an empty string');
    } else if (typeof value === 'object' && value !== null) {
      if (!this.enter(parent, key, value)) return;
      if (Array.isArray(value)) {
        this.push(parent, key, value, undefined, undefined, false, false);
      } else if (typeof (value as JsonObject).resourceType === 'string') {
        this.resource(parent, key, value as JsonObject, false);
      } else {
        this.push(parent, key, value as JsonObject, undefined, undefined, false, false);
      }
    } else if (value === null) {
      throw invalidField(pathOf(parent, key), 'a value (FHIR JSON has no null)', value);
    } else if (typeof value === 'number' ? !Number.isFinite(value) : typeof value !== 'boolean') {
      // Only a caller's parsed value can hold these: JSON.parse makes none.
      throw invalidField(pathOf(parent, key), 'a JSON value', value);
    }
  }

  private resource(parent: Item | undefined, key: string | number, node: JsonObject, contained: boolean): void {
    const { resourceType } = node;
    let type: TypeRule | undefined;
    if (typeof resourceType === 'string') {
      type = typedResource(resourceType);
      if (type === undefined && !isR4ResourceType(resourceType)) {
        const found = describeValue(resourceType);
        this.issue('resource-type', [parent, key, 'resourceType'], 'an R4 resource type', found);
      }
    } else if (resourceType === undefined) {
      this.issue('resource-type', [parent, key], 'a resource with a resourceType', 'none');
    } else {
      throw invalidField(pathOf(parent, key, 'resourceType'), 'a resource type name', resourceType);
    }
    const scope: Scope =
      contained && parent !== undefined ? parent.scope : { references: undefined, contained: undefined };
    if (scope !== parent?.scope) this.scopes.push(scope);
    const depth = parent === undefined ? 1 : parent.depth + 1;
    const item: Item = {
      node,
      type,
      element: undefined,
      twin: false,
      resource: true,
      depth,
      parent,
      key,
      scope,
      contained: parent?.contained,
    };
    if (contained) {
      const record: Contained = { id: node.id, at: item, refersToContainer: false };
      item.contained = record;
      scope.contained ??= [];
      scope.contained.push(record);
      this.containedRules(item, node);
    }
    this.queue.push(item);
  }

  // dom-2, dom-4, dom-5: what a contained resource may not carry.
  private containedRules(item: Item, node: JsonObject): void {
    if (node.contained !== undefined) {
      this.issue('dom-2', [item, 'contained'], 'no resources inside a contained resource', 'contained resources');
    }
    const meta = node.meta;
    if (!isJsonObject(meta)) return;
    for (const key of ['versionId', 'lastUpdated'] as const) {
      if (meta[key] !== undefined) {
        this.issue('dom-4', [item, 'meta', key], `no meta.${key} in a contained resource`, describeValue(meta[key]));
      }
    }
    if (meta.security !== undefined) {
      this.issue('dom-5', [item, 'meta', 'security'], 'no security label in a contained resource', 'one');
    }
  }

  private localReference(item: Item, reference: string): void {
    const { scope } = item;
    scope.references ??= [];
    scope.references.push([reference, item]);
    if (reference === '#' && item.contained !== undefined) item.contained.refersToContainer = true;
  }

  // ref-1 (a `#id` reference names a contained resource) and dom-3 (a contained resource is referred to).
  private references(scope: Scope): void {
    if (scope.references === undefined && scope.contained === undefined) return;
    const { references = [], contained = [] } = scope;
    for (const [reference, at] of references) {
      if (reference !== '#' && !contained.some((resource) => names(reference, resource))) {
        this.issue('ref-1', [at, 'reference'], 'a contained resource with that id', describeValue(reference));
      }
    }
    for (const resource of contained) {
      const named = references.some(([reference]) => names(reference, resource));
      if (!(named || resource.refersToContainer)) {
        const { at } = resource;
        this.issue('dom-3', [at.parent, at.key], 'a contained resource referred to by its container', 'none refers');
      }
    }
  }

  // R4 extensibility.html: "implicitRules ... SHALL be understood", like a modifier extension.
  private implicitRules(item: Item, key: string): void {
    const node = item.node as JsonObject;
    const rules = node.implicitRules;
    if (typeof rules === 'string' && this.conformance.understoodModifiers.includes(rules)) return;
    const found = typeof rules === 'string' ? `the rules ${quoteUrl(rules)}` : 'rules without a URL';
    throw fieldError(
      'unknown_modifier',
      pathOf(item, key),
      'no implicitRules this receiver does not understand',
      found,
    );
  }

  // R4 extensibility.html: applications SHALL check for modifier extensions and SHALL NOT process an
  // element that has one they do not understand (they change what the element means).
  private modifier(item: Item, index: number, extension: unknown): void {
    if (!isJsonObject(extension)) return;
    const { url } = extension;
    if (typeof url === 'string' && this.conformance.understoodModifiers.includes(url)) return;
    const found = typeof url === 'string' ? `the modifier ${quoteUrl(url)}` : 'a modifier without a url';
    throw fieldError(
      'unknown_modifier',
      pathOf(item, index, ...(typeof url === 'string' ? ['url'] : [])),
      'only modifier extensions this receiver understands (options.understoodModifiers)',
      found,
    );
  }

  // ext-1: an extension has nested extensions or a value[x] (counting one that exists only as `_value[x]`).
  private ext1(item: Item, hasValue: boolean): void {
    const hasExtensions = (item.node as JsonObject).extension !== undefined;
    if (hasValue && hasExtensions) {
      this.issue('ext-1', [item, 'extension'], 'either nested extensions or a value[x]', 'both');
    } else if (!(hasValue || hasExtensions)) {
      this.issue('ext-1', [item], 'a value[x] or nested extensions', 'neither');
    }
  }

  // A container about to be queued: refused if shared or too deep; reported and skipped when empty.
  private enter(parent: Item, key: string | number, value: object): boolean {
    if (this.seen?.has(value)) {
      throw fieldError('invalid_field', pathOf(parent, key), 'a JSON tree', 'an object that appears twice');
    }
    this.seen?.add(value);
    if (parent.depth >= MAX_DEPTH) {
      throw fieldError(
        'invalid_field',
        pathOf(parent, key),
        `at most ${MAX_DEPTH} levels of nesting`,
        'deeper nesting',
      );
    }
    // An empty object is found by the walk of its keys (object()), which spares a second for-in here.
    if (!Array.isArray(value) || value.length > 0) return true;
    this.issue('json', [parent, key], 'a non-empty array', 'an empty array');
    return false;
  }

  private push(
    parent: Item,
    key: string | number,
    node: JsonObject | readonly unknown[],
    type: TypeRule | undefined,
    element: ElementRule | undefined,
    twin: boolean,
    resource: boolean,
  ): void {
    const { scope, contained } = parent;
    const depth = parent.depth + 1;
    this.queue.push({ node, type, element, twin, resource, depth, parent, key, scope, contained });
  }

  private issue(
    rule: string,
    [item, ...more]: [Item | undefined, ...(string | number)[]],
    expected: string,
    found: string,
  ) {
    this.issueAt(rule, pathOf(item, ...more), expected, found);
  }

  private issueAt(rule: string, path: Path, expected: string, found: string): void {
    const pointer = toPointer(path);
    const message = `Expected ${expected} at ${where(pointer)}, found ${found}.`;
    this.conformance.issues.push({ rule, pointer, message });
  }
}

let element: TypeRule | undefined;
const elementRule = () => {
  element ??= typeRule('Element');
  return element;
};

/** The keys every element or resource may hold, for an object no table describes. */
function genericRule(key: string, resource: boolean): ElementRule | undefined {
  generic ??= {
    extensions: rule('extension', 'Extension', true),
    id: rule('id', 'id', false),
    contained: rule('contained', 'Resource', true),
  };
  if (key === 'extension' || key === 'modifierExtension') return generic.extensions;
  if (!resource) return undefined;
  if (key === 'id') return generic.id;
  return key === 'contained' ? generic.contained : undefined;
}

let generic:
  | { readonly extensions: ElementRule; readonly id: ElementRule; readonly contained: ElementRule }
  | undefined;

function rule(name: string, type: string, repeats: boolean): ElementRule {
  const primitive = primitiveRule(type);
  return {
    name,
    type,
    primitive,
    repeats,
    codes: undefined,
    choice: false,
    plain: false,
    requiredBit: 0,
    of: undefined,
  };
}

// The keys from the root to `item`, then `more`: built only for an error or an issue.
function pathOf(item: Item | undefined, ...more: (string | number)[]): Path {
  const path = more;
  for (; item?.parent !== undefined; item = item.parent) path.unshift(item.key);
  return path;
}

// Whether a `#id` reference names a contained resource, for ref-1 and dom-3 alike. A resource without an id has
// no #id: not even "#undefined" names it.
const names = (reference: string, resource: Contained) =>
  typeof resource.id === 'string' && reference === `#${resource.id}`;

// A modifier's URL is what the receiver must add to understoodModifiers: quoted whole, unless absurdly long.
const quoteUrl = (url: string) => JSON.stringify(url.length <= 200 ? url : `${url.slice(0, 200)}…`);

const article = (word: string) => (/^[AEIOU]/.test(word) ? 'an' : 'a');

// Whether `object` has an enumerable key (only its own ones, with `own`).
function hasKeys(object: object, own: boolean): boolean {
  for (const key in object) if (!own || Object.hasOwn(object, key)) return true;
  return false;
}

// R4 datatypes.html, code: "no whitespace other than single spaces in the contents". Its regex,
// `[^\s]+(\s[^\s]+)*`, also lets a tab or a newline through; the prose is the rule (Medplum's validator
// follows it too). Reached only for a code that has whitespace and matched the regex, so it is rare.
function isCodeSpacing(value: string): boolean {
  return !/[^\S ]/.test(value);
}
