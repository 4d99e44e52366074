// References resolved as FHIR R4 resolves them (bundle.html 2.36.4.1), and refused where the message names
// its person in two ways that disagree.
import { describe, expect, it } from 'vitest';
import { createWebhookHandler, type UserDeleteCompletedEvent } from '../../src/index.js';
import { createSignedRequest } from '../../src/testing/index.js';
import { eventOf, IN_BUNDLE, type Json, published, refusalOf, variant } from '../parse/fixtures.js';

const UUID = 'urn:uuid:3f7a4c1e-2b8d-4e6f-9a0c-5d1e2f3a4b5c';
const EXT = 'http://icanbwell.com/fhir/StructureDefinition/';
const person = (id: string, value: string, extra: Json = {}) => ({
  resourceType: 'Person',
  id,
  identifier: [{ system: 'urn:client:identifier', value }],
  ...extra,
});
const deleteBundle = (edit: (b: Json) => void) => variant(published.userDeleteBundle, edit);
const header = (b: Json) => b.entry[0].resource;

function deleteEvent(input: unknown): UserDeleteCompletedEvent {
  const event = eventOf(input);
  if (event.type !== 'user-delete-completed') throw new Error(`expected user-delete-completed, got ${event.type}`);
  return event;
}

describe('a relative focus in a message Bundle', () => {
  // The audit's case: two Person/789 from two servers. FHIR reads Person/789 against the MessageHeader
  // entry's fullUrl, so it names the second server's Person, not the first entry.
  const twoServers = deleteBundle((b) => {
    b.entry[0].fullUrl = 'https://b.example/fhir/MessageHeader/mh1';
    b.entry[1] = { fullUrl: 'https://a.example/fhir/Person/789', resource: person('789', 'user-on-a') };
    b.entry.push({ fullUrl: 'https://b.example/fhir/Person/789', resource: person('789', 'user-on-b') });
  });

  it('is resolved against the base of the MessageHeader entry, not by the first bare id', () => {
    const event = deleteEvent(twoServers);
    expect(event.person).toMatchObject({ reference: 'Person/789', id: '789', resolvedBy: 'relative' });
    expect(event.externalIdentifier?.value).toBe('user-on-b');
    expect(event.person.resource).toBe(event.bundle?.entry?.[2]?.resource);
  });

  it('runs the delete handler with that person, through createWebhookHandler', async () => {
    const secret = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';
    const seen: (string | undefined)[] = [];
    const handler = createWebhookHandler({
      secret,
      on: { 'user-delete-completed': (event) => void seen.push(event.externalIdentifier?.value) },
      ignore: ['data-export-completed'],
    });
    const response = await handler(await createSignedRequest({ payload: twoServers, secret }));
    expect(response.status).toBe(200);
    expect(seen).toEqual(['user-on-b']);
  });

  it('names nothing in the Bundle when no entry has the resolved URL, even one with the same id elsewhere', () => {
    const event = deleteEvent(
      deleteBundle((b) => {
        b.entry[0].fullUrl = 'https://b.example/fhir/MessageHeader/mh1';
      }),
    );
    expect(event.person).toMatchObject({ id: '789', resource: undefined, resolvedBy: 'none' });
    expect(event.externalIdentifier).toBeUndefined();
  });

  it('falls back to the bare id when the MessageHeader entry has no fullUrl and one entry matches', () => {
    expect(deleteEvent(published.userDeleteBundle).person).toMatchObject({ id: '789', resolvedBy: 'id' });
  });

  it('falls back to the bare id when the MessageHeader entry has a urn:uuid fullUrl (not RESTful)', () => {
    const event = deleteEvent(deleteBundle((b) => (b.entry[0].fullUrl = UUID)));
    expect(event.person).toMatchObject({ id: '789', resolvedBy: 'id' });
  });

  it('matches an entry by its fullUrl when its Person has no id', () => {
    const event = deleteEvent(deleteBundle((b) => delete b.entry[1].resource.id));
    expect(event.person).toMatchObject({ id: '789', resolvedBy: 'id', resource: { resourceType: 'Person' } });
  });
});

