// Setup for Stryker's test run only (vitest.stryker.config.ts). Stryker picks the tests of each mutant by
// name, and @fast-check/vitest puts the random seed in each property's name ("... (with seed=N)"): with a new
// seed every run, no property test would ever be picked, and every mutant only they kill would survive. One
// fixed seed keeps the names, and the inputs, the same in every run.
import fc from 'fast-check';

fc.configureGlobal({ seed: 20_261_129 });
