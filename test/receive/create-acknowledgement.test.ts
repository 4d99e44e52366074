import type { MessageHeader } from 'fhir/r4.js';
import { describe, expect, it } from 'vitest';
import { createAcknowledgement, RECEIVE_RESPONSES } from '../../src/index.js';
import { BWELL_EXAMPLES } from '../../src/testing/index.js';

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
    const bundle = createAcknowledgement({ identifier: 'msg_1', source: 'https://client.example', error: 'invalid_header' });
    const [first, second] = bundle.entry ?? [];
    expect(first?.resource).toMatchObject({ response: { identifier: 'msg_1', code: 'fatal-error' } });
    expect(first?.resource).not.toHaveProperty('destination');
    expect(second).toEqual({
      fullUrl: (first?.resource as MessageHeader).response?.details?.reference,
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
      (createAcknowledgement({ identifier: 'x', source: 'https://a.example', error }).entry?.[0]?.resource as MessageHeader)
        .response?.code;
    expect(code('delivery_in_flight')).toBe(RECEIVE_RESPONSES.delivery_in_flight.code);
    expect(code('payload_too_large')).toBe('fatal-error');
    const forced = createAcknowledgement({ identifier: 'x', source: 'https://a.example', code: 'transient-error' });
    expect(forced.entry).toHaveLength(1);
  });

  it('gives each acknowledgement its own id and stamps the time it is given', () => {
    const options = { identifier: 'x', source: 'https://a.example', timestamp: new Date(0) };
    const [a, b] = [createAcknowledgement(options), createAcknowledgement(options)];
    expect(a.id).not.toBe(b.id);
    expect(a.timestamp).toBe('1970-01-01T00:00:00.000Z');
  });
});