describe('the valid forms FHIR allows besides Person/<id>', () => {
  it('accepts a urn:uuid focus equal to the Person entry fullUrl', () => {
    const event = deleteEvent(
      deleteBundle((b) => {
        b.entry[1].fullUrl = UUID;
        header(b).focus[0].reference = UUID;
      }),
    );
    expect(event.person).toMatchObject({ reference: UUID, resourceType: 'Person', id: '789', resolvedBy: 'fullUrl' });
    expect(event.externalIdentifier?.value).toBe('a5ddab6d-24b0-4e52-a99d-f33263db5997');
  });

  it('accepts an absolute focus equal to the Person entry fullUrl', () => {
    const event = deleteEvent(deleteBundle((b) => (header(b).focus[0].reference = b.entry[1].fullUrl)));
    expect(event.person).toMatchObject({ id: '789', resolvedBy: 'fullUrl' });
    expect(event.person.resource?.id).toBe('789');
  });

  it('accepts a version-specific focus, matched on meta.versionId', () => {
    const url = 'https://icanbwell.com/fhir/Person/789';
    const event = deleteEvent(
      deleteBundle((b) => {
        b.entry[1].resource.meta = { versionId: '3' };
        header(b).focus[0].reference = `${url}/_history/3`;
      }),
    );
    expect(event.person).toMatchObject({ id: '789', resolvedBy: 'fullUrl' });
    const other = deleteEvent(
      deleteBundle((b) => {
        b.entry[1].resource.meta = { versionId: '4' };
        header(b).focus[0].reference = `${url}/_history/3`;
      }),
    );
    expect(other.person).toMatchObject({ id: '789', resolvedBy: 'none', resource: undefined });
  });

  it('accepts #id of a Person contained in the MessageHeader, and reads its identifier', () => {
    const event = deleteEvent(
      variant(published.userDeleteBare, (h) => {
        h.extension = undefined;
        delete h.extension;
        h.contained = [person('p1', 'contained-user')];
        h.focus[0].reference = '#p1';
      }),
    );
    expect(event.person).toMatchObject({ reference: '#p1', id: 'p1', resolvedBy: 'contained' });
    expect(event.externalIdentifier?.value).toBe('contained-user');
  });

  it('accepts a focus.type that agrees with the resource', () => {
    const event = deleteEvent(deleteBundle((b) => (header(b).focus[0].type = 'Person')));
    expect(event.person.resolvedBy).toBe('id');
  });

  it('refuses a urn:uuid the message does not carry, even typed Person: no id says which person', () => {
    const error = refusalOf(
      variant(published.userDeleteBare, (h) => {
        h.focus[0] = { reference: UUID, type: 'Person' };
      }),
    );
    expect(error).toMatchObject({ code: 'invalid_field', pointer: '/focus/0/reference' });
  });

  it('accepts extensions given twice when both say the same', () => {
    const event = eventOf(
      variant(published.dataExportBare, (h) => {
        h.extension.push(structuredClone(h.extension[0]), structuredClone(h.extension[1]));
        h.extension[2].url = `${EXT}external-identifier`;
      }),
    );
    expect(event).toMatchObject({
      type: 'data-export-completed',
      externalIdentifier: { value: 'client-specific-identifier' },
    });
  });
});

