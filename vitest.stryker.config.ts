import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

// Stryker's test run: one plain Node project (no edge, types or coverage projects), `#crypto` on node:crypto,
// and only the suites that exercise the mutated folders (stryker.config.json `mutate`). The CLI, package and
// runtime suites spawn processes and would only slow every mutant down; the hostile property tests draw new
// random inputs on every run, which would make a mutant's fate depend on the seed.
export default defineConfig({
  resolve: { alias: { '#crypto': fileURLToPath(new URL('./src/crypto/node.ts', import.meta.url)) } },
  test: {
    environment: 'node',
    include: [
      'test/errors/**/*.test.ts',
      'test/lib/**/*.test.ts',
      'test/crypto/**/*.test.ts',
      'test/events/**/*.test.ts',
      'test/extract/**/*.test.ts',
      'test/parse/**/*.test.ts',
      'test/verify/**/*.test.ts',
      'test/sign/**/*.test.ts',
      'test/receive/**/*.test.ts',
      'test/hostile/**/*.test.ts',
    ],
    exclude: ['test/hostile/*-properties.test.ts'],
    setupFiles: ['test/stryker-seed.ts'],
  },
});
