// Deliveries POSTed over a real loopback socket to the Worker of entry-worker.mjs, signed by an independent
// implementation (the `standardwebhooks` reference package), as b.well's sender would. Returns the same
// `{ name, ok, detail? }` results as the conformance suite.
import { Webhook } from 'standardwebhooks';
import dataExportHeader from '../src/testing/fixtures/bwell-doc-data-export-completed.json' with { type: 'json' };
import userDeleteBundle from '../src/testing/fixtures/bwell-openapi-user-delete-completed.bundle.json' with {
  type: 'json',
};
import { SECRET } from '../test/conformance/suite.mjs';

const signer = new Webhook(SECRET);

function signedHeaders(id, body, seconds = Math.floor(Date.now() / 1000)) {
  return {
    'content-type': 'application/fhir+json',
    'webhook-id': id,
    'webhook-timestamp': String(seconds),
    'webhook-signature': signer.sign(id, new Date(seconds * 1000), body),
  };
}

/** The deliveries, in order (the duplicate relies on the first one), each with the status it must get. */
function deliveries() {
  const userDelete = JSON.stringify(userDeleteBundle);
  const dataExport = JSON.stringify(dataExportHeader);
  const unknown = JSON.stringify({ ...dataExportHeader, eventCoding: { ...dataExportHeader.eventCoding, code: 'x' } });
  const stale = Math.floor(Date.now() / 1000) - 600;
  return [
    ['a signed user-delete Bundle is acknowledged with 200', userDelete, signedHeaders('msg_w1', userDelete), 200],
    [
      'a signed data-export MessageHeader is acknowledged with 200',
      dataExport,
      signedHeaders('msg_w2', dataExport),
      200,
    ],
    [
      'a retried delivery (same id) is acknowledged again with 200',
      userDelete,
      signedHeaders('msg_w1', userDelete),
      200,
    ],
    ['a signed unknown event gets a 2xx', unknown, signedHeaders('msg_w3', unknown), 200],
    ['a tampered body gets 401', userDelete.replace('789', '788'), signedHeaders('msg_w4', userDelete), 401],
    ['a delivery signed ten minutes ago gets 401', userDelete, signedHeaders('msg_w5', userDelete, stale), 401],
    ['an unsigned delivery gets 401', userDelete, { 'content-type': 'application/fhir+json' }, 401],
  ];
}

async function check(name, fn) {
  try {
    await fn();
    return { name: `worker over HTTP: ${name}`, ok: true };
  } catch (error) {
    return { name: `worker over HTTP: ${name}`, ok: false, detail: String(error.message).slice(0, 300) };
  }
}

export async function workerdDeliveries(baseUrl) {
  const url = new URL('/webhook', baseUrl);
  const results = [];
  for (const [name, body, headers, status] of deliveries()) {
    results.push(
      await check(name, async () => {
        const response = await fetch(url, { method: 'POST', body, headers });
        const text = await response.text();
        const ok = status === 200 ? response.status >= 200 && response.status < 300 : response.status === status;
        if (!ok) throw new Error(`expected ${status}, got ${response.status}: ${text.slice(0, 200)}`);
        if (name.includes('acknowledged') && JSON.parse(text).entry?.[0]?.resource?.response?.code !== 'ok') {
          throw new Error(`expected a FHIR acknowledgement with response.code "ok", got ${text.slice(0, 200)}`);
        }
      }),
    );
  }
  results.push(
    await check('a GET gets 405', async () => {
      const response = await fetch(url);
      await response.body?.cancel();
      if (response.status !== 405) throw new Error(`expected 405, got ${response.status}`);
    }),
  );
  results.push(
    await check('each handler ran once per delivery id, with the typed event', async () => {
      const seen = await (await fetch(new URL('/seen', baseUrl))).json();
      const expected = [
        'user-delete-completed:a5ddab6d-24b0-4e52-a99d-f33263db5997',
        `data-export-completed:${dataExportHeader.extension[1].valueUri}`,
        'unknown:x',
      ];
      if (JSON.stringify(seen) !== JSON.stringify(expected)) {
        throw new Error(`expected ${JSON.stringify(expected)}, got ${JSON.stringify(seen)}`);
      }
    }),
  );
  return results;
}
