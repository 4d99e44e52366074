// Node (require): the package is loaded through its CommonJS build; the suite itself is ESM and only
// receives the namespace.
const api = require('bwell-webhooks');

import('./test/conformance/suite.mjs')
  .then(({ runConformance }) => runConformance(api, `node ${process.version} require`))
  .then((report) => console.log(JSON.stringify(report)));
