import { describe, expect, it } from 'vitest';
import { getExternalIdentifier, parseEvent } from '../../src/index.js';
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

  it('prefers the extension to the Bundle Person', () => {
    const bundle = variant(published.userDeleteBundle, (b) => {
      b.entry[0].resource.extension = structuredClone(published.userDeleteBare.extension);
    });
    expect(getExternalIdentifier(bundle)).toEqual(fromExtension);
  });

  it('falls back to the Person when the extension value is not an Identifier', () => {
    const bundle = variant(published.userDeleteBundle, (b) => {
      b.entry[0].resource.extension = [
        { url: 'http://icanbwell.com/fhir/StructureDefinition/external-identifier', valueString: 'x' },
      ];
    });
    expect(getExternalIdentifier(bundle)).toEqual(fromBundle);
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
