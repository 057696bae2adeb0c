import { createRequire } from 'node:module';

import { defineConfig } from 'vitest/config';

// Three projects so a developer can run the fast unit tests alone; `npm test` runs them all.
export default defineConfig({
  // Vite would load graphql's .mjs build for our code while Apollo and type-graphql load the
  // CommonJS one; two copies make graphql reject each other's schemas. Pin the one Node loads.
  resolve: { alias: [{ find: /^graphql$/, replacement: createRequire(import.meta.url).resolve('graphql') }] },
  test: {
    setupFiles: ['test/support/setup.ts'],
    projects: [
      {
        extends: true,
        test: { name: 'unit', include: ['test/unit/**/*.test.ts'], testTimeout: 5_000 },
      },
      {
        extends: true,
        test: { name: 'contract', include: ['test/contract/**/*.test.ts'], testTimeout: 20_000 },
      },
      {
        extends: true,
        test: {
          name: 'integration',
          include: ['test/integration/**/*.test.ts'],
          globalSetup: ['test/support/neo4j-global-setup.ts'],
          testTimeout: 60_000,
          hookTimeout: 600_000,
        },
      },
      {
        extends: true,
        test: {
          name: 'e2e',
          include: ['test/e2e/**/*.test.ts'],
          testTimeout: 30_000,
          hookTimeout: 60_000,
          pool: 'forks',
        },
      },
    ],
  },
});
