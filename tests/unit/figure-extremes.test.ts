/**
 * The calculators' figures at the edges of the domain: every valid scenario, up to the largest
 * double, draws with no NaN or Infinity (an address such as ?m=1e308&l=1e308 once
 * sent the log-axis ticks into an endless loop).
 */
import { describe, expect, test } from "vitest";
import { DEFAULT_SCENARIO, type Scenario } from "../../src/numbers/scenario.ts";
import { calculatorFigure } from "../../src/features/calculators/components/prerendered-figure.ts";
import { CALCULATOR_NAMES } from "../../src/features/calculators/registry.ts";
import { logTicks } from "../../src/plot/log-ticks.ts";
import { logSpace } from "../../src/plot/sampling.ts";
import { renderSvg } from "../../src/plot/render-svg.ts";

const EXTREMES: Partial<Scenario>[] = [
  { m: 1e308, l: 1e308 },
  { m: Number.MAX_VALUE, l: 1 },
  { n: Number.MAX_VALUE },
  { n: 1, m: 2, l: 2 },
  { n: 1e300, m: 1e300, l: 1e300, a: 1e300 },
];

describe.each(CALCULATOR_NAMES)("%s figure", (name) => {
  // An endless loop (the bug this guards against) fails by the test's timeout; the work itself is
  // bounded by the ticks (at most 9, below) and the samples per curve.
  test.each(EXTREMES)("draws %o with finite numbers", (extreme) => {
    const svg = renderSvg(calculatorFigure(name, { ...DEFAULT_SCENARIO, ...extreme }));
    expect(svg).not.toMatch(/NaN|Infinity|undefined/);
    expect(svg).toContain("<path");
  });
});

test("log-axis ticks refuse non-finite bounds instead of looping", () => {
  expect(() => logTicks(1, Infinity)).toThrow(RangeError);
  expect(() => logTicks(0, 10)).toThrow(RangeError);
  expect(logTicks(1, 1000).ticks).toEqual([1, 10, 100, 1000]);
  expect(logTicks(1e-300, 1e300).ticks.length).toBeLessThanOrEqual(9);
});

test("log-spaced samples keep their exact ends, even at the largest double", () => {
  const xs = logSpace(2, Number.MAX_VALUE, 48);
  expect(xs[0]).toBe(2);
  expect(xs.at(-1)).toBe(Number.MAX_VALUE);
  expect(xs.every(Number.isFinite)).toBe(true);
});
