// The edge runtime and Chromium: esbuild bundles this entry with those platforms' export conditions, so a
// `node:` import leaking into the package's browser path fails the build instead of passing here.
import * as api from 'bwell-webhooks';
import { runConformance } from './test/conformance/suite.mjs';

export function run(runtime) {
  return runConformance(api, runtime);
}
