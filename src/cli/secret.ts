import { UsageError } from './args.js';
import { describePath, readInput, SECRET_FILE_MAX_BYTES } from './input.js';

/** The flags every signing or verifying subcommand takes. */
export const secretOptions = {
  secret: { type: 'string' },
  'secret-file': { type: 'string' },
} as const;

export const SECRET_ENV = 'BWELL_WEBHOOK_SECRET';

export const secretHelp = `  --secret-file FILE     read the signing secret (whsec_...) from FILE (a trailing newline is ignored),
                         or set ${SECRET_ENV} in the environment
  --secret SECRET        the secret itself: visible in ps and in your shell history`;

/**
 * Finds the secret: `--secret`, else `--secret-file`, else `BWELL_WEBHOOK_SECRET`. `undefined` when none is
 * given. Never puts the secret in an error message.
 */
export async function readSecret(
  values: { secret?: string | undefined; 'secret-file'?: string | undefined },
  env: NodeJS.ProcessEnv,
): Promise<string | undefined> {
  if (values.secret !== undefined && values['secret-file'] !== undefined) {
    throw new UsageError('give --secret or --secret-file, not both');
  }
  let secret = values.secret ?? env[SECRET_ENV];
  let origin = values.secret === undefined ? SECRET_ENV : '--secret';
  const file = values['secret-file'];
  if (file !== undefined) {
    origin = `--secret-file ${describePath(file)}`;
    // Editors and `echo >` end files with a newline (CRLF on Windows): it is not part of the secret.
    const text = new TextDecoder().decode(
      await readInput(file, 'secret-file', SECRET_FILE_MAX_BYTES, 'is it the secret?'),
    );
    secret = text.replace(/(?:\r?\n)+$/, '');
  }
  if (secret === '') throw new UsageError(`the secret from ${origin} is empty`);
  return secret;
}

/** Like {@link readSecret}, but a missing secret is a usage error naming the three ways to give one. */
export async function requireSecret(
  values: { secret?: string | undefined; 'secret-file'?: string | undefined },
  env: NodeJS.ProcessEnv,
): Promise<string> {
  const secret = await readSecret(values, env);
  if (secret === undefined) throw new UsageError(`no secret: give --secret-file FILE, set ${SECRET_ENV}, or --secret`);
  return secret;
}

/** The forms of a secret that must never be printed: as given, and its key without the `whsec_` prefix. */
export function secretForms(secret: string | undefined): string[] {
  if (secret === undefined) return [];
  // Short strings would garble unrelated output, and no real secret is that short.
  return [...new Set([secret, secret.replace(/^whsec_/, '')])].filter((form) => form.length >= 8);
}

/**
 * Turns the library's TypeError for a malformed secret (a caller mistake) into a usage error, scrubbed of
 * the secret for good measure; any other error is returned as is, to be thrown.
 */
export function secretMistake(secret: string, error: unknown): unknown {
  if (!(error instanceof TypeError)) return error;
  return new UsageError(secretForms(secret).reduce((text, form) => text.replaceAll(form, '[secret]'), error.message));
}
