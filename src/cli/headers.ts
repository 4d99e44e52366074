import { UsageError } from './args.js';

/** Headers as the CLI hands them to verifySignature: lower-case names, repeated names kept as arrays. */
export type HeaderRecord = Record<string, string | string[]>;

/** Adds one header, keeping repeats as an array so that verifySignature sees (and refuses) the ambiguity. */
function add(headers: HeaderRecord, name: string, value: string): void {
  const key = name.trim().toLowerCase();
  const previous = headers[key];
  headers[key] = previous === undefined ? value : [...(Array.isArray(previous) ? previous : [previous]), value];
}

/** Parses one `name: value` line; `where` names the line in the error. */
export function parseHeaderLine(
  line: string,
  where: string,
  headers: HeaderRecord = Object.create(null),
): HeaderRecord {
  const match = /^([!#$%&'*+.^_`|~0-9A-Za-z-]+)\s*:\s?(.*)$/.exec(line);
  if (!match) throw new UsageError(`${where}: expected 'name: value'`);
  add(headers, match[1] as string, (match[2] as string).trim());
  return headers;
}

/**
 * Parses a captured header block: HTTP-style `name: value` lines (an HTTP request or status line first and
 * blank lines are skipped; reading stops at the blank line after the headers), or a JSON object whose
 * values are strings or arrays of strings.
 */
export function parseHeaderText(text: string, source: string): HeaderRecord {
  const trimmed = text.trim();
  if (trimmed.startsWith('{')) return parseHeaderJson(trimmed, source);
  const headers: HeaderRecord = Object.create(null);
  const lines = text.split(/\r?\n/);
  let started = false;
  for (const [index, line] of lines.entries()) {
    if (line.trim() === '') {
      if (started) break;
      continue;
    }
    // `POST /webhook HTTP/1.1` or `HTTP/1.1 200 OK` from a raw capture.
    if (!started && /^(?:[A-Z]+ \S+ HTTP\/|HTTP\/)/.test(line)) continue;
    parseHeaderLine(line, `${source} line ${index + 1}`, headers);
    started = true;
  }
  return headers;
}

function parseHeaderJson(text: string, source: string): HeaderRecord {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new UsageError(`${source}: starts with '{' but is not valid JSON`);
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new UsageError(`${source}: expected a JSON object of header names to values`);
  }
  const headers: HeaderRecord = Object.create(null);
  for (const [name, entry] of Object.entries(value)) {
    const values = Array.isArray(entry) ? entry : [entry];
    for (const item of values) {
      if (typeof item !== 'string') throw new UsageError(`${source}: header '${name}' must be a string or strings`);
      add(headers, name, item);
    }
  }
  return headers;
}

/** A Standard Webhooks header (`webhook-<name>`, or its `svix-<name>` alias); the first value if repeated. */
export function signatureHeader(headers: HeaderRecord, name: string): string | undefined {
  const value = headers[`webhook-${name}`] ?? headers[`svix-${name}`];
  return Array.isArray(value) ? value[0] : value;
}

/** The `webhook-timestamp` as a number, when it is a plain integer. */
export function headerTimestamp(headers: HeaderRecord): number | undefined {
  const value = signatureHeader(headers, 'timestamp');
  return value !== undefined && /^\d{1,15}$/.test(value.trim()) ? Number(value.trim()) : undefined;
}

/** The space-separated entries of `webhook-signature`. */
export function signatureEntries(headers: HeaderRecord): string[] {
  return (signatureHeader(headers, 'signature') ?? '').split(' ').filter(Boolean);
}
