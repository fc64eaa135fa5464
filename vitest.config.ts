import { defineConfig } from 'vitest/config';

// Three tiers (tests/README.md): unit (pure code), integration (real PostgreSQL: embedded, or
// TEST_DATABASE_URL), e2e (the HTTP API and the web app in headless Chromium). `npm test` runs all three.
const dbSetup = './tests/support/global-database.ts';

export default defineConfig({
  test: {
    reporters: ['default', './tests/support/summary-reporter.ts'],
    projects: [
      { test: { name: 'unit', include: ['tests/unit/**/*.test.ts'], environment: 'node' } },
      {
        test: {
          name: 'integration',
          include: ['tests/integration/**/*.test.ts'],
          globalSetup: [dbSetup],
          testTimeout: 60_000,
          hookTimeout: 120_000,
          expect: { poll: { timeout: 30_000, interval: 100 } },
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['tests/e2e/**/*.test.ts'],
          globalSetup: [dbSetup],
          testTimeout: 120_000,
          hookTimeout: 180_000,
          // expect.poll waits on a condition; its default ceiling (1 s) is too short for a page on a busy
          // 2-core machine (a full run beside other work failed a case list that rendered in 1.5 s).
          expect: { poll: { timeout: 30_000, interval: 100 } },
          fileParallelism: false,
        },
      },
    ],
  },
});
