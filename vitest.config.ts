import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const source = (path: string) => fileURLToPath(new URL(path, import.meta.url));

// Tests of floors 0-4: they run twice, on Node with node:crypto and in the edge runtime with WebCrypto,
// so both sides of the `#crypto` seam pass the same suite.
// Tests import the package by name, as users do; here the name means the sources. (The runtime and
// package suites import the packed tarball instead.)
const packageAliases = [
  { find: /^bwell-webhooks$/, replacement: source('./src/index.ts') },
  { find: /^bwell-webhooks\/(node|redis|testing|aws-lambda)$/, replacement: source('./src/$1/index.ts') },
];
const crypto = (backend: 'node' | 'web') => [
  { find: /^#crypto$/, replacement: source(`./src/crypto/${backend}.ts`) },
  ...packageAliases,
];

const coreTests = [
  'test/errors/**/*.test.ts',
  'test/lib/**/*.test.ts',
  'test/crypto/**/*.test.ts',
  'test/events/**/*.test.ts',
  'test/extract/**/*.test.ts',
  'test/parse/**/*.test.ts',
  'test/verify/**/*.test.ts',
  'test/sign/**/*.test.ts',
  'test/receive/**/*.test.ts',
];

export default defineConfig({
  test: {
    projects: [
      {
        extends: true,
        resolve: { alias: crypto('node') },
        test: {
          name: 'node',
          environment: 'node',
          include: ['test/**/*.test.ts'],
          globalSetup: ['test/redis/global-setup.ts'],
        },
      },
      {
        extends: true,
        resolve: { alias: crypto('web') },
        test: { name: 'edge', environment: 'edge-runtime', include: coreTests, exclude: ['test/**/*.node.test.ts'] },
      },
      {
        extends: true,
        test: {
          name: 'types',
          include: [],
          typecheck: { enabled: true, only: true, include: ['test/**/*.test-d.ts'], tsconfig: './tsconfig.json' },
        },
      },
    ],
    coverage: {
      provider: 'v8',
      include: ['src/**/*.ts'],
      // The command is tested by spawning the built binary (test/cli), a child process this coverage cannot see.
      exclude: ['src/cli/**'],
      reporter: ['text-summary', 'json-summary'],
      thresholds: { lines: 95, branches: 95, functions: 95, statements: 95 },
    },
  },
});
