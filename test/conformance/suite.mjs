// The conformance suite every runtime runs (Node 20/22/24 ESM and CJS, the edge runtime, workerd, Deno,
// Bun, Chromium). It is plain ESM with no dependencies and no test framework, so that the same file can be
// imported as-is or bundled by esbuild: it receives the package's namespace (the PACKED package, never the
// sources) and returns a JSON-serialisable report. A check that throws is a failure carrying its message.
//
// Time is frozen: every verification passes `now`, so the suite behaves the same on every clock.

import dataExportHeader from '../../src/testing/fixtures/bwell-doc-data-export-completed.json' with { type: 'json' };
import userDeleteHeader from '../../src/testing/fixtures/bwell-doc-user-delete-completed.fixed.json' with {
  type: 'json',
};
import dataExportBundle from '../../src/testing/fixtures/bwell-openapi-data-export-completed.bundle.json' with {
  type: 'json',
};
import userDeleteBundle from '../../src/testing/fixtures/bwell-openapi-user-delete-completed.bundle.json' with {
  type: 'json',
};

// Standard Webhooks known answers (../shared/spec/standard-webhooks-vectors.json: sw-v1-official and
// sw-v1a-ed25519, the latter from Svix's test suite).
const VECTOR = {
  secret: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw',
  publicKey: 'whpk_1SiA4o9hyqTCpIqC5V9HUakiiaeACeqfZTInDBbOir4=',
  id: 'msg_p5jXN8AQM9LWM0D4loKWxJek',
  timestamp: 1614265330,
  payload: '{"test": 2432232314}',
  v1: 'v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=',
  v1a: 'v1a,hnO3f9T8Ytu9HwrXslvumlUpqtNVqkhqw/enGzPCXe5BdqzCInXqYXFymVJaA7AZdpXwVLPo3mNl8EM+m7TBAg==',
};

/** A second, unrelated HMAC secret (32 bytes 1..32), the "new key" of a rotation. */
export const OTHER_SECRET = `whsec_${btoa(String.fromCharCode(...Array.from({ length: 32 }, (_, i) => i + 1)))}`;
export const SECRET = VECTOR.secret;
/** The delivery time every check signs at; verification clocks are set relative to it. */
export const SIGNED_AT = 1_767_225_600; // 2026-01-01T00:00:00Z

const at = (seconds) => new Date(seconds * 1000);
const json = (value) => JSON.stringify(value);

class CheckFailed extends Error {}

function expect(condition, message) {
  if (!condition) throw new CheckFailed(message);
}

function equal(actual, expected, what) {
  expect(Object.is(actual, expected), `${what}: expected ${json(expected)}, got ${json(actual)}`);
}

/** Awaits `fn` and returns the WebhookError it threw; fails if it resolved or threw anything else. */
async function webhookError(api, fn, code) {
  let thrown;
  try {
    await fn();
  } catch (error) {
    thrown = error;
  }
  expect(thrown !== undefined, `expected WebhookError ${code}, but nothing was thrown`);
  expect(
    api.isWebhookError(thrown),
    `expected WebhookError ${code}, got ${thrown?.name}: ${String(thrown?.message).slice(0, 200)}`,
  );
  equal(thrown.code, code, 'error code');
  return thrown;
}

function withEventCode(header, code) {
  return { ...header, eventCoding: { ...header.eventCoding, code } };
}

async function signed(api, payload, { secret = SECRET, id = 'msg_conformance_1', timestamp = SIGNED_AT } = {}) {
  return api.signPayload({ payload, secret, id, timestamp });
}