describe('a message that names its person in two ways that disagree', () => {
  it.each<[string, Json, string]>([
    [
      'two entries the bare id can name',
      deleteBundle((b) => b.entry.push({ resource: person('789', 'someone-else') })),
      `${IN_BUNDLE}/focus/0/reference`,
    ],
    [
      'an entry fullUrl naming another id than its resource',
      deleteBundle((b) => (b.entry[1].resource.id = '790')),
      '/entry/1/fullUrl',
    ],
    [
      'an entry fullUrl naming another type than its resource',
      deleteBundle((b) => (b.entry[1].fullUrl = 'https://icanbwell.com/fhir/Patient/789')),
      '/entry/1/fullUrl',
    ],
    [
      'two entries with one fullUrl (bdl-7), focus by that URL',
      deleteBundle((b) => {
        header(b).focus[0].reference = b.entry[1].fullUrl;
        b.entry.push({ fullUrl: b.entry[1].fullUrl, resource: person('789', 'someone-else') });
      }),
      '/entry/2/fullUrl',
    ],
    [
      'two entries with one fullUrl (bdl-7), focus relative to a base',
      deleteBundle((b) => {
        b.entry[0].fullUrl = 'https://icanbwell.com/fhir/MessageHeader/1';
        b.entry.push({ fullUrl: b.entry[1].fullUrl, resource: person('789', 'someone-else') });
      }),
      '/entry/2/fullUrl',
    ],
    [
      'a focus.type that disagrees with the resource',
      deleteBundle((b) => (header(b).focus[0].type = 'Patient')),
      `${IN_BUNDLE}/focus/0/type`,
    ],
    [
      'the external-identifier extension disagreeing with the Person',
      deleteBundle((b) => {
        header(b).extension = [
          { url: `${EXT}external-identifier`, valueIdentifier: { system: 'urn:client:identifier', value: 'x' } },
        ];
      }),
      `${IN_BUNDLE}/extension/0/valueIdentifier/value`,
    ],
    [
      'two external-identifier extensions that disagree',
      variant(published.userDeleteBare, (h) => {
        h.extension.push({
          url: `${EXT}external-identifier`,
          valueIdentifier: { system: 'urn:client:identifier', value: 'y' },
        });
      }),
      '/extension/1/valueIdentifier/value',
    ],
    [
      'two download-url extensions that disagree',
      variant(published.dataExportBare, (h) => {
        h.extension.push({ url: `${EXT}download-url`, valueUri: 'https://evil.example/export.zip' });
      }),
      '/extension/2/valueUri',
    ],
    [
      'two client identifiers on the Person that disagree',
      deleteBundle((b) => b.entry[1].resource.identifier.push({ system: 'urn:client:identifier', value: 'other' })),
      '/entry/1/resource/identifier/1/value',
    ],
    [
      'two contained resources with the focused id',
      variant(published.userDeleteBare, (h) => {
        h.contained = [person('p1', 'a'), person('p1', 'b')];
        h.focus[0].reference = '#p1';
      }),
      '/contained/1/id',
    ],
  ])('refuses %s with conflicting_person', (_, document, pointer) => {
    const error = refusalOf(document);
    expect({ code: error.code, pointer: error.pointer }).toEqual({ code: 'conflicting_person', pointer });
    expect(error.message).toContain('two ways that disagree');
  });

  it('answers conflicting_person with 422 and runs no handler', async () => {
    const secret = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';
    const ran: string[] = [];
    const handler = createWebhookHandler({
      secret,
      on: { 'user-delete-completed': (event) => ran.push(event.person.id) },
      ignore: ['data-export-completed'],
    });
    const payload = deleteBundle((b) => b.entry.push({ resource: person('789', 'someone-else') }));
    const response = await handler(await createSignedRequest({ payload, secret }));
    expect(response.status).toBe(422);
    expect(ran).toEqual([]);
  });
});

describe('identifier values a receiver passes on', () => {
  it.each<[string, unknown]>([
    ['a query object', { $exists: true }],
    ['a number', 789],
    ['an array', ['a', 'b']],
    ['a boolean', true],
  ])('refuses %s as the external-identifier value', (_, value) => {
    const error = refusalOf(variant(published.userDeleteBare, (h) => (h.extension[0].valueIdentifier.value = value)));
    expect(error).toMatchObject({ code: 'invalid_field', pointer: '/extension/0/valueIdentifier/value' });
  });

  it('refuses an external-identifier system that is not a string', () => {
    const error = refusalOf(variant(published.userDeleteBare, (h) => (h.extension[0].valueIdentifier.system = 1)));
    expect(error).toMatchObject({ code: 'invalid_field', pointer: '/extension/0/valueIdentifier/system' });
  });

  it.each<[string, unknown]>([
    ['a query object', { $ne: 1 }],
    ['a number', 42],
  ])("refuses %s as the focused Person's client identifier value", (_, value) => {
    const error = refusalOf(deleteBundle((b) => (b.entry[1].resource.identifier[0].value = value)));
    expect(error).toMatchObject({ code: 'invalid_field', pointer: '/entry/1/resource/identifier/0/value' });
  });

  it("points into a contained Person's identifiers", () => {
    const error = refusalOf(
      variant(published.userDeleteBare, (h) => {
        delete h.extension;
        h.contained = [person('p1', 'x')];
        h.contained[0].identifier[0].value = 7;
        h.focus[0].reference = '#p1';
      }),
    );
    expect(error).toMatchObject({ code: 'invalid_field', pointer: '/contained/0/identifier/0/value' });
  });

  it('refuses a Person known only by a urn:uuid, without an id of its own', () => {
    const error = refusalOf(
      deleteBundle((b) => {
        b.entry[1].fullUrl = UUID;
        delete b.entry[1].resource.id;
        header(b).focus[0].reference = UUID;
      }),
    );
    expect(error).toMatchObject({ code: 'missing_field', pointer: '/entry/1/resource/id' });
  });
});

