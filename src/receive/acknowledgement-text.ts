// The text of an `ok` acknowledgement, written straight into JSON: every accepted delivery gets one, and
// building the Bundle as objects only to serialise them again cost about a tenth of a delivery. The constant
// parts are strings made once; a test keeps the text equal to JSON.stringify(createAcknowledgement(...)). Internal.

// One literal, no interpolation: bundlers drop an unused literal, not a template they must evaluate.
const HEADER_START =
  '","entry":[{"resource":{"resourceType":"MessageHeader","eventCoding":{"system":"http://icanbwell.com/event-types",' +
  '"code":"webhook-payload-received"},"source":{"endpoint":';

/** `JSON.stringify(createAcknowledgement({ identifier, source, destination, timestamp, id }))` for code `ok`. */
export function okAcknowledgementText(
  identifier: string,
  source: string,
  destination: string | undefined,
  timestamp: string,
  id: string = crypto.randomUUID(),
): string {
  const to = destination === undefined ? '' : `,"destination":[{"endpoint":${JSON.stringify(destination)}}]`;
  return (
    `{"resourceType":"Bundle","id":${JSON.stringify(id)},"type":"message","timestamp":"${timestamp}${HEADER_START}` +
    `${JSON.stringify(source)}}${to},"response":{"identifier":${JSON.stringify(identifier)},"code":"ok"}}}]}`
  );
}
