import { describe, expect, it } from 'vitest';
import { getExternalIdentifier, parseEvent, safeParseEvent } from '../../src/index.js';
import { acknowledgement, asBundle, eventOf, type Json, published, variant } from '../parse/fixtures.js';

const fromBundle = { use: 'official', system: 'urn:client:identifier', value: 'a5ddab6d-24b0-4e52-a99d-f33263db5997' };
const fromExtension = { system: 'urn:client:identifier', value: 'client-specific-identifier' };

describe('getExternalIdentifier', () => {
  it.each<[string, Json, object]>([
    ['a raw bare MessageHeader (example.com namespace)', published.userDeleteBare, fromExtension],
    ['a raw message Bundle (focused Person identifier)', published.userDeleteBundle, fromBundle],
    ['a raw MessageHeader wrapped in a Bundle', asBundle(published.dataExportBare), fromExtension],
    ['a parsed bare event', parseEvent(published.dataExportBare), fromExtension],
    ['a parsed Bundle event', parseEvent(published.dataExportBundle), fromBundle],
  ])('finds the identifier in %s', (_, input, expected) => {
    expect(getExternalIdentifier(input)).toEqual(expected);
  });

  it('agrees with the parsed event on every published example', () => {
    for (const document of Object.values(published)) {
      const event = eventOf(document);
      if (event.type === 'unknown') throw new Error('unexpected unknown event');
      expect(getExternalIdentifier(event)).toEqual(event.externalIdentifier);
      expect(getExternalIdentifier(document)).toEqual(event.externalIdentifier);
    }
  });

  it('reads the icanbwell.com namespace', () => {
    const header = variant(published.userDeleteBare, (h) => {
      h.extension[0].url = 'http://icanbwell.com/fhir/StructureDefinition/external-identifier';
    });
    expect(getExternalIdentifier(header)).toEqual(fromExtension);
  });

  it('prefers the extension to the Bundle Person when the two agree', () => {
    const bundle = variant(published.userDeleteBundle, (b) => {
      b.entry[0].resource.extension = structuredClone(published.userDeleteBare.extension);
      b.entry[1].resource.identifier[0].value = fromExtension.value;
    });
    expect(getExternalIdentifier(bundle)).toEqual(fromExtension);
  });

  it.each<[string, (b: Json) => void]>([
    [
      'the extension and the Person disagree',
      (b) => {
        b.entry[0].resource.extension = structuredClone(published.userDeleteBare.extension);
      },
    ],
    [
      'the extension value is not an Identifier',
      (b) => {
        b.entry[0].resource.extension = [
          { url: 'http://icanbwell.com/fhir/StructureDefinition/external-identifier', valueString: 'x' },
        ];
      },
    ],
    [
      'the Person identifier value is not a string',
      (b) => {
        b.entry[1].resource.identifier[0].value = { $exists: true };
      },
    ],
  ])('gives no identifier where parseEvent refuses the message: %s', (_, edit) => {
    const bundle = variant(published.userDeleteBundle, edit);
    expect(safeParseEvent(bundle).success).toBe(false);
    expect(getExternalIdentifier(bundle)).toBeUndefined();
  });

  it('reads an unknown event through its MessageHeader', () => {
    const event = eventOf(variant(published.userDeleteBare, (h) => (h.eventCoding.code = 'user-created')));
    expect(event.type).toBe('unknown');
    expect(getExternalIdentifier(event)).toEqual(fromExtension);
  });

  it('ignores a Person the focus does not point at', () => {
    expect(
      getExternalIdentifier(
        variant(published.userDeleteBundle, (b) => (b.entry[0].resource.focus[0].reference = 'Person/1')),
      ),
    ).toBeUndefined();
  });

  it.each<[string, unknown]>([
    ['undefined', undefined],
    ['null', null],
    ['a string', 'Person/789'],
    ['an array', [published.userDeleteBare]],
    ['an empty object', {}],
    ['a Patient', { resourceType: 'Patient' }],
    ['a Bundle without entries', { resourceType: 'Bundle', type: 'message' }],
    ['a Bundle whose entries are a string', { resourceType: 'Bundle', entry: 'x' }],
    ['a Bundle whose first resource is a Person', variant(published.userDeleteBundle, (b) => b.entry.reverse())],
    ['extensions that are not an array', variant(published.userDeleteBare, (h) => (h.extension = 'x'))],
    ['an extension that is null', variant(published.userDeleteBare, (h) => (h.extension = [null]))],
    [
      'a focus that is a string',
      variant(published.userDeleteBundle, (b) => (b.entry[0].resource.focus = 'Person/789')),
    ],
    [
      'Person identifiers that are not an array',
      variant(published.userDeleteBundle, (b) => (b.entry[1].resource.identifier = {})),
    ],
    ['the acknowledgement Bundle', acknowledgement],
  ])('returns undefined, without throwing, for %s', (_, input) => {
    expect(getExternalIdentifier(input as Json)).toBeUndefined();
  });
});