describe('what each refusal says, and where', () => {
  const bare = (edit: (h: Json) => void) => variant(published.userDeleteBare, edit);
  // biome-ignore format: one refusal per row reads best as a table
  it.each<[string, Json, string, string, string]>([
    ['a focus.type that is not a string', bare((h) => (h.focus[0].type = 1)), 'invalid_field', '/focus/0/type', 'Expected a FHIR uri (a JSON string) at /focus/0/type, found number 1.'],
    ['a reference that is not a string', bare((h) => (h.focus[0].reference = 7)), 'invalid_field', '/focus/0/reference', 'Expected a FHIR string (a JSON string) at /focus/0/reference, found number 7.'],
    ['an untyped urn:uuid the message does not carry', bare((h) => (h.focus[0].reference = UUID)), 'invalid_field', '/focus/0/reference', 'Expected a reference whose resource type is known (or a focus.type) at /focus/0/reference, found the string "urn:uuid:3f7a4c1e-2b8d-4e6f-9a0c-5d1e2f3…".'],
    ['a #id nothing contained has', bare((h) => { h.contained = [{ resourceType: 'Person', id: 'p2' }]; h.focus[0].reference = '#p1'; }), 'invalid_field', '/focus/0/reference', 'Expected the #id of a resource contained in the MessageHeader at /focus/0/reference, found the string "#p1".'],
    ['two contained resources with the id', bare((h) => { h.contained = [person('p1', 'a'), person('p1', 'b')]; h.focus[0].reference = '#p1'; }), 'conflicting_person', '/contained/1/id', 'Expected one contained resource with id "p1" at /contained/1/id, found two, which names the focus in two ways that disagree.'],
    ['a focus.type against the resource', deleteBundle((b) => (header(b).focus[0].type = 'Patient')), 'conflicting_person', `${IN_BUNDLE}/focus/0/type`, `Expected the type Person of the resource referenced at ${IN_BUNDLE}/focus/0/type, found "Patient", which names the focus in two ways that disagree.`],
    ['two entries with the fullUrl', deleteBundle((b) => { header(b).focus[0].reference = b.entry[1].fullUrl; b.entry.push(structuredClone(b.entry[1])); }), 'conflicting_person', '/entry/2/fullUrl', 'Expected one entry with the fullUrl "https://icanbwell.com/fhir/Person/789" at /entry/2/fullUrl, found two, which names the focus in two ways that disagree.'],
    ['two entries the bare id names', deleteBundle((b) => b.entry.push({ resource: person('789', 'x') })), 'conflicting_person', `${IN_BUNDLE}/focus/0/reference`, `Expected one entry that Person/789 can name at ${IN_BUNDLE}/focus/0/reference, found entries 1 and 2, which names the focus in two ways that disagree.`],
    ['a fullUrl naming another id', deleteBundle((b) => (b.entry[1].resource.id = '790')), 'conflicting_person', '/entry/1/fullUrl', 'Expected the fullUrl of the resource it holds (Person/790) at /entry/1/fullUrl, found "https://icanbwell.com/fhir/Person/789", which names the focus in two ways that disagree.'],
    ['a fullUrl naming another Person than an id-less one', deleteBundle((b) => { delete b.entry[1].resource.id; b.entry[1].fullUrl = 'https://icanbwell.com/fhir/Patient/789'; header(b).focus[0].reference = b.entry[1].fullUrl; }), 'conflicting_person', '/entry/1/fullUrl', 'Expected the fullUrl of the resource it holds (Person/(no id)) at /entry/1/fullUrl, found "https://icanbwell.com/fhir/Patient/789", which names the focus in two ways that disagree.'],
    ['an extension against the Person', deleteBundle((b) => { header(b).extension = [{ url: `${EXT}external-identifier`, valueIdentifier: { value: 'x' } }]; }), 'conflicting_person', `${IN_BUNDLE}/extension/0/valueIdentifier/value`, `Expected the Person's urn:client:identifier value at ${IN_BUNDLE}/extension/0/valueIdentifier/value, found "x", which names the focus in two ways that disagree.`],
    ['two extensions that disagree on the system', bare((h) => { h.extension.push({ url: `${EXT}external-identifier`, valueIdentifier: { system: 'urn:other', value: h.extension[0].valueIdentifier.value } }); }), 'conflicting_person', '/extension/1/valueIdentifier/value', 'Expected the identifier of the first external-identifier at /extension/1/valueIdentifier/value, found "client-specific-identifier", which names the focus in two ways that disagree.'],
    ['two client identifiers', deleteBundle((b) => b.entry[1].resource.identifier.push({ system: 'urn:client:identifier', value: 'o' })), 'conflicting_person', '/entry/1/resource/identifier/1/value', 'Expected one urn:client:identifier value at /entry/1/resource/identifier/1/value, found "o", which names the focus in two ways that disagree.'],
    ['a system that is not a string', bare((h) => (h.extension[0].valueIdentifier.system = 5)), 'invalid_field', '/extension/0/valueIdentifier/system', 'Expected a FHIR uri (a JSON string) at /extension/0/valueIdentifier/system, found number 5.'],
    ['a value that is not a string', bare((h) => (h.extension[0].valueIdentifier.value = 5)), 'invalid_field', '/extension/0/valueIdentifier/value', 'Expected a FHIR string (a JSON string) at /extension/0/valueIdentifier/value, found number 5.'],
    ['two download URLs', variant(published.dataExportBare, (h) => h.extension.push({ url: `${EXT}download-url`, valueUrl: 'https://x.example/a' })), 'conflicting_person', '/extension/2/valueUrl', 'Expected the URL of the first download-url at /extension/2/valueUrl, found "https://x.example/a", which names the focus in two ways that disagree.'],
  ])('%s', (_, document, code, pointer, message) => {
    const error = refusalOf(document);
    expect({ code: error.code, pointer: error.pointer, message: error.message }).toEqual({ code, pointer, message });
  });

  it('refuses a Person without an id of its own, pointing at the id it lacks', () => {
    const urn = refusalOf(
      deleteBundle((b) => {
        b.entry[1].fullUrl = UUID;
        delete b.entry[1].resource.id;
        header(b).focus[0].reference = UUID;
      }),
    );
    expect(urn.message).toBe('Expected the id of the Person at /entry/1/resource/id, found nothing.');
    const unknown = refusalOf(
      variant(published.userDeleteBare, (h) => (h.focus[0] = { reference: UUID, type: 'Person' })),
    );
    expect(unknown.message).toBe(
      'Expected a reference that gives the Person\'s id at /focus/0/reference, found the string "urn:uuid:3f7a4c1e-2b8d-4e6f-9a0c-5d1e2f3…".',
    );
  });
});

