// A real Cloudflare Worker (workerd): `createWebhookHandler` serves POST /webhook exactly as a user's Worker
// would, GET /conformance runs the suite inside the isolate, and GET /seen lists the events the handlers
// received, so the test can tell a handled delivery from a merely acknowledged one.
import * as api from 'bwell-webhooks';
import { runConformance, SECRET } from './test/conformance/suite.mjs';

const seen = [];
const handler = api.createWebhookHandler({
  secret: SECRET,
  on: {
    'user-delete-completed': (event) => {
      seen.push(`${event.type}:${event.externalIdentifier?.value}`);
    },
    'data-export-completed': (event) => {
      seen.push(`${event.type}:${event.downloadUrl}`);
    },
  },
  onUnknown: (event) => {
    seen.push(`unknown:${event.eventCoding?.code}`);
  },
});

export default {
  async fetch(request) {
    const { pathname } = new URL(request.url);
    if (pathname === '/conformance') return Response.json(await runConformance(api, 'workerd'));
    if (pathname === '/seen') return Response.json(seen);
    return handler(request);
  },
};
