/**
 * A slider moved one step at a time (arrow keys) must be able to travel its whole range. Rounding
 * makes neighbouring steps share a value (n = 8 at steps 0 and 1; a = 10 is nearest step 133,
 * whose value is 9.9), so the thumb must not be snapped back to stepOf(value) after each move.
 */
import Calculator from "../../src/features/calculators/islands/Calculator.tsx";
import { render } from "@testing-library/preact";
import { expect, test } from "vitest";
import { PARAMETERS } from "../../src/numbers/parameters.ts";
import { STEPS, valueAt } from "../../src/ui/slider-scale.ts";
import { slide, slider, textInput, typeInto, useCleanPage } from "./helpers.tsx";

useCleanPage();

test.each(["n", "m", "l", "a"] as const)("the %s slider can be stepped from one end to the other", (name) => {
  const { container: c } = render(<Calculator name="levels" />);
  // l may not exceed m: open up m first when walking l.
  if (name === "l") typeInto(c, "m", "1e10");
  // m may not fall below l: close l down first when walking m.
  if (name === "m") typeInto(c, "l", "1");
  slide(c, name, 0);
  expect(slider(c, name).value).toBe("0");
  let previous = -Infinity;
  for (let i = 0; i < STEPS; i++) {
    const from = Number(slider(c, name).value);
    slide(c, name, from + 1);
    const now = Number(slider(c, name).value);
    expect(now, `${name}: stepping up from ${from}`).toBeGreaterThan(from);
    const value = Number(textInput(c, name).value);
    expect(value).toBeGreaterThanOrEqual(previous);
    previous = value;
    if (now >= STEPS) break;
  }
  expect(slider(c, name).value).toBe(String(STEPS));
  expect(textInput(c, name).value).toBe(String(valueAt(PARAMETERS[name].slider!, STEPS)));
});

test("typing a value still moves the slider to it", () => {
  const { container: c } = render(<Calculator name="levels" />);
  slide(c, "n", 1);
  typeInto(c, "n", "65536");
  expect(slider(c, "n").value).toBe(String(STEPS));
  typeInto(c, "a", "10");
  expect(Math.abs(Number(slider(c, "a").value) - 133)).toBeLessThanOrEqual(1);
});
