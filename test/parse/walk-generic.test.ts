// The walk's generic rules: what it checks in a resource the R4 tables do not type (any resource other than
// MessageHeader, Bundle and Person), and in the values of such a resource. JSON values, `id`, `extension`,
// `modifierExtension`, `contained`, the resources nested in it, and the resourceType of every resource.
import { describe, expect, it } from 'vitest';
import { AT, issue, issuesWith, refusalWith } from './walk-helpers.js';

describe('JSON values in a generic resource', () => {
  it('reports an empty string as ele-1 at its pointer, with its message', () => {
    expect(issuesWith({ resourceType: 'Observation', status: '' })).toEqual([
      issue('ele-1', `${AT}/status`, 'a value', 'an empty string'),
    ]);
  });

  it('reports an empty string in an array of a generic value, at its index', () => {
    expect(issuesWith({ resourceType: 'Basic', code: { text: 'x', coding: [{ code: 'a' }, { code: '' }] } })).toEqual([
      issue('ele-1', `${AT}/code/coding/1/code`, 'a value', 'an empty string'),
    ]);
  });

  it('reports an empty object as ele-1, and accepts non-empty strings, numbers and booleans', () => {
    expect(issuesWith({ resourceType: 'Basic', code: {}, n: 1.5, b: false, s: 'x' })).toEqual([
      issue('ele-1', `${AT}/code`, 'a value or children', 'an empty object'),
    ]);
  });

  it('walks a nested object as an object: a null inside it is refused at its pointer', () => {
    expect(refusalWith({ resourceType: 'Basic', code: { text: null } })).toMatchObject({
      code: 'invalid_field',
      pointer: `${AT}/code/text`,
      message: `Expected a value (FHIR JSON has no null) at ${AT}/code/text, found null.`,
    });
  });

  it('walks a nested array as an array: a null member is refused at its index', () => {
    expect(refusalWith({ resourceType: 'Basic', note: [{ text: 'a' }, null] })).toMatchObject({
      code: 'invalid_field',
      pointer: `${AT}/note/1`,
    });
  });

  it('treats implicitRules inside a generic value as a plain property: only a resource has rules', () => {
    expect(issuesWith({ resourceType: 'Basic', code: { implicitRules: 'https://x.example/rules' } })).toEqual([]);
  });

  it('reads an object with a string resourceType inside a generic value as a resource, with its rules', () => {
    const error = refusalWith({ resourceType: 'Basic', code: { resourceType: 'Basic', implicitRules: 'x' } });
    expect(error).toMatchObject({ code: 'unknown_modifier', pointer: `${AT}/code/implicitRules` });
  });
});

describe('resource ids of a generic resource', () => {
  it('reports an id outside the R4 id regex as a format issue', () => {
    expect(issuesWith({ resourceType: 'Organization', id: 'org 1' })).toEqual([
      issue('format', `${AT}/id`, 'a FHIR id', 'the string "org 1"'),
    ]);
  });

  it('refuses an id that is not a string', () => {
    expect(refusalWith({ resourceType: 'Organization', id: 7 })).toMatchObject({
      code: 'invalid_field',
      pointer: `${AT}/id`,
      message: `Expected a FHIR id (a JSON string) at ${AT}/id, found number 7.`,
    });
  });

  it('leaves the id of an element alone: any string is one', () => {
    expect(issuesWith({ resourceType: 'Organization', id: 'o', type: [{ id: 'any text, even spaces' }] })).toEqual([]);
  });
});

describe('extensions of a generic resource and of its values', () => {
  const url = 'https://x.example/fhir/StructureDefinition/note';

  it('reads them as R4 Extensions: an extension without a url is a cardinality issue', () => {
    expect(issuesWith({ resourceType: 'Basic', extension: [{ valueString: 'x' }] })).toEqual([
      issue('cardinality', `${AT}/extension/0/url`, 'Extension.url (min 1)', 'nothing'),
    ]);
    expect(issuesWith({ resourceType: 'Basic', code: { extension: [{ url }] } })).toEqual([
      issue('ext-1', `${AT}/code/extension/0`, 'a value[x] or nested extensions', 'neither'),
    ]);
  });

  it('accepts valid extensions, beside a modifier extension the receiver understands', () => {
    const modifier = 'https://x.example/fhir/StructureDefinition/understood';
    const resource = {
      resourceType: 'Basic',
      extension: [{ url, valueString: 'x' }],
      modifierExtension: [{ url: modifier, valueBoolean: true }],
      code: { extension: [{ url, valueCode: 'c' }], modifierExtension: [{ url: modifier, valueBoolean: true }] },
    };
    expect(issuesWith(resource, { understoodModifiers: [modifier] })).toEqual([]);
  });

  it('refuses extensions that are not an array, or an extension that is not an object', () => {
    expect(refusalWith({ resourceType: 'Basic', extension: { url, valueString: 'x' } })).toMatchObject({
      code: 'invalid_field',
      pointer: `${AT}/extension`,
      message: `Expected an array of Extension at ${AT}/extension, found an object.`,
    });
    expect(refusalWith({ resourceType: 'Basic', extension: ['x'] })).toMatchObject({
      code: 'invalid_field',
      pointer: `${AT}/extension/0`,
      message: `Expected an Extension object at ${AT}/extension/0, found the string "x".`,
    });
  });

  it('refuses a value of the wrong JSON type inside an extension', () => {
    expect(refusalWith({ resourceType: 'Basic', extension: [{ url: 5, valueString: 'x' }] })).toMatchObject({
      code: 'invalid_field',
      pointer: `${AT}/extension/0/url`,
    });
  });
});

