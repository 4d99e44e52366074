import type { Bundle, MessageHeader } from 'fhir/r4.js';
import { requireDownloadUrl } from '../events/read-fields.js';
import type { WebhookEvent } from '../events/types.js';
import { messagePartsOf } from '../lib/message-parts.js';

/**
 * Finds the URL where a user's data export can be downloaded, wherever b.well put it.
 *
 * It reads the MessageHeader's `download-url` extension (`valueUri`, or `valueUrl`) under
 * `http://example.com/fhir/StructureDefinition/` or `http://icanbwell.com/fhir/StructureDefinition/`,
 * and returns it verbatim only when it is an absolute `https://` URL, as `parseEvent` requires. It never
 * throws: odd input, or two download URLs that disagree, gives `undefined`.
 *
 * @param eventOrMessage - A parsed event, or a raw MessageHeader or message Bundle.
 * @returns The download URL, or `undefined` when the message carries no https download URL.
 *
 * @example
 * ```ts
 * import { getDownloadUrl, parseEvent } from 'bwell-webhooks';
 *
 * declare const body: string;
 * const url = getDownloadUrl(parseEvent(body));
 * if (url !== undefined) await fetch(url);
 * ```
 */
export function getDownloadUrl(eventOrMessage: WebhookEvent | MessageHeader | Bundle): string | undefined {
  const header = messagePartsOf(eventOrMessage)?.header;
  if (header === undefined) return undefined;
  // The same reader as parseEvent's: where it would refuse (two download URLs that disagree), no answer.
  try {
    return requireDownloadUrl({
      messageHeader: header as unknown as MessageHeader,
      bundle: undefined,
      path: [],
      issues: [],
    });
  } catch {
    return undefined;
  }
}
