// Measured as a user's bundler sees the package: our own tsconfig.json maps `#crypto` and `bwell-webhooks` to
// src/ for tests and editors, and esbuild would otherwise apply those paths to dist/ too (bundling a second
// copy of the byte helpers from the sources). With no tsconfig, `#crypto` resolves through package.json
// `imports`, to dist/crypto/web.js under the browser conditions size-limit uses.
const asPublished = (config) => ({ ...config, tsconfigRaw: '{}' });

export default [
  {
    name: 'verify path: import { verifySignature } (minified + gzip)',
    path: 'dist/index.js',
    import: '{ verifySignature }',
    limit: '3.9 kB',
    gzip: true,
    modifyEsbuildConfig: asPublished,
  },
  {
    name: 'whole core: dist/index.js (minified + gzip)',
    path: 'dist/index.js',
    // 10.88 kB before issue 11's duplicate-key refusal, 11.42 kB with it (the count and the scanner's key sets).
    limit: '11.5 kB',
    gzip: true,
    modifyEsbuildConfig: asPublished,
  },
];
