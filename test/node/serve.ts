// Real servers on 127.0.0.1 for the status table, driven by fetch.

import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Mounted } from '../receive/status-table.js';

/** Listens on a free loopback port and returns the receiver seen through `path` on it. */
export async function mountServer(server: Server, path = '/webhook'): Promise<Mounted> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { send: sendTo(`http://127.0.0.1:${port}${path}`), close: () => closeServer(server) };
}

/** Sends a Request's method, headers and (streamed) body to `url`, within 10 seconds. */
export function sendTo(url: string) {
  return (request: Request) =>
    fetch(url, {
      method: request.method,
      headers: request.headers,
      body: request.body,
      duplex: 'half',
      signal: AbortSignal.timeout(10_000),
    } as RequestInit);
}

export function closeServer(server: Server): Promise<void> {
  return new Promise((resolve, reject) => {
    server.close((error) => (error ? reject(error) : resolve()));
    server.closeAllConnections();
  });
}
