import { createReadStream } from 'node:fs';
import { UsageError } from './args.js';
import { escapeControl } from './escape.js';

/** The cap on `--secret-file`: a secret is under a hundred characters; the cap only keeps /dev/zero out. */
export const SECRET_FILE_MAX_BYTES = 64 * 1024;

/** An input over its cap: reading stopped there, so nothing larger than the cap was ever held. */
export class InputTooLarge extends UsageError {
  constructor(
    readonly flag: string,
    readonly maxBytes: number,
    hint: string,
  ) {
    super(`--${flag} is larger than the cap of ${maxBytes} bytes: ${hint}`);
  }
}

// `whsec_`, `whsk_`, `whpk_` keys, and bare base64 of 12 bytes or more: a path rarely mixes upper and lower
// case and digits without a dot or a dash between them; a random key nearly always does.
const SECRET_LIKE = [/^wh(?:sec|sk|pk)_/i, /^(?=.*[A-Z])(?=.*[a-z])(?=.*\d)[A-Za-z0-9+/_]{16,}={0,2}$/];

/** A path as a message may show it: escaped, or not shown at all when it looks like a secret typed in its place. */
export function describePath(path: string): string {
  return SECRET_LIKE.some((pattern) => pattern.test(path))
    ? '(a path that looks like a secret, not shown)'
    : escapeControl(path);
}

/**
 * Reads a file named by `--flag` (`-` is stdin) as raw bytes, exactly as stored: nothing is decoded or
 * trimmed. Bytes are counted as they arrive and reading stops past `maxBytes`, so an endless input
 * (`/dev/zero`, a pipe that never closes) ends in {@link InputTooLarge} instead of filling the memory.
 */
export async function readInput(
  path: string,
  flag: string,
  maxBytes: number,
  hint = 'raise it with --max-bytes',
): Promise<Uint8Array<ArrayBuffer>> {
  const stream = path === '-' ? process.stdin : createReadStream(path);
  const chunks: Buffer[] = [];
  let size = 0;
  try {
    // Leaving the loop early (the throw) destroys the stream: nothing more is read.
    for await (const chunk of stream) {
      size += (chunk as Buffer).length;
      if (size > maxBytes) throw new InputTooLarge(flag, maxBytes, hint);
      chunks.push(chunk as Buffer);
    }
  } catch (error) {
    if (error instanceof UsageError) throw error;
    const code = (error as NodeJS.ErrnoException).code ?? 'unreadable';
    throw new UsageError(`cannot read --${flag} ${path === '-' ? 'from stdin' : describePath(path)}: ${code}`);
  }
  return new Uint8Array(Buffer.concat(chunks));
}
