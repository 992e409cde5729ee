// The end-to-end suite against a real control plane (npm run test:e2e). One control plane for the run,
// started in globalSetup; files run one at a time because they share it and the machine has 2 cores.
import { defineConfig } from 'vitest/config';
import { simFromSource } from '../../vitest.config.js';

export default defineConfig({
  ssr: simFromSource,
  test: {
    include: ['test/e2e/**/*.test.ts'],
    globalSetup: ['test/e2e/globalSetup.ts'],
    testTimeout: 120_000,
    hookTimeout: 240_000,
    pool: 'forks',
    fileParallelism: false,
    // A flaky e2e test is a bug to find, not to hide.
    retry: 0,
  },
});
