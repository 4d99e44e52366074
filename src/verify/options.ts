// The caller's numeric options, checked once: a wrong type here is a programming mistake (TypeError),
// not bad input from the network.

interface NumericOptions {
  readonly toleranceSeconds?: number | { readonly past: number; readonly future: number } | undefined;
  readonly now?: Date | number | undefined;
  readonly maxBytes?: number | undefined;
}

const DEFAULT_TOLERANCE = 300;

function check(value: number, name: string): number {
  // Infinity is refused on purpose: turning replay protection off takes a visible, finite choice.
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) {
    throw new TypeError(`bwell-webhooks: ${name} must be a finite number >= 0`);
  }
  return value;
}

export function readOptions(options: NumericOptions, defaultMaxBytes: number) {
  const tolerance = options.toleranceSeconds ?? DEFAULT_TOLERANCE;
  const { past, future } = typeof tolerance === 'number' ? { past: tolerance, future: tolerance } : tolerance;
  const now = options.now ?? Date.now();
  const millis = now instanceof Date ? now.getTime() : now;
  if (typeof millis !== 'number' || !Number.isFinite(millis)) {
    throw new TypeError('bwell-webhooks: now must be a valid Date or epoch milliseconds');
  }
  const maxBytes = options.maxBytes ?? defaultMaxBytes;
  // As in parseEvent: whole bytes, or Infinity for no limit.
  if (!(Number.isSafeInteger(maxBytes) && maxBytes >= 0) && maxBytes !== Number.POSITIVE_INFINITY) {
    throw new TypeError('bwell-webhooks: maxBytes must be a non-negative integer (bytes)');
  }
  return {
    past: check(past, 'toleranceSeconds.past'),
    future: check(future, 'toleranceSeconds.future'),
    nowSeconds: Math.floor(millis / 1000),
    maxBytes,
  };
}
