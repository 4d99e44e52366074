const utf8 = new TextDecoder();
const encoder = new TextEncoder();

/** Byte-level rewrites of a JSON body that tools commonly make between signing and verifying. */
export function bodyVariants(body: Uint8Array): { readonly name: string; readonly bytes: Uint8Array }[] {
  const text = utf8.decode(body);
  // The smallest changes first: a body that differs only by a newline is not reported as re-serialised.
  const variants: { name: string; text: string }[] = [
    { name: 'without its trailing newline', text: text.replace(/\r?\n$/, '') },
    { name: 'with a trailing newline', text: `${text}\n` },
    { name: 'with CRLF line ends turned into LF', text: text.replaceAll('\r\n', '\n') },
  ];
  try {
    const value: unknown = JSON.parse(text);
    variants.push({ name: 'compact JSON (JSON.stringify)', text: JSON.stringify(value) });
    variants.push({ name: 'JSON indented by 2 spaces', text: JSON.stringify(value, null, 2) });
    variants.push({ name: 'JSON indented by 4 spaces', text: JSON.stringify(value, null, 4) });
  } catch {
    // Not JSON: only the whitespace variants apply.
  }
  return variants
    .filter((variant) => variant.text !== text)
    .map((v) => ({ name: v.name, bytes: encoder.encode(v.text) }));
}

/**
 * The bytes a body decodes to when the body is base64 text (standard or URL-safe alphabet, padded or not, line
 * breaks and a trailing newline allowed); `undefined` when it is not.
 */
export function base64Decoded(body: Uint8Array): Uint8Array | undefined {
  const text = utf8.decode(body).replace(/[\t\n\r ]/g, '');
  if (text.length < 4 || text.length % 4 === 1 || !/^(?:[A-Za-z0-9+/]+|[A-Za-z0-9_-]+)={0,2}$/.test(text)) {
    return undefined;
  }
  return new Uint8Array(Buffer.from(text, 'base64'));
}
