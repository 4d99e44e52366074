import { type BuildEventOptions, buildMessage, type EventShape, type PayloadOf } from './build-message.js';

/**
 * Options of {@link buildDataExportCompleted}: those of every builder, and the download URL.
 *
 * @example
 * ```ts
 * import type { BuildDataExportCompletedOptions } from 'bwell-webhooks/testing';
 *
 * const options: BuildDataExportCompletedOptions = { downloadUrl: 'https://icanbwell.com/downloads/1.zip' };
 * ```
 */
export interface BuildDataExportCompletedOptions<S extends EventShape = EventShape> extends BuildEventOptions<S> {
  /** Where the export can be downloaded (default `'https://icanbwell.com/downloads/data-export-12345.zip'`). */
  readonly downloadUrl?: string;
}

/**
 * Builds a valid `data-export-completed` delivery body, shaped like b.well's published examples.
 *
 * @param options - The shape (`'bundle'` by default, or `'header'`), the message id, the person's ids, the URL.
 * @returns The FHIR resource to send: `JSON.stringify` it, or hand it to `createSignedRequest`.
 *
 * @example
 * ```ts
 * import { buildDataExportCompleted } from 'bwell-webhooks/testing';
 *
 * const bundle = buildDataExportCompleted({ downloadUrl: 'https://icanbwell.com/downloads/1.zip' });
 * ```
 */
export function buildDataExportCompleted<S extends EventShape = 'bundle'>(
  options: BuildDataExportCompletedOptions<S> = {},
): PayloadOf<S> {
  const valueUri = options.downloadUrl ?? 'https://icanbwell.com/downloads/data-export-12345.zip';
  return buildMessage('data-export-completed', options, { 'download-url': { valueUri } }) as PayloadOf<S>;
}
