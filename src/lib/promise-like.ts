// Promise detection that works across realms. Internal.

/**
 * Whether `value` is a thenable. `instanceof Promise` is false for a promise made in another realm (a VM
 * sandbox whose WebCrypto belongs to the host), and such a promise is an object, which is truthy: a check
 * that mistook it for an answer could accept what was never verified.
 */
export function isPromiseLike(value: unknown): value is PromiseLike<unknown> {
  return typeof (value as { then?: unknown } | null | undefined)?.then === 'function';
}
