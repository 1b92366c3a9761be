import Calculator from "../../src/features/calculators/islands/Calculator.tsx";
import { render } from "@testing-library/preact";
import { describe, expect, test } from "vitest";
import { levels, noise } from "./expected.ts";
import { expectCleanMarkup, output, slide, textInput, typeInto, useCleanPage, valueOf } from "./helpers.tsx";

useCleanPage();

function setup() {
  return render(<Calculator name="levels" />).container;
}

describe("LevelsCalculator", () => {
  test("renders the defaults: noise a·ε·√l and the distinguishable levels", () => {
    const c = setup();
    expect(c.querySelector('[data-calculator="levels"]')).not.toBeNull();
    expect(textInput(c, "a").value).toBe("1");
    expect(valueOf(c, "noise")).toBeCloseRel(noise(4096, 1e5, 10, 1));
    expect(output(c, "noise").textContent).toBe("0.474");
    expect(valueOf(c, "levels")).toBeCloseRel(levels(4096, 1e5, 10));
    expect(output(c, "levels").textContent).toBe("2.11");
    // Smallest n with √(n / (8 l ln m)) ≥ k = 4: n ≥ 1280 ln 10⁵ ≈ 14 736.5.
    expect(valueOf(c, "n-for-levels")).toBe(14737);
    expect(levels(14737, 1e5, 10)).toBeGreaterThanOrEqual(4);
    expect(levels(14736, 1e5, 10)).toBeLessThan(4);
    expect(output(c, "verdict").getAttribute("data-value")).toBe("graded");
    expectCleanMarkup(c);
  });

  test("typing a scales the noise and leaves the levels unchanged", () => {
    const c = setup();
    const levelsBefore = output(c, "levels").getAttribute("data-value");
    typeInto(c, "a", "10");
    expect(valueOf(c, "noise")).toBeCloseRel(noise(4096, 1e5, 10, 10));
    expect(output(c, "levels").getAttribute("data-value")).toBe(levelsBefore);
    typeInto(c, "a", "0.25");
    expect(valueOf(c, "noise")).toBeCloseRel(noise(4096, 1e5, 10, 0.25));
    expect(output(c, "levels").getAttribute("data-value")).toBe(levelsBefore);
  });

  test("typing l changes noise and levels; below 2 levels the feature is called boolean-ish", () => {
    const c = setup();
    typeInto(c, "l", "100");
    expect(valueOf(c, "noise")).toBeCloseRel(noise(4096, 1e5, 100));
    expect(valueOf(c, "levels")).toBeCloseRel(levels(4096, 1e5, 100));
    expect(output(c, "verdict").getAttribute("data-value")).toBe("boolean-ish");
    expect(output(c, "verdict").textContent).toMatch(/boolean-ish/);
    typeInto(c, "l", "1");
    expect(output(c, "verdict").getAttribute("data-value")).toBe("graded");
  });

  test("typing n and m recomputes noise, levels and the width k levels need", () => {
    const c = setup();
    typeInto(c, "n", "768");
    typeInto(c, "m", "1e6");
    expect(valueOf(c, "noise")).toBeCloseRel(noise(768, 1e6, 10));
    expect(valueOf(c, "levels")).toBeCloseRel(levels(768, 1e6, 10));
    expect(valueOf(c, "n-for-levels")).toBe(Math.floor(8 * 10 * 16 * Math.log(1e6)) + 1);
  });

  test("typing k recomputes the width needed", () => {
    const c = setup();
    typeInto(c, "k", "2");
    const n = valueOf(c, "n-for-levels");
    expect(levels(n, 1e5, 10)).toBeGreaterThanOrEqual(2);
    expect(levels(n - 1, 1e5, 10)).toBeLessThan(2);
  });

  test("the a slider sets the a text field (two significant figures) and the noise", () => {
    const c = setup();
    // Middle of 0.1…100 on a log scale: 10^0.5 ≈ 3.16, rounded to 3.2.
    slide(c, "a", 100);
    expect(textInput(c, "a").value).toBe("3.2");
    expect(valueOf(c, "noise")).toBeCloseRel(noise(4096, 1e5, 10, 3.2));
    expect(valueOf(c, "levels")).toBeCloseRel(levels(4096, 1e5, 10));
  });

  test("the l slider sets the l text field and the levels", () => {
    const c = setup();
    slide(c, "l", 0);
    expect(textInput(c, "l").value).toBe("1");
    expect(valueOf(c, "levels")).toBeCloseRel(levels(4096, 1e5, 1));
  });

  test("a noise beyond double range is given as data-log10", () => {
    const c = setup();
    typeInto(c, "l", "100000");
    typeInto(c, "a", "1e308");
    const o = output(c, "noise");
    expect(o.hasAttribute("data-value")).toBe(false);
    const expected = 308 + Math.log10(noise(4096, 1e5, 1e5));
    expect(Number(o.getAttribute("data-log10"))).toBeCloseRel(expected);
    expect(o.textContent).toMatch(/^\d\.\d\d × 10³⁰⁹$/);
    expectCleanMarkup(c);
  });

  test("a tiny amplitude whose noise underflows does not break the island (a = 5e-324)", () => {
    const c = setup();
    const levelsBefore = output(c, "levels").getAttribute("data-value");
    expect(() => typeInto(c, "a", "5e-324")).not.toThrow();
    expectCleanMarkup(c);
    expect(output(c, "levels").getAttribute("data-value")).toBe(levelsBefore);
    const o = output(c, "noise");
    expect(o.getAttribute("data-value") ?? o.getAttribute("data-log10")).not.toBeNull();
    // The island still responds afterwards.
    typeInto(c, "a", "2");
    expect(valueOf(c, "noise")).toBeCloseRel(noise(4096, 1e5, 10, 2));
  });
});
