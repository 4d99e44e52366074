// HL7's own R4 messages (the MessageHeader and message Bundle examples of the R4 specification, npm
// hl7.fhir.r4.examples 4.0.1) and b.well's four published payloads all parse, as the raw bytes on disk,
// with no conformance issue, in both validation modes. Node only: the examples are read from node_modules.
import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ParseOptions } from '../../src/index.js';
import { issuesOf } from '../oracles/rules.js';
import { eventOf } from './fixtures.js';

const examples = dirname(createRequire(import.meta.url).resolve('hl7.fhir.r4.examples/package.json'));
const fixtures = new URL('../../src/testing/fixtures/', import.meta.url);

// Every message of the package, found by content rather than listed, so a file is never left out.
const hl7Messages: [string, string][] = readdirSync(examples)
  .filter((name) => /^(MessageHeader|Bundle)-.*\.json$/.test(name))
  .map((name) => [name, readFileSync(join(examples, name), 'utf8')] as [string, string])
  .filter(([, text]) => {
    const document = JSON.parse(text) as { resourceType?: string; type?: string };
    return document.resourceType === 'MessageHeader' || document.type === 'message';
  });

const bwellPayloads: [string, string][] = [
  'bwell-doc-user-delete-completed.fixed.json',
  'bwell-doc-data-export-completed.json',
  'bwell-openapi-user-delete-completed.bundle.json',
  'bwell-openapi-data-export-completed.bundle.json',
].map((name) => [name, readFileSync(new URL(name, fixtures), 'utf8')]);

// `validation` is the option of issue 11 (items 1, 3, 5, 6); builds without it ignore it, and report nothing.
const modes: [string, ParseOptions][] = [
  ['report', { validation: 'report' } as unknown as ParseOptions],
  ['strict', { validation: 'strict' } as unknown as ParseOptions],
];

describe("HL7's R4 message examples and b.well's payloads", () => {
  it('finds the MessageHeader and the two message Bundles of the R4 examples', () => {
    expect(hl7Messages.map(([name]) => name).sort()).toEqual([
      'Bundle-10bb101f-a121-4264-a920-67be9cb82c74.json',
      'Bundle-3a0707d3-549e-4467-b8b8-5a2ab3800efe.json',
      'MessageHeader-1cbdfb97-5859-48a4-8301-d54eab818d68.json',
    ]);
  });

  describe.each(modes)('in %s mode', (_, options) => {
    it.each(hl7Messages)('parses HL7’s %s as an unknown event with no issue', (_, text) => {
      const event = eventOf(text, options);
      expect(event.type).toBe('unknown');
      expect(issuesOf(event)).toEqual([]);
    });

    it.each(bwellPayloads)('parses b.well’s %s as its event with no issue', (name, text) => {
      const event = eventOf(new TextEncoder().encode(text), options);
      expect(event.type).toBe(name.includes('user-delete') ? 'user-delete-completed' : 'data-export-completed');
      expect(issuesOf(event)).toEqual([]);
    });
  });
});
