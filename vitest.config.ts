import { defineConfig } from "vitest/config";

// Tests are split by where they run: unit (the pure core, in Node), component (Preact islands in
// happy-dom), build (the built site on disk). Browser tests drive a real Chromium separately.
export default defineConfig({
  oxc: { jsx: { runtime: "automatic", importSource: "preact" } },
  test: {
    // Shared matchers (toBeCloseRel) for every project.
    setupFiles: ["tests/matchers.ts"],
    projects: [
      { extends: true, test: { name: "unit", include: ["tests/unit/**/*.test.ts"], environment: "node" } },
      { extends: true, test: { name: "component", include: ["tests/component/**/*.test.tsx"], environment: "happy-dom" } },
      { extends: true, test: { name: "build", include: ["tests/build/**/*.test.ts"], environment: "node" } },
      {
        extends: true,
        test: {
          name: "browser",
          include: ["tests/browser/**/*.test.ts"],
          exclude: ["tests/browser/performance.test.ts"],
          environment: "node",
          globalSetup: ["tests/browser/global-setup.ts"],
          testTimeout: 30_000,
          hookTimeout: 30_000,
          // A real browser on a loaded 2-core machine: give polled conditions time to settle.
          expect: { poll: { timeout: 10_000 } },
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
