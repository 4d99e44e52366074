// The oracles themselves: they accept what HL7 publishes as valid, they flag every family of mutation the
// property tests draw (so that a property over them is not vacuous), and their findings point where they should.
import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fc } from '@fast-check/vitest';
import { beforeAll, describe, expect, it } from 'vitest';
import { published } from '../parse/fixtures.js';
import { MUTATION_FAMILIES, mutatedDocument } from './mutations.js';
import { findingsOf, loadOracles, medplumFindings, ORACLE_GAP, pointerOf, schemaFindings } from './oracles.js';
import { answers, RULES, ruleOf } from './rules.js';

beforeAll(loadOracles, 60_000);

const examples = dirname(createRequire(import.meta.url).resolve('hl7.fhir.r4.examples/package.json'));
const hl7 = (name: string) => JSON.parse(readFileSync(join(examples, name), 'utf8')) as unknown;
const hl7Messages = readdirSync(examples).filter((name) => /^(MessageHeader|Bundle)-.*\.json$/.test(name));

describe('the oracles', () => {
  it.each([...Object.keys(published)])('find nothing in b.well’s %s', (name) => {
    expect(findingsOf(published[name as keyof typeof published])).toEqual([]);
  });

  it('find nothing but their own gaps in HL7’s MessageHeader and message Bundle examples', () => {
    const messages = hl7Messages.map(hl7).filter((d) => {
      const { resourceType, type } = d as { resourceType?: string; type?: string };
      return resourceType === 'MessageHeader' || type === 'message';
    });
    expect(messages).toHaveLength(3);
    for (const message of messages) expect(findingsOf(message).filter(({ kind }) => kind !== ORACLE_GAP)).toEqual([]);
  });

  it('each flag a value of the wrong type, at its pointer', () => {
    const document = structuredClone(published.userDeleteBundle);
    document.entry[0].resource.focus[0].reference = 42;
    for (const findings of [medplumFindings(document), schemaFindings(document)]) {
      expect(findings).toContainEqual(
        expect.objectContaining({ kind: 'type', pointer: '/entry/0/resource/focus/0/reference' }),
      );
    }
  });

  it('flag what only one of them sees: Medplum a missing Bundle.type, the schema a Person.gender off its value set', () => {
    const document = structuredClone(published.userDeleteBundle);
    delete document.type;
    document.entry[1].resource.gender = 'unknown-gender';
    expect(medplumFindings(document)).toContainEqual(expect.objectContaining({ kind: 'required', pointer: '/type' }));
    expect(schemaFindings(document)).toContainEqual(
      expect.objectContaining({ kind: 'binding', pointer: '/entry/1/resource/gender' }),
    );
  });

  it.each(MUTATION_FAMILIES)('flag the mutation family %s in some generated messages', (family) => {
    const samples = fc.sample(mutatedDocument(family), { numRuns: 40, seed: 11 });
    const flagged = samples.filter(({ document }) => findingsOf(document).some((f) => ruleOf(f).inScope));
    expect(flagged.length).toBeGreaterThan(0);
  });

  it('know every kind of finding they produce on generated messages: none falls to "other"', () => {
    const samples = fc.sample(mutatedDocument(), { numRuns: 150, seed: 7 });
    const kinds = new Set(samples.flatMap(({ document }) => findingsOf(document).map(({ kind }) => kind)));
    const unknown = [...kinds].filter((kind) => RULES[kind] === undefined && !/^[a-z]+-\d+$/.test(kind));
    expect(unknown).toEqual([]);
  });
});

describe('pointerOf', () => {
  const header = {
    resourceType: 'MessageHeader',
    eventUri: 'x',
    _eventUri: { id: 'e' },
    destination: [{ endpoint: 'a' }, { endpoint: 'b' }],
    focus: [{ reference: 'Person/1' }],
  };

  it.each([
    ['MessageHeader', ''],
    ['MessageHeader.destination[1].endpoint', '/destination/1/endpoint'],
    ['MessageHeader.event[x]', '/eventUri'],
    ['MessageHeader.source', '/source'],
    ['MessageHeader.source.endpoint', '/source/endpoint'],
    ['MessageHeader.eventUri.id', '/_eventUri/id'],
    ['MessageHeader.destination.endpoint', '/destination/*/endpoint'],
    ['MessageHeader.focus.reference', '/focus/0/reference'],
  ])('turns %s into %j', (expression, pointer) => {
    expect(pointerOf(header, expression)).toBe(pointer);
  });
});

describe('answers', () => {
  const finding = (pointer: string) => ({ oracle: 'medplum', kind: 'type', pointer, message: '' }) as const;
  const reported = (...pointers: string[]) => ({ issues: pointers.map((pointer) => ({ rule: 'r', pointer })) });

  it('counts a refusal as an answer to every finding', () => {
    expect(answers({ refused: 'invalid_field at /x' }, finding('/a/b'))).toBe(true);
  });

  it.each([
    ['/a/b', '/a/b', true],
    ['/a/b', '/a', true],
    ['/a', '/a/b', true],
    ['/a/*/c', '/a/3/c', true],
    ['/a/b', '/a/c', false],
    ['/a/b', '', false],
    ['', '/x', true],
    ['/ab', '/a', false],
  ])('answers a finding at %j by an issue at %j: %s', (at, issue, expected) => {
    expect(answers(reported(issue), finding(at))).toBe(expected);
  });

  it('does not count an event without issues as an answer', () => {
    expect(answers(reported(), finding(''))).toBe(false);
  });
});
