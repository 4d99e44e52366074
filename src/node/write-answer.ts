// Writing the core's answer to Node's response. Internal to the Node shells.

import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ReceiverAnswer } from '../receive/receive-delivery.js';

/** Writes status, headers and body, unless someone answered first; closes a connection whose body was left unread. */
export function writeAnswer(req: IncomingMessage, res: ServerResponse, answer: ReceiverAnswer): void {
  if (res.headersSent || res.writableEnded) return;
  const { headers } = answer;
  // A body left unread (refused over the cap, too slow, or never needed) is not drained: the connection closes.
  if (!req.complete) headers.connection = 'close';
  // Declared, so that Node writes one plain response instead of chunked encoding (several writes per answer).
  headers['content-length'] = String(Buffer.byteLength(answer.body));
  res.writeHead(answer.status, headers);
  res.end(answer.body);
}
