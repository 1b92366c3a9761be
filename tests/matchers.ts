/**
 * Matchers shared by every test project. `toBeCloseRel` compares two numbers computed along
 * different routes to a relative tolerance, and on failure prints both numbers and how far apart
 * they are, unlike `expect(a).toBeCloseRel(b)`, which could only say "expected true".
 */
import { expect } from "vitest";

expect.extend({
  toBeCloseRel(received: unknown, expected: number, rel = 1e-12) {
    const ok = typeof received === "number" && Number.isFinite(received) && Math.abs(received - expected) <= rel * Math.abs(expected);
    const off = typeof received === "number" && expected !== 0 ? Math.abs(received / expected - 1) : Number.NaN;
    return {
      pass: ok,
      message: () =>
        `expected ${String(received)} ${ok ? "not " : ""}to be within a relative ${rel} of ${expected}` +
        (Number.isFinite(off) ? ` (relative difference ${off.toExponential(3)})` : ""),
    };
  },
});

declare module "vitest" {
  interface Matchers<R> {
    /** |received − expected| ≤ rel·|expected| (default rel 10⁻¹²), with both numbers in the message. */
    toBeCloseRel(expected: number, rel?: number): R;
  }
}
