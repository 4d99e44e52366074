import { describe, expect, it } from 'vitest';
import { getDownloadUrl, parseEvent } from '../../src/index.js';
import { acknowledgement, eventOf, type Json, published, variant } from '../parse/fixtures.js';

const docUrl = 'https://icanbwell.com/downloads/data-export-12345.zip';
const openApiUrl = published.dataExportBundle.entry[0]?.resource.extension?.[0]?.valueUri;

describe('getDownloadUrl', () => {
  it.each<[string, Json, string | undefined]>([
    ['a raw bare MessageHeader (example.com namespace)', published.dataExportBare, docUrl],
    ['a raw message Bundle (icanbwell.com namespace)', published.dataExportBundle, openApiUrl],
    ['a parsed bare event', parseEvent(published.dataExportBare), docUrl],
    ['a parsed Bundle event', parseEvent(published.dataExportBundle), openApiUrl],
  ])('finds the URL in %s, verbatim', (_, input, expected) => {
    expect(getDownloadUrl(input)).toBe(expected);
  });

  it('agrees with the parsed event on the published examples', () => {
    for (const document of [published.dataExportBare, published.dataExportBundle]) {
      const event = eventOf(document);
      if (event.type !== 'data-export-completed') throw new Error(event.type);
      expect(getDownloadUrl(event)).toBe(event.downloadUrl);
    }
  });

  it('reads valueUrl as well as valueUri', () => {
    const header = variant(published.dataExportBare, (h) => {
      h.extension[1].valueUrl = h.extension[1].valueUri;
      delete h.extension[1].valueUri;
    });
    expect(getDownloadUrl(header)).toBe(docUrl);
  });

  it('reads the extension of an unknown event', () => {
    const event = eventOf(variant(published.dataExportBare, (h) => (h.eventCoding.code = 'data-export-started')));
    expect(event.type).toBe('unknown');
    expect(getDownloadUrl(event)).toBe(docUrl);
  });

  it('returns undefined for a user-delete event, which carries no URL', () => {
    expect(getDownloadUrl(parseEvent(published.userDeleteBare))).toBeUndefined();
    expect(getDownloadUrl(published.userDeleteBundle)).toBeUndefined();
  });

  it.each(['http://icanbwell.com/export.zip', 'export.zip', 'https:icanbwell.com/x', 'https://icanbwell.com/a b'])(
    'returns undefined for %j, which is not an absolute https:// URL (as parseEvent requires)',
    (url) => {
      expect(getDownloadUrl(variant(published.dataExportBare, (h) => (h.extension[1].valueUri = url)))).toBeUndefined();
    },
  );

  it('ignores an extension in another namespace', () => {
    const header = variant(published.dataExportBare, (h) => (h.extension[1].url = 'https://evil.example/download-url'));
    expect(getDownloadUrl(header)).toBeUndefined();
  });

  it.each<[string, unknown]>([
    ['undefined', undefined],
    ['null', null],
    ['a number', 42],
    ['an object without resourceType', { extension: published.dataExportBare.extension }],
    ['a Bundle whose entries are empty', { resourceType: 'Bundle', entry: [] }],
    ['an extension value that is a number', variant(published.dataExportBare, (h) => (h.extension[1].valueUri = 7))],
    ['an extension that is a string', variant(published.dataExportBare, (h) => (h.extension[1] = 'download-url'))],
    ['an event whose messageHeader is null', { type: 'unknown', messageHeader: null }],
    ['the acknowledgement Bundle', acknowledgement],
  ])('returns undefined, without throwing, for %s', (_, input) => {
    expect(getDownloadUrl(input as Json)).toBeUndefined();
  });
});