describe('contained resources of a generic resource', () => {
  const person = { resourceType: 'Person', id: 'p', gender: 'female' };

  it('are resources, referred to by #id: an array of them is accepted', () => {
    const resource = {
      resourceType: 'Organization',
      id: 'o',
      contained: [person, { resourceType: 'Endpoint', id: 'e' }],
      partOf: { reference: '#p' },
      endpoint: [{ reference: '#e' }],
    };
    expect(issuesWith(resource)).toEqual([]);
  });

  it('are read against their table: a contained Person with a gender of another type is refused', () => {
    const resource = {
      resourceType: 'Organization',
      contained: [{ ...person, gender: 3 }],
      partOf: { reference: '#p' },
    };
    expect(refusalWith(resource)).toMatchObject({ code: 'invalid_field', pointer: `${AT}/contained/0/gender` });
  });

  it('must be referred to (dom-3)', () => {
    expect(issuesWith({ resourceType: 'Organization', contained: [person] })).toEqual([
      issue('dom-3', `${AT}/contained/0`, 'a contained resource referred to by its container', 'none refers'),
    ]);
  });

  it('are refused when one is given where R4 has an array', () => {
    expect(refusalWith({ resourceType: 'Organization', contained: person })).toMatchObject({
      code: 'invalid_field',
      pointer: `${AT}/contained`,
      message: `Expected an array of Resource at ${AT}/contained, found an object.`,
    });
  });

  it('are a rule of resources only: `contained` in an element is a plain property', () => {
    expect(issuesWith({ resourceType: 'Basic', code: { contained: { text: 'x' } } })).toEqual([]);
  });
});

describe('a resource inside a generic value (Parameters.parameter.resource)', () => {
  const parameters = (resource: object) => ({ resourceType: 'Parameters', parameter: [{ name: 'r', resource }] });

  it('is read as a resource, against its table', () => {
    const error = refusalWith(parameters({ resourceType: 'Person', id: 'p', gender: 3 }));
    expect(error).toMatchObject({ code: 'invalid_field', pointer: `${AT}/parameter/0/resource/gender` });
  });

  it('is not a contained resource: nothing needs to refer to it', () => {
    expect(issuesWith(parameters({ resourceType: 'Person', id: 'p', gender: 'other' }))).toEqual([]);
  });

  it('has its own id rule and unknown-modifier rule', () => {
    expect(issuesWith(parameters({ resourceType: 'Organization', id: 'o 1' }))).toEqual([
      issue('format', `${AT}/parameter/0/resource/id`, 'a FHIR id', 'the string "o 1"'),
    ]);
    const error = refusalWith(parameters({ resourceType: 'Organization', implicitRules: 'https://x.example/r' }));
    expect(error).toMatchObject({ code: 'unknown_modifier', pointer: `${AT}/parameter/0/resource/implicitRules` });
  });
});

describe('resourceType', () => {
  it('reports a resource without one as a resource-type issue at the resource', () => {
    expect(issuesWith({ id: 'x' })).toEqual([issue('resource-type', AT, 'a resource with a resourceType', 'none')]);
  });

  it('refuses one that is not a string, with its pointer', () => {
    expect(refusalWith({ resourceType: 5, id: 'x' })).toMatchObject({
      code: 'invalid_field',
      pointer: `${AT}/resourceType`,
      message: `Expected a resource type name at ${AT}/resourceType, found number 5.`,
    });
    expect(refusalWith({ resourceType: ['Basic'] })).toMatchObject({
      code: 'invalid_field',
      pointer: `${AT}/resourceType`,
    });
  });

  it('reports a name R4 does not define as a resource-type issue at the resourceType', () => {
    expect(issuesWith({ resourceType: 'Gizmo', id: 'x' })).toEqual([
      issue('resource-type', `${AT}/resourceType`, 'an R4 resource type', 'the string "Gizmo"'),
    ]);
  });
});
