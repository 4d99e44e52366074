// Arbitraries and checks shared by the property tests: valid b.well deliveries of every kind in both shapes,
// structural edits of a JSON document, and what a receiver may rely on in any event it is handed.
import { fc } from '@fast-check/vitest';
import { expect } from 'vitest';
import { isWebhookError, type WebhookEvent } from '../../src/index.js';
import { buildDataExportCompleted, buildUnknownEvent, buildUserDeleteCompleted } from '../../src/testing/index.js';

const FHIR_ID = /^[A-Za-z0-9\-.]{1,64}$/;

/** Checks what a receiver relies on in any event it is handed, and returns the outcome's name. */
export function outcomeOf(run: () => WebhookEvent): string {
  let event: WebhookEvent;
  try {
    event = run();
  } catch (error) {
    if (isWebhookError(error)) return error.code;
    throw error;
  }
  expect(['user-delete-completed', 'data-export-completed', 'unknown']).toContain(event.type);
  expect(typeof event.messageHeader.source.endpoint).toBe('string');
  if (event.type !== 'unknown') {
    // The person a deletion is about is exactly the one the message names.
    expect(event.person.reference).toBe(`Person/${event.person.id}`);
    expect(event.person.id).toMatch(FHIR_ID);
  }
  if (event.type === 'data-export-completed') expect(new URL(event.downloadUrl).protocol).toBe('https:');
  return event.type;
}

// Valid deliveries of every kind, in both shapes, with random ids and values.
const personId = fc.stringMatching(FHIR_ID);
const externalId = fc.stringMatching(/^[\x21-\x7e](?:[\x20-\x7e]{0,30}[\x21-\x7e])?$/);
const shape = fc.constantFrom('header' as const, 'bundle' as const);
export const validMessage = fc.oneof(
  fc.record({ shape, personId, externalId }).map((o) => buildUserDeleteCompleted(o)),
  fc
    .record({ shape, personId, externalId, downloadUrl: fc.webUrl({ validSchemes: ['https'], size: 'small' }) })
    .map((o) => buildDataExportCompleted(o)),
  fc.record({ shape, code: fc.stringMatching(/^[a-z][a-z-]{0,20}$/) }).map((o) => buildUnknownEvent(o)),
) as fc.Arbitrary<object>;

// One structural edit of a JSON document at a random place: delete, replace, or add a key.
export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
export const edit = fc.record({
  at: fc.nat(),
  op: fc.constantFrom('delete', 'replace', 'add'),
  key: fc.oneof(
    fc.constantFrom('__proto__', 'constructor', 'id', 'resourceType', 'extension', 'reference'),
    fc.string(),
  ),
  value: fc.jsonValue({ maxDepth: 3 }),
});

export function containers(root: Json): (Json[] | { [key: string]: Json })[] {
  const found: (Json[] | { [key: string]: Json })[] = [];
  const walk = (node: Json) => {
    if (typeof node !== 'object' || node === null) return;
    found.push(node);
    for (const child of Object.values(node)) walk(child);
  };
  walk(root);
  return found;
}

interface Edit {
  readonly at: number;
  readonly op: 'delete' | 'replace' | 'add';
  readonly key: string;
  readonly value: unknown;
}

export function applyEdit(document: object, { at, op, key, value }: Edit): string {
  const copy = JSON.parse(JSON.stringify(document)) as Json;
  const nodes = containers(copy);
  const node = nodes[at % nodes.length] as { [key: string]: Json };
  const keys = Object.keys(node);
  const target = op === 'add' || keys.length === 0 ? key : (keys[at % keys.length] as string);
  if (op === 'delete') delete node[target];
  // defineProperty, so that "__proto__" becomes an own key (what JSON.parse makes of it), not a prototype change.
  else Object.defineProperty(node, target, { value, enumerable: true, configurable: true, writable: true });
  return JSON.stringify(copy);
}
