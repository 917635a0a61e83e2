import { defineConfig } from 'vitest/config';

// Two projects: pure/unit tests run anywhere; e2e tests need the real container stack
// (scripts/e2e-env.sh) and run one file at a time because they share one engine and registry. Real-engine tests of
// a single module are named *.real.test.ts and run with the e2e project.
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: ['__tests__/**/*.test.ts'],
          exclude: ['__tests__/e2e/**', '__tests__/**/*.real.test.ts'],
          setupFiles: ['__tests__/fixtures/temp-setup.ts'],
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['__tests__/e2e/**/*.test.ts', '__tests__/**/*.real.test.ts'],
          globalSetup: ['__tests__/e2e/global-setup.ts'],
          setupFiles: ['__tests__/fixtures/temp-setup.ts'],
          testTimeout: 600_000,
          hookTimeout: 600_000,
          pool: 'forks',
          poolOptions: { forks: { singleFork: true } },
        },
      },
    ],
  },
});
