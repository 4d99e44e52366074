// Runs the built `bwell-webhooks` binary, as users do. `npm test` builds first; alone, run `npm run build`.
import { type ChildProcess, spawn } from 'node:child_process';
import { closeSync, existsSync, openSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export const BIN = fileURLToPath(new URL('../../dist/cli/main.js', import.meta.url));

/** Fails with the fix when the build is missing, instead of a confusing spawn error. */
export function requireBuild(): void {
  if (!existsSync(BIN)) throw new Error(`${BIN} is missing: run 'npm run build' first (npm test does it)`);
}

/** The environment of a test run: no inherited secret or colour setting leaks in. */
export function cleanEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const { BWELL_WEBHOOK_SECRET: _secret, NO_COLOR: _no, FORCE_COLOR: _force, ...env } = process.env;
  return { ...env, ...extra };
}

export interface Result {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/**
 * Runs the binary to completion (killed after `timeout` ms) and collects its output. Stdin gets `input`, then
 * EOF unless `keepOpen`; or `stdinFile` is the child's stdin itself, as a shell's `<` gives it.
 */
export function run(
  args: string[],
  options: {
    env?: Record<string, string>;
    input?: string;
    keepOpen?: boolean;
    stdinFile?: string;
    timeout?: number;
  } = {},
) {
  return new Promise<Result>((resolve, reject) => {
    const fd = options.stdinFile === undefined ? undefined : openSync(options.stdinFile, 'r');
    const child = spawn(process.execPath, [BIN, ...args], {
      env: cleanEnv(options.env),
      timeout: options.timeout ?? 15_000,
      stdio: [fd ?? 'pipe', 'pipe', 'pipe'],
    });
    if (fd !== undefined) closeSync(fd);
    let stdout = '';
    let stderr = '';
    child.stdout?.on('data', (chunk) => {
      stdout += chunk;
    });
    child.stderr?.on('data', (chunk) => {
      stderr += chunk;
    });
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
    // Writing to a child that already stopped reading is not an error here.
    child.stdin?.on('error', () => {});
    if (options.keepOpen) child.stdin?.write(options.input ?? '');
    else child.stdin?.end(options.input ?? '');
  });
}

/** Starts a long-running subcommand and resolves once a stdout line matches `ready`. */
export function start(args: string[], ready: RegExp, env: Record<string, string> = {}) {
  return new Promise<{ child: ChildProcess; match: RegExpMatchArray; output: () => string }>((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], { env: cleanEnv(env) });
    let stdout = '';
    let stderr = '';
    const timer = setTimeout(() => {
      child.kill();
      reject(new Error(`no line matching ${ready} within 10 s; stdout: ${stdout}; stderr: ${stderr}`));
    }, 10_000);
    child.stderr.on('data', (chunk) => {
      stderr += chunk;
    });
    child.stdout.on('data', (chunk) => {
      stdout += chunk;
      const match = stdout.match(ready);
      if (match) {
        clearTimeout(timer);
        resolve({ child, match, output: () => stdout + stderr });
      }
    });
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`exited with ${code} before ready; stdout: ${stdout}; stderr: ${stderr}`));
    });
  });
}

/** Stops a child started by `start` and waits for it to exit. */
export function stop(child: ChildProcess | undefined): Promise<void> {
  if (!child || child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });
}
