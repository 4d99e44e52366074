// Parses b.well's two seed events in both published shapes (the Webhooks page's bare MessageHeader and
// the OpenAPI reference's message Bundle) with the built package, and prints one line per event.
// Exits non-zero if anything differs from what b.well documents. Run: npm run demo
import { readFile } from 'node:fs/promises';
import { getDownloadUrl, getExternalIdentifier, parseEvent, safeParseEvent } from '../dist/index.js';

const fixture = (name) => readFile(new URL(`../src/testing/fixtures/${name}`, import.meta.url));

const docUrl = 'https://icanbwell.com/downloads/data-export-12345.zip';
const openApiUrl =
  'https://app.prod.icanbwell.com/client_id#/auth?authCode=12345&redirectUri=https://app.prod.icanbwell.com/client_id#/download/12345?type=userDataExport';
const expected = [
  [
    'bwell-doc-user-delete-completed.fixed.json',
    'user-delete-completed',
    '789',
    'client-specific-identifier',
    undefined,
  ],
  ['bwell-doc-data-export-completed.json', 'data-export-completed', '456', 'client-specific-identifier', docUrl],
  [
    'bwell-openapi-user-delete-completed.bundle.json',
    'user-delete-completed',
    '789',
    'a5ddab6d-24b0-4e52-a99d-f33263db5997',
    undefined,
  ],
  [
    'bwell-openapi-data-export-completed.bundle.json',
    'data-export-completed',
    '789',
    'a5ddab6d-24b0-4e52-a99d-f33263db5997',
    openApiUrl,
  ],
];

let failures = 0;
for (const [file, type, personId, identifier, downloadUrl] of expected) {
  // The raw bytes, as an HTTP server receives them.
  const event = parseEvent(new Uint8Array(await fixture(file)));
  const person = event.type === 'unknown' ? undefined : event.person.id;
  const found = [event.type, person, getExternalIdentifier(event)?.value, getDownloadUrl(event)];
  const ok = [type, personId, identifier, downloadUrl].every((value, i) => value === found[i]);
  if (!ok) failures++;
  const shape = event.bundle === undefined ? 'MessageHeader' : 'Bundle';
  console.log(
    `${ok ? 'ok  ' : 'FAIL'} ${shape.padEnd(13)} ${event.type.padEnd(22)} person=${person} externalIdentifier=${found[2]} downloadUrl=${found[3] ?? '-'}`,
  );
}

// The Webhooks page's own user-delete example is not JSON ("<https://icanbwell.com">): it must be refused.
const verbatim = safeParseEvent(await fixture('bwell-doc-user-delete-completed.verbatim.txt'));
const refused = !verbatim.success && verbatim.error.code === 'invalid_json';
if (!refused) failures++;
console.log(
  `${refused ? 'ok  ' : 'FAIL'} doc page verbatim example refused: ${verbatim.success ? 'parsed!' : verbatim.error.message}`,
);

if (failures > 0) {
  console.error(`${failures} unexpected result(s)`);
  process.exit(1);
}
