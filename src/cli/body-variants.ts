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
