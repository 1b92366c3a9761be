/**
 * Shared fast-check setup for the unit tests: a fixed seed (runs are reproducible) and generators
 * for the parameters over their whole domains, extremes included (n, m up to ~1.8·10³⁰⁸, a and k
 * from 5·10⁻³²⁴ to ~1.8·10³⁰⁸). Imported by every property test file; not a test file itself.
 */
import fc from "fast-check";
import { DEFAULT_SCENARIO, type Scenario } from "../../src/numbers/scenario.ts";

fc.configureGlobal({ seed: 42, numRuns: 200 });

export { fc };

/** Largest finite log10 we feed to 10 ** x (Number.MAX_VALUE ≈ 10^308.2547). */
const MAX_LOG10 = 308.25;

/**
 * Integers ≥ min, spread over the orders of magnitude up to 10^maxLog10 (every double above 2^53
 * is an integer), plus small ones and the extremes.
 */
export function countArb(min: number, maxLog10 = MAX_LOG10): fc.Arbitrary<number> {
  const top = maxLog10 >= MAX_LOG10 ? Number.MAX_VALUE : Math.round(10 ** maxLog10);
  return fc.oneof(
    fc.integer({ min, max: Math.min(top, 100_000) }),
    fc.double({ min: Math.log10(min), max: maxLog10, noNaN: true }).map((x) => Math.min(top, Math.max(min, Math.round(10 ** x)))),
    fc.constantFrom(min, min + 1, top),
  );
}

/** Reals > 0 over the whole positive double range (subnormals included), spread over magnitudes. */
export function positiveArb(maxLog10 = MAX_LOG10, minLog10 = -324): fc.Arbitrary<number> {
  const top = maxLog10 >= MAX_LOG10 ? Number.MAX_VALUE : 10 ** maxLog10;
  const bottom = minLog10 <= -324 ? Number.MIN_VALUE : 10 ** minLog10;
  return fc.oneof(
    fc.double({ min: minLog10, max: maxLog10, noNaN: true }).map((x) => Math.min(top, Math.max(bottom, 10 ** x))),
    fc.double({ min: bottom, max: top, noNaN: true }),
    fc.constantFrom(bottom, top, 1),
  );
}

/** A pair m ≥ 2, 1 ≤ l ≤ m, l log-uniform between 1 and m (both ends included). */
export function featuresAndActiveArb(maxLog10 = MAX_LOG10): fc.Arbitrary<{ m: number; l: number }> {
  return countArb(2, maxLog10).chain((m) =>
    fc
      .oneof(
        fc.double({ min: 0, max: 1, noNaN: true }).map((u) => Math.max(1, Math.min(m, Math.round(m ** u)))),
        fc.constantFrom(1, m),
      )
      .map((l) => ({ m, l })),
  );
}

/** ε in (0, 1], as the calculators accept it. */
export const epsArb: fc.Arbitrary<number> = fc.oneof(
  fc.double({ min: Number.MIN_VALUE, max: 1, noNaN: true }),
  fc.double({ min: -323, max: 0, noNaN: true }).map((x) => 10 ** x),
  fc.constantFrom(Number.MIN_VALUE, 1),
);

/** Any valid scenario, extremes included. */
export const scenarioArb: fc.Arbitrary<Scenario> = fc
  .record({ n: countArb(1), ml: featuresAndActiveArb(), a: positiveArb(), k: positiveArb(), eps: epsArb })
  .map(({ n, ml, a, k, eps }) => ({ ...DEFAULT_SCENARIO, n, m: ml.m, l: ml.l, a, k, eps }));

/** Valid scenarios of everyday size (no overflow anywhere): for round-trip tests. */
export const moderateScenarioArb: fc.Arbitrary<Scenario> = fc
  .record({
    n: fc.integer({ min: 1, max: 1_000_000 }),
    ml: featuresAndActiveArb(12),
    a: fc.double({ min: 1e-6, max: 1e6, noNaN: true }),
    k: fc.double({ min: 1e-3, max: 1e3, noNaN: true }),
    eps: fc.double({ min: 1e-6, max: 1, noNaN: true }),
  })
  .map(({ n, ml, a, k, eps }) => ({ ...DEFAULT_SCENARIO, n, m: ml.m, l: ml.l, a, k, eps }));
