import { defineConfig, type Options } from 'tsup';

const shared = {
  // `#crypto` stays an import so that package.json `imports` picks node:crypto or WebCrypto at run time.
  external: ['#crypto'],
  sourcemap: true,
  target: 'es2022',
  platform: 'neutral',
  treeshake: true,
} satisfies Options;

export default defineConfig([
  {
    ...shared,
    entry: {
      index: 'src/index.ts',
      'aws-lambda/index': 'src/aws-lambda/index.ts',
      'crypto/node': 'src/crypto/node.ts',
      'crypto/web': 'src/crypto/web.ts',
      'node/index': 'src/node/index.ts',
      'redis/index': 'src/redis/index.ts',
      'testing/index': 'src/testing/index.ts',
    },
    format: ['esm', 'cjs'],
    dts: {
      entry: [
        'src/index.ts',
        'src/aws-lambda/index.ts',
        'src/node/index.ts',
        'src/redis/index.ts',
        'src/testing/index.ts',
      ],
    },
  },
  // The command runs on Node only, as ESM.
  { ...shared, entry: { 'cli/main': 'src/cli/main.ts' }, format: ['esm'], platform: 'node' },
]);
