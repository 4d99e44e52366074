// Constant-time comparison, shared by the verifier and the node:crypto backend. Internal.

/**
 * Whether `known` equals `text` from `start` to `end`, in a time that depends on the length of `known` alone,
 * never on where they differ. A span, not a substring: V8 reads a substring of 13 characters or more through
 * its parent string, several times slower.
 */
export function same(known: string, text: string, start = 0, end = text.length): boolean {
  let diff = known.length ^ (end - start);
  // Past `end` (a shorter span), charCodeAt reads the rest of the text or NaN (0 here): diff is already set.
  for (let i = 0; i < known.length; i++) diff |= known.charCodeAt(i) ^ text.charCodeAt(start + i);
  return diff === 0;
}
