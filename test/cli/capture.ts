// A stand-in for the user's app: a real node:http server on 127.0.0.1 that records each request's raw bytes.
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Captured {
  readonly body: Buffer;
  /** The header block as sent, one `name: value` line each: what `verify --headers` reads. */
  readonly headerText: string;
  readonly headers: IncomingMessage['headers'];
}

/** Starts the app; every request is answered with `status` and recorded in `requests`. */
export async function startCapture(status = 200) {
  const requests: Captured[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const lines = [];
      for (let i = 0; i < req.rawHeaders.length; i += 2) lines.push(`${req.rawHeaders[i]}: ${req.rawHeaders[i + 1]}`);
      requests.push({ body: Buffer.concat(chunks), headerText: `${lines.join('\n')}\n`, headers: req.headers });
      res.writeHead(status, { 'content-type': 'text/plain' }).end(status === 200 ? 'ok' : 'app failed');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`;
  const close = () =>
    new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    });
  return { url, requests, close };
}
