// Published constants (definitions, examples) are frozen all the way down, so no receiver can change what
// another one reads. Internal.

/** Freezes `value` and everything it holds, and returns it. */
export function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null) {
    for (const child of Object.values(value)) deepFreeze(child);
    Object.freeze(value);
  }
  return value;
}