describe('which entry a bare id can name', () => {
  it('ignores a fullUrl that only ends like Person/789 without being a RESTful URL', () => {
    const event = deleteEvent(
      deleteBundle((b) => {
        b.entry.push({ fullUrl: 'urn:example:/Person/789', resource: { resourceType: 'Organization', id: 'o1' } });
        b.entry.push({ fullUrl: 'Person/789', resource: { resourceType: 'Organization', id: 'o2' } });
      }),
    );
    expect(event.person.resource?.id).toBe('789');
  });

  it('counts an entry whose RESTful fullUrl names Person/789, whatever it holds', () => {
    const error = refusalOf(
      deleteBundle((b) => {
        b.entry.push({ fullUrl: 'https://other.example/Person/789', resource: { resourceType: 'Person' } });
      }),
    );
    expect(error).toMatchObject({ code: 'conflicting_person', pointer: `${IN_BUNDLE}/focus/0/reference` });
  });

  it('does not count an entry whose RESTful fullUrl names another id or type', () => {
    const event = deleteEvent(
      deleteBundle((b) => {
        b.entry.push({ fullUrl: 'https://icanbwell.com/fhir/Person/7890', resource: { resourceType: 'Person' } });
        b.entry.push({ fullUrl: 'https://icanbwell.com/fhir/Group/789', resource: { resourceType: 'Group' } });
        b.entry.push({ fullUrl: 'https://icanbwell.com/fhir/Person/789/x', resource: { resourceType: 'Basic' } });
      }),
    );
    expect(event.person.resolvedBy).toBe('id');
  });

  it('matches a version-specific relative reference to its entry, and to no other version', () => {
    expect(
      deleteEvent(deleteBundle((b) => (header(b).focus[0].reference = 'Person/789/_history/1'))).person.resolvedBy,
    ).toBe('id');
    const based = (versionId: string | undefined) =>
      deleteEvent(
        deleteBundle((b) => {
          b.entry[0].fullUrl = 'https://icanbwell.com/fhir/MessageHeader/m1';
          if (versionId !== undefined) b.entry[1].resource.meta = { versionId };
          header(b).focus[0].reference = 'Person/789/_history/2';
        }),
      ).person.resolvedBy;
    expect([based('2'), based('3'), based(undefined)]).toEqual(['relative', 'none', 'relative']);
    expect(refusalOf(deleteBundle((b) => (header(b).focus[0].reference = 'Person/789/_history/'))).code).toBe(
      'invalid_field',
    );
  });
});