const checks = {
  // --- parse: both shapes of both events -------------------------------------------------------------
  'parses the bare MessageHeader user-delete-completed': (api) => {
    const event = api.parseEvent(json(userDeleteHeader));
    equal(event.type, 'user-delete-completed', 'type');
    equal(event.person.reference, 'Person/789', 'person.reference');
    equal(event.person.id, '789', 'person.id');
    equal(event.externalIdentifier?.value, 'client-specific-identifier', 'externalIdentifier.value');
    equal(event.bundle, undefined, 'bundle');
    equal(event.messageHeader.id, 'mh12345', 'messageHeader.id');
  },
  'parses the message Bundle user-delete-completed': (api) => {
    const event = api.parseEvent(json(userDeleteBundle));
    equal(event.type, 'user-delete-completed', 'type');
    equal(event.person.id, '789', 'person.id');
    equal(event.person.resource?.resourceType, 'Person', 'person.resource.resourceType');
    equal(event.externalIdentifier?.value, 'a5ddab6d-24b0-4e52-a99d-f33263db5997', 'externalIdentifier.value');
    equal(event.bundle?.id, 'bundle-user-delete', 'bundle.id');
  },
  'parses the bare MessageHeader data-export-completed with its https download URL': (api) => {
    const event = api.parseEvent(json(dataExportHeader));
    equal(event.type, 'data-export-completed', 'type');
    equal(event.downloadUrl, 'https://icanbwell.com/downloads/data-export-12345.zip', 'downloadUrl');
    equal(event.person.id, '456', 'person.id');
  },
  'parses the message Bundle data-export-completed': (api) => {
    const event = api.parseEvent(json(dataExportBundle));
    equal(event.type, 'data-export-completed', 'type');
    expect(event.downloadUrl.startsWith('https://app.prod.icanbwell.com/'), `downloadUrl: ${event.downloadUrl}`);
    equal(event.externalIdentifier?.value, 'a5ddab6d-24b0-4e52-a99d-f33263db5997', 'externalIdentifier.value');
  },
  'parses a string, a Uint8Array, an ArrayBuffer and a parsed object to the same event': (api) => {
    const text = json(dataExportBundle);
    const bytes = new TextEncoder().encode(text);
    const inputs = [text, bytes, bytes.buffer.slice(0), JSON.parse(text)];
    const urls = inputs.map((input) => api.parseEvent(input).downloadUrl);
    expect(new Set(urls).size === 1 && urls[0] !== undefined, `downloadUrls differ: ${json(urls)}`);
  },
  'extracts the external identifier and download URL from events and raw messages': (api) => {
    equal(api.getExternalIdentifier(userDeleteHeader)?.value, 'client-specific-identifier', 'from a MessageHeader');
    equal(api.getExternalIdentifier(userDeleteBundle)?.value, 'a5ddab6d-24b0-4e52-a99d-f33263db5997', 'from a Bundle');
    equal(api.getDownloadUrl(dataExportHeader), dataExportHeader.extension[1].valueUri, 'from a MessageHeader');
    equal(api.getDownloadUrl(api.parseEvent(dataExportBundle)), api.parseEvent(dataExportBundle).downloadUrl, 'event');
    equal(api.getDownloadUrl(userDeleteHeader), undefined, 'absent');
  },

  // --- unknown events and bad input ---------------------------------------------------------------------
  'returns an unknown event for a code it does not know, carrying the coding': (api) => {
    const event = api.parseEvent(json(withEventCode(userDeleteHeader, 'user-renamed')));
    equal(event.type, 'unknown', 'type');
    equal(event.eventCoding?.code, 'user-renamed', 'eventCoding.code');
  },
  'returns an unknown event for an eventUri message': (api) => {
    const { eventCoding: _, ...rest } = userDeleteHeader;
    const event = api.parseEvent({ ...rest, eventUri: 'https://icanbwell.com/events/something-new' });
    equal(event.type, 'unknown', 'type');
    equal(event.eventUri, 'https://icanbwell.com/events/something-new', 'eventUri');
  },
  'refuses an unknown event with unknownEvents: reject (and the deprecated strict: true)': async (api) => {
    for (const options of [{ unknownEvents: 'reject' }, { strict: true }]) {
      const input = withEventCode(userDeleteHeader, 'user-renamed');
      await webhookError(api, () => api.parseEvent(input, options), 'unknown_event');
    }
  },
  // --- the R4 tables: read the same in every runtime ---------------------------------------------------
  'reports no R4 issue for the published payloads, and one for a malformed date': (api) => {
    for (const input of [userDeleteHeader, userDeleteBundle, dataExportHeader, dataExportBundle]) {
      equal(api.parseEvent(json(input), { validation: 'strict' }).issues.length, 0, 'issues');
    }
    const issues = api.parseEvent({ ...userDeleteBundle, timestamp: '2026-13-01' }).issues;
    equal(issues.map((issue) => `${issue.rule} ${issue.pointer}`).join(), 'format /timestamp', 'issues');
  },
  'refuses an unknown modifier extension, and accepts one it is told it understands': async (api) => {
    const url = 'https://x.example/fhir/StructureDefinition/not-really';
    const modified = { ...userDeleteHeader, modifierExtension: [{ url, valueBoolean: true }] };
    await webhookError(api, () => api.parseEvent(modified), 'unknown_modifier');
    equal(api.parseEvent(modified, { understoodModifiers: [url] }).type, 'user-delete-completed', 'type');
  },
  "gives invalid_json for the doc page's broken example": (api) =>
    webhookError(
      api,
      () => api.parseEvent(json(userDeleteHeader).replace('"https://icanbwell.com"', '"<https://icanbwell.com">')),
      'invalid_json',
    ),
  'gives not_a_message for another FHIR resource': (api) =>
    webhookError(api, () => api.parseEvent('{"resourceType":"Patient","id":"1"}'), 'not_a_message'),
  'gives payload_too_large before parsing a body over maxBytes': (api) =>
    webhookError(
      api,
      () => api.parseEvent(`${json(userDeleteHeader)}${' '.repeat(100)}`, { maxBytes: 64 }),
      'payload_too_large',
    ),
  'safeParseEvent returns the error instead of throwing': (api) => {
    const result = api.safeParseEvent('not json');
    equal(result.success, false, 'success');
    equal(result.error.code, 'invalid_json', 'error.code');
    equal(api.safeParseEvent(userDeleteBundle).event?.type, 'user-delete-completed', 'event.type');
  },
  'recognises its WebhookError through the brand and instanceof': (api) => {
    const error = new api.WebhookError('invalid_field', 'x', { pointer: '/id' });
    expect(api.isWebhookError(error) && error instanceof Error, 'isWebhookError and instanceof Error');
    equal(error.pointer, '/id', 'pointer');
    expect(api.WEBHOOK_ERROR_CODES.includes('no_matching_signature'), 'WEBHOOK_ERROR_CODES');
  },

  // --- signatures ----------------------------------------------------------------------------------------
  'signs the Standard Webhooks known-answer vector': async (api) => {
    const headers = await api.signPayload({
      payload: VECTOR.payload,
      secret: VECTOR.secret,
      id: VECTOR.id,
      timestamp: VECTOR.timestamp,
    });
    equal(headers['webhook-signature'], VECTOR.v1, 'webhook-signature');
    equal(headers['webhook-id'], VECTOR.id, 'webhook-id');
    equal(headers['webhook-timestamp'], String(VECTOR.timestamp), 'webhook-timestamp');
  },
  'verifies a valid delivery signed by signPayload, with Fetch Headers or a record': async (api) => {
    const payload = json(userDeleteBundle);
    const headers = await signed(api, payload);
    for (const form of [headers, new Headers(headers)]) {
      const delivery = await api.verifySignature({ payload, headers: form, secret: SECRET, now: at(SIGNED_AT + 10) });
      equal(delivery.id, 'msg_conformance_1', 'id');
    }
    const bytes = new TextEncoder().encode(payload);
    await api.verifySignature({ payload: bytes, headers, secret: SECRET, now: at(SIGNED_AT) });
  },
  'rejects a tampered body, id or timestamp with no_matching_signature': async (api) => {
    const payload = json(userDeleteBundle);
    const headers = await signed(api, payload);
    const now = at(SIGNED_AT);
    const tampered = payload.replace('Person/789', 'Person/788');
    await webhookError(
      api,
      () => api.verifySignature({ payload: tampered, headers, secret: SECRET, now }),
      'no_matching_signature',
    );
    const otherId = { ...headers, 'webhook-id': 'msg_conformance_2' };
    await webhookError(
      api,
      () => api.verifySignature({ payload, headers: otherId, secret: SECRET, now }),
      'no_matching_signature',
    );
    const otherTime = { ...headers, 'webhook-timestamp': String(SIGNED_AT + 1) };
    await webhookError(
      api,
      () => api.verifySignature({ payload, headers: otherTime, secret: SECRET, now }),
      'no_matching_signature',
    );
  },
  'rejects stale and future deliveries outside the tolerance': async (api) => {
    const payload = json(dataExportBundle);
    const headers = await signed(api, payload);
    const verify = (seconds) => api.verifySignature({ payload, headers, secret: SECRET, now: at(seconds) });
    await verify(SIGNED_AT + 299);
    await verify(SIGNED_AT - 299);
    await webhookError(api, () => verify(SIGNED_AT + 301), 'timestamp_too_old');
    await webhookError(api, () => verify(SIGNED_AT - 301), 'timestamp_too_new');
  },
  'accepts either key of a rotation and refuses a key that is not in the ring': async (api) => {
    const payload = json(userDeleteHeader);
    const now = at(SIGNED_AT);
    const byOld = await signed(api, payload, { secret: SECRET });
    const byNew = await signed(api, payload, { secret: OTHER_SECRET });
    await api.verifySignature({ payload, headers: byOld, secret: [OTHER_SECRET, SECRET], now });
    await api.verifySignature({ payload, headers: byNew, secret: [OTHER_SECRET, SECRET], now });
    await webhookError(
      api,
      () => api.verifySignature({ payload, headers: byNew, secret: SECRET, now }),
      'no_matching_signature',
    );
  },
  'verifies a fresh secret from generateSecret': async (api) => {
    const secret = api.generateSecret();
    expect(typeof secret === 'string' && secret.startsWith('whsec_'), 'generateSecret returns a whsec_ string');
    const headers = await signed(api, 'hello', { secret });
    await api.verifySignature({ payload: 'hello', headers, secret, now: at(SIGNED_AT) });
  },
  'verifies the v1a Ed25519 vector and rejects it for another body': async (api) => {
    const headers = {
      'webhook-id': VECTOR.id,
      'webhook-timestamp': String(VECTOR.timestamp),
      'webhook-signature': VECTOR.v1a,
    };
    const now = at(VECTOR.timestamp);
    await api.verifySignature({ payload: VECTOR.payload, headers, secret: VECTOR.publicKey, now });
    await webhookError(
      api,
      () => api.verifySignature({ payload: '{"test": 2432232315}', headers, secret: VECTOR.publicKey, now }),
      'no_matching_signature',
    );
  },
  'skips a v1a entry when only an HMAC secret is configured': async (api) => {
    const headers = {
      'webhook-id': VECTOR.id,
      'webhook-timestamp': String(VECTOR.timestamp),
      'webhook-signature': `${VECTOR.v1a} ${VECTOR.v1}`,
    };
    await api.verifySignature({ payload: VECTOR.payload, headers, secret: VECTOR.secret, now: at(VECTOR.timestamp) });
  },
  'verifyEvent verifies and parses in one call': async (api) => {
    const payload = json(dataExportHeader);
    const headers = await signed(api, payload);
    const event = await api.verifyEvent({ payload, headers, secret: SECRET, now: at(SIGNED_AT) });
    equal(event.type, 'data-export-completed', 'type');
  },
  // A tampered body that is still a valid event: only the signature check can refuse it, in whichever realm
  // the runtime's WebCrypto promises come from.
  'verifyEvent refuses a valid event whose signature does not match, HMAC or Ed25519': async (api) => {
    const payload = json(userDeleteBundle);
    const tampered = payload.replace('Person/789', 'Person/788');
    const now = at(SIGNED_AT);
    const headers = await signed(api, payload);
    await webhookError(
      api,
      () => api.verifyEvent({ payload: tampered, headers, secret: SECRET, now }),
      'no_matching_signature',
    );
    const v1a = {
      'webhook-id': VECTOR.id,
      'webhook-timestamp': String(VECTOR.timestamp),
      'webhook-signature': VECTOR.v1a,
    };
    await webhookError(
      api,
      () => api.verifyEvent({ payload, headers: v1a, secret: VECTOR.publicKey, now: at(VECTOR.timestamp) }),
      'no_matching_signature',
    );
  },
  'refuses an already-parsed object as a payload to verify': async (api) => {
    const headers = await signed(api, json(userDeleteHeader));
    await webhookError(
      api,
      () => api.verifySignature({ payload: userDeleteHeader, headers, secret: SECRET, now: at(SIGNED_AT) }),
      'payload_not_raw',
    );
  },

  // --- receiving with the Fetch handler --------------------------------------------------------------------
  // The handler reads the real clock, as in production, so these deliveries are signed at the wall clock.
  'createWebhookHandler answers 200 with the FHIR acknowledgement and routes the typed event': async (api) => {
    const seen = [];
    const handler = api.createWebhookHandler({
      secret: SECRET,
      on: { 'user-delete-completed': (event) => seen.push(event.externalIdentifier?.value) },
      ignore: ['data-export-completed'],
    });
    const payload = json(userDeleteBundle);
    const headers = await signed(api, payload, { id: 'msg_handler_1', timestamp: wallClock() });
    const response = await handler(post(payload, headers));
    equal(response.status, 200, 'status');
    const body = await response.json();
    equal(body.resourceType, 'Bundle', 'ack resourceType');
    equal(body.entry?.[0]?.resource?.response?.code, 'ok', 'ack response.code');
    equal(seen.join(), 'a5ddab6d-24b0-4e52-a99d-f33263db5997', 'handled identifiers');
  },
  'createWebhookHandler answers 401 to a tampered delivery and 405 to a GET': async (api) => {
    const handler = api.createWebhookHandler({
      secret: SECRET,
      on: {},
      ignore: ['user-delete-completed', 'data-export-completed'],
    });
    const payload = json(userDeleteBundle);
    const headers = await signed(api, payload, { id: 'msg_handler_2', timestamp: wallClock() });
    equal((await handler(post(payload.replace('789', '788'), headers))).status, 401, 'tampered status');
    equal((await handler(new Request('http://127.0.0.1/webhook'))).status, 405, 'GET status');
  },
};

function wallClock() {
  return Math.floor(Date.now() / 1000);
}

function post(body, headers) {
  return new Request('http://127.0.0.1/webhook', {
    method: 'POST',
    body,
    headers: { ...headers, 'content-type': 'application/fhir+json' },
  });
}

/** The names of every check, in order: harnesses that run checks elsewhere report against this list. */
export const CHECK_NAMES = Object.keys(checks);

/**
 * Runs every check against `api`, the namespace of `bwell-webhooks` as the runtime loaded it.
 * Resolves with `{ runtime, passed, failed, results: [{ name, ok, detail? }] }`; never rejects.
 */
export async function runConformance(api, runtime) {
  const results = [];
  for (const [name, check] of Object.entries(checks)) {
    try {
      await check(api);
      results.push({ name, ok: true });
    } catch (error) {
      const detail =
        error instanceof CheckFailed ? error.message : `${error?.name ?? 'Error'}: ${String(error?.message ?? error)}`;
      results.push({ name, ok: false, detail: detail.slice(0, 300) });
    }
  }
  const failed = results.filter((result) => !result.ok).length;
  return { runtime, passed: results.length - failed, failed, results };
}
