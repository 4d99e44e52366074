// The text of an `ok` acknowledgement, written straight into JSON: every accepted delivery gets one, and
// building the Bundle as objects only to serialise them again cost about a tenth of a delivery. The constant
// parts are strings made once, and a writer remembers the text around its last endpoints (a receiver's are
// the same on every delivery, and quoting them was a third of the text's cost); a test keeps the text equal to
// JSON.stringify(createAcknowledgement(...)). Internal.

// One literal, no interpolation: bundlers drop an unused literal, not a template they must evaluate.
const HEADER_START =
  '","entry":[{"resource":{"resourceType":"MessageHeader","eventCoding":{"system":"http://icanbwell.com/event-types",' +
  '"code":"webhook-payload-received"},"source":{"endpoint":';

/** `JSON.stringify(createAcknowledgement({ identifier, source, destination, timestamp, id }))` for code `ok`. */
export type OkAcknowledgementText = (
  identifier: string,
  source: string,
  destination: string | undefined,
  timestamp: string,
  id?: string,
) => string;

/** A writer of ok acknowledgements that keeps the text between the timestamp and the identifier of its last endpoints. */
export function okAcknowledgementWriter(): OkAcknowledgementText {
  let lastSource: string | undefined;
  let lastDestination: string | undefined;
  let middle: string | undefined;
  return (identifier, source, destination, timestamp, id) => {
    if (middle === undefined || source !== lastSource || destination !== lastDestination) {
      const to = destination === undefined ? '' : `,"destination":[{"endpoint":${JSON.stringify(destination)}}]`;
      middle = `${HEADER_START}${JSON.stringify(source)}}${to},"response":{"identifier":`;
      lastSource = source;
      lastDestination = destination;
    }
    // A random UUID needs no escaping; an id given by the caller is quoted as JSON.
    const bundleId = id === undefined ? `"${crypto.randomUUID()}"` : JSON.stringify(id);
    return (
      `{"resourceType":"Bundle","id":${bundleId},"type":"message","timestamp":"${timestamp}${middle}` +
      `${JSON.stringify(identifier)},"code":"ok"}}}]}`
    );
  };
}

/** `JSON.stringify(createAcknowledgement({ identifier, source, destination, timestamp, id }))` for code `ok`. */
export const okAcknowledgementText: OkAcknowledgementText = /* @__PURE__ */ okAcknowledgementWriter();
