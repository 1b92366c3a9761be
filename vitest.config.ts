import { defineConfig } from "vitest/config";

// Tests are split by where they run: unit (the pure core, in Node), component (Preact islands in
// happy-dom), build (the built site on disk). Browser tests drive a real Chromium separately.
export default defineConfig({
  oxc: { jsx: { runtime: "automatic", importSource: "preact" } },
  test: {
    // Shared matchers (toBeCloseRel) for every project.
    setupFiles: ["tests/matchers.ts"],
    // No test may fail for the machine's speed: on a loaded 2-core machine a test that takes 1 s
    // alone can take ten. Timings are asserted only in the performance project.
    testTimeout: 120_000,
    hookTimeout: 120_000,
    projects: [
      { extends: true, test: { name: "unit", include: ["tests/unit/**/*.test.ts"], environment: "node" } },
      {
        extends: true,
        test: { name: "component", include: ["tests/component/**/*.test.tsx"], environment: "happy-dom", setupFiles: ["tests/component/setup.ts"] },
      },
      { extends: true, test: { name: "build", include: ["tests/build/**/*.test.ts"], environment: "node" } },
      {
        extends: true,
        test: {
          name: "browser",
          include: ["tests/browser/**/*.test.ts"],
          exclude: ["tests/browser/performance.test.ts"],
          environment: "node",
          globalSetup: ["tests/browser/global-setup.ts"],
          // A real browser on a loaded 2-core machine: give polled conditions time to settle (a
          // condition that holds ends the poll at once; the limit only bounds a failure).
          expect: { poll: { timeout: 60_000 } },
        },
      },
      {
        extends: true,
        test: {
          name: "performance",
          include: ["tests/browser/performance.test.ts"],
          environment: "node",
          globalSetup: ["tests/browser/global-setup.ts"],
          fileParallelism: false,
          // Timings on a shared 2-core machine can catch a stray background task; a budget that
          // fails twice in a row is a real regression.
          retry: 1,
          testTimeout: 60_000,
          hookTimeout: 30_000,
        },
      },
    ],
  },
});
