import { describe, expect, test } from "vitest";
import { PARAMETER_NAMES, PARAMETERS } from "../../src/numbers/parameters.ts";
import { STEPS, stepOf, valueAt, type SliderRange } from "../../src/ui/slider-scale.ts";

const ranges = PARAMETER_NAMES.flatMap((name) => {
  const range = PARAMETERS[name].slider;
  return range ? [[name, range] as [string, SliderRange]] : [];
});

describe.each(ranges)("slider scale for %s", (_, range) => {
  test("the ends are the range's ends, and out-of-range steps clamp", () => {
    expect(valueAt(range, 0)).toBe(range.min);
    expect(valueAt(range, STEPS)).toBe(range.max);
    expect(valueAt(range, -5)).toBe(range.min);
    expect(valueAt(range, STEPS + 5)).toBe(range.max);
  });

  test("values rise with the step and stay valid for the field", () => {
    let previous = -Infinity;
    for (let step = 0; step <= STEPS; step++) {
      const v = valueAt(range, step);
      expect(Number.isFinite(v)).toBe(true);
      expect(v).toBeGreaterThanOrEqual(previous);
      expect(v).toBeGreaterThan(0);
      if (range.integer) expect(Number.isInteger(v)).toBe(true);
      // A slider value always reads back as the same number when written as text.
      expect(Number(String(v))).toBe(v);
      previous = v;
    }
  });

  test("stepOf lands within one step of a slider value (rounding can shift it by one)", () => {
    for (let step = 0; step <= STEPS; step++) {
      const v = valueAt(range, step);
      expect(Math.abs(valueAt(range, stepOf(range, v)) - v)).toBeLessThanOrEqual(
        Math.max(Math.abs(valueAt(range, step + 1) - v), Math.abs(v - valueAt(range, step - 1))),
      );
    }
  });

  test("stepOf clamps values outside the range to the ends", () => {
    expect(stepOf(range, range.min / 10)).toBe(0);
    expect(stepOf(range, range.max * 10)).toBe(STEPS);
    expect(stepOf(range, 1e300)).toBe(STEPS);
    expect(stepOf(range, Number.MIN_VALUE)).toBe(0);
  });
});

test("log scale: the middle of the n slider is the geometric mean of 8 and 65 536", () => {
  expect(valueAt(PARAMETERS.n.slider!, STEPS / 2)).toBe(Math.round(Math.sqrt(8 * 65536)));
  expect(valueAt(PARAMETERS.a.slider!, STEPS / 2)).toBe(3.2);
});
