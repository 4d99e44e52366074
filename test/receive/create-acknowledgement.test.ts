import type { Bundle, MessageHeader } from 'fhir/r4.js';
import { describe, expect, it } from 'vitest';
import { createAcknowledgement, RECEIVE_RESPONSES } from '../../src/index.js';
import { BWELL_EXAMPLES } from '../../src/testing/index.js';

const headerOf = (bundle: Bundle) => bundle.entry?.[0]?.resource as MessageHeader;

describe('createAcknowledgement', () => {
  it("builds the 200 response of b.well's Client Webhook API reference", () => {
    const bundle = createAcknowledgement({
      id: 'bundle-webhook-response',
      identifier: 'bundle-user-delete',
      source: 'https://client.system.com',
      destination: 'https://icanbwell.com',
    });
    expect(bundle).toEqual(BWELL_EXAMPLES.apiAcknowledgement);
  });

  it('carries a refusal as its code and an OperationOutcome with only the error code', () => {
    const bundle = createAcknowledgement({
      identifier: 'msg_1',
      source: 'https://client.example',
      error: 'invalid_header',
    });
    const header = headerOf(bundle);
    expect(header.response).toMatchObject({ identifier: 'msg_1', code: 'fatal-error' });
    expect(header).not.toHaveProperty('destination');
    expect(bundle.entry?.[1]).toEqual({
      fullUrl: header.response?.details?.reference,
      resource: {
        resourceType: 'OperationOutcome',
        issue: [
          {
            severity: 'error',
            code: 'security',
            details: { coding: [{ system: 'urn:bwell-webhooks:error-code', code: 'invalid_header' }] },
          },
        ],
      },
    });
  });

  it('takes the response code from the status table unless given one', () => {
    const code = (error: 'delivery_in_flight' | 'payload_too_large') =>
      headerOf(createAcknowledgement({ identifier: 'x', source: 'https://a.example', error })).response?.code;
    expect(code('delivery_in_flight')).toBe(RECEIVE_RESPONSES.delivery_in_flight.code);
    expect(code('payload_too_large')).toBe('fatal-error');
    const forced = createAcknowledgement({ identifier: 'x', source: 'https://a.example', code: 'transient-error' });
    expect(headerOf(forced).response?.code).toBe('transient-error');
    expect(forced.entry).toHaveLength(1);
  });

  it('gives each acknowledgement its own id and stamps the time it is given', () => {
    const options = { identifier: 'x', source: 'https://a.example', timestamp: new Date(0) };
    const [a, b] = [createAcknowledgement(options), createAcknowledgement(options)];
    expect(a.id).not.toBe(b.id);
    expect(a.timestamp).toBe('1970-01-01T00:00:00.000Z');
  });
});
