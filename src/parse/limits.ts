// Limits shared by parse and verify, defined once so that both refuse the same bodies.

/** The largest body accepted by default: 1 MiB (1,048,576 bytes, inclusive). */
export const DEFAULT_MAX_BYTES = 1_048_576;
