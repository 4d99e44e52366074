// Redis for test/redis: the one .ci/run started (REDIS_URL), or our own redis-server on a free loopback
// port, stopped after the run. Without either, the Redis tests fail with `redisProblem`; other tests run on.

import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { createConnection } from 'node:net';
import type { TestProject } from 'vitest/node';
import { freePort } from './redis-process.js';

declare module 'vitest' {
  export interface ProvidedContext {
    redisUrl: string | undefined;
    redisProblem: string | undefined;
  }
}

/** Resolves once Redis answers PING on `port`, within about 5 seconds. */
async function ready(port: number): Promise<boolean> {
  for (let attempt = 0; attempt < 50; attempt++) {
    const answer = await new Promise<string>((resolve) => {
      const socket = createConnection({ port, host: '127.0.0.1' }, () => socket.write('PING\r\n'));
      socket.setTimeout(500, () => socket.destroy());
      socket.once('data', (data) => {
        resolve(String(data));
        socket.destroy();
      });
      socket.once('error', () => resolve(''));
      socket.once('close', () => resolve(''));
    });
    if (answer.startsWith('+PONG')) return true;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return false;
}

export default async function setup(project: TestProject) {
  if (process.env.REDIS_URL) {
    project.provide('redisUrl', process.env.REDIS_URL);
    project.provide('redisProblem', undefined);
    return;
  }
  const port = await freePort();
  const server: ChildProcess = spawn(
    'redis-server',
    ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
    { stdio: 'ignore' },
  );
  const spawned = await new Promise<NodeJS.ErrnoException | undefined>((resolve) => {
    server.once('spawn', () => resolve(undefined));
    server.once('error', resolve);
  });
  if (spawned !== undefined) {
    const problem =
      spawned.code === 'ENOENT'
        ? 'redis-server is not installed: `apt-get install redis-server` (Debian), or set REDIS_URL to a Redis to use'
        : `redis-server did not start: ${spawned.message}`;
    project.provide('redisUrl', undefined);
    project.provide('redisProblem', problem);
    return;
  }
  const up = await ready(port);
  project.provide('redisUrl', up ? `redis://127.0.0.1:${port}` : undefined);
  project.provide('redisProblem', up ? undefined : `redis-server on port ${port} did not answer PING within 5 s`);
  return async () => {
    server.kill('SIGTERM');
    if (server.exitCode === null) await once(server, 'exit');
  };
}
