/**
 * Running a stepwise computation synchronously. The heavy computations here are generators that
 * yield between bounded pieces of work, so that a Web Worker can drive them in slices with progress
 * and Cancel (src/compute/jobs/drive.ts); the build, scripts, tests and quick callers want only the
 * value, and run them through this one loop.
 */

/** Runs `steps` to its end, ignoring what it yields, and returns its value. Throws what it throws. */
export function runToEnd<T>(steps: Generator<unknown, T, void>): T {
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
  }
}
