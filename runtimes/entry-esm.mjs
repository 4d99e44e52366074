// Node (import), Deno and Bun: load the packed package the way their users do, by its bare name, and print
// the conformance report as one JSON line. Copied next to node_modules/bwell-webhooks by run-all.mjs.
import * as api from 'bwell-webhooks';
import { runConformance } from './test/conformance/suite.mjs';

const runtime = globalThis.Deno
  ? `deno ${Deno.version.deno}`
  : globalThis.Bun
    ? `bun ${Bun.version}`
    : `node ${process.version}`;
console.log(JSON.stringify(await runConformance(api, runtime)));
