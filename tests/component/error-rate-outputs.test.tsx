/**
 * The calculators' new numbers: the error rates of random directions in the sparsity
 * calculator (against values computed independently, in numpy and scipy, for the site's notes),
 * the floor no arrangement can beat in the interference calculator (against Welch's formula
 * written out here), what the rates mean for levels, and the presets of published SAEs.
 */
import { fireEvent, render } from "@testing-library/preact";
import { describe, expect, test } from "vitest";
import Calculator from "../../src/features/calculators/islands/Calculator.tsx";
import { expectCleanMarkup, laterResults, output, resetPage, textInput, typeInto, useCleanPage, valueOf } from "./helpers.tsx";

useCleanPage();

describe("the sparsity calculator's error rates", () => {
  test("match the independent semi-analytic and Monte Carlo values", async () => {
    const c = render(<Calculator name="sparsity" />).container;
    typeInto(c, "n", "1024");
    typeInto(c, "m", "4096");
    typeInto(c, "l", "16");
    await laterResults();
    // n = 1024, m = 4096, l = 16: expected misreads 0.129 (semi-analytic) / 0.139 (Monte Carlo,
    // 10 embeddings × 200 inputs), all right 0.880 / 0.874 ± 0.007; l at 90 % = 15, at 50 % = 20.
    expect(valueOf(c, "expected-misreads")).toBeCloseRel(0.129, 0.01);
    expect(valueOf(c, "all-right")).toBeCloseRel(0.88, 0.01);
    expect(Math.abs(valueOf(c, "all-right") - 0.874)).toBeLessThan(3 * 0.007);
    expect(valueOf(c, "l-at-90")).toBe(15);
    expect(valueOf(c, "l-at-50")).toBe(20);
    // Verified to within 10 % (src/math/rate-accuracy.ts): two figures, no more.
    expect(output(c, "all-right").textContent).toBe("88%");
    // p_off at l equals p_on at l − 1.
    const pOff = valueOf(c, "p-false-off");
    typeInto(c, "l", "15");
    await laterResults();
    expect(valueOf(c, "p-false-on")).toBe(pOff);
    expectCleanMarkup(c);
  });

  test("n = 256, m = 4096: l at 90 % = 3, at 50 % = 5; one active feature misreads nothing active", async () => {
    const c = render(<Calculator name="sparsity" />).container;
    typeInto(c, "n", "256");
    typeInto(c, "m", "4096");
    typeInto(c, "l", "4");
    await laterResults();
    expect(valueOf(c, "all-right")).toBeCloseRel(0.887, 0.01);
    expect(valueOf(c, "expected-misreads")).toBeCloseRel(0.124, 0.02);
    expect(valueOf(c, "l-at-90")).toBe(3);
    expect(valueOf(c, "l-at-50")).toBe(5);
    typeInto(c, "l", "1");
    await laterResults();
    expect(valueOf(c, "p-false-off")).toBe(0);
    expect(output(c, "p-false-off").textContent).toBe("0");
  });

  test("values far below a double are shown as powers of ten, never 0 or NaN", async () => {
    const c = render(<Calculator name="sparsity" />).container;
    typeInto(c, "n", "3584");
    typeInto(c, "m", "1048576");
    typeInto(c, "l", "193");
    await laterResults();
    const allRight = output(c, "all-right");
    expect(allRight.getAttribute("data-value")).toBeNull();
    expect(Number(allRight.getAttribute("data-log10"))).toBeLessThan(-308);
    // Far below anything verified: a range of powers of ten, not a mantissa.
    expect(allRight.textContent).toMatch(/^between 10⁻[⁰¹²³⁴⁵⁶⁷⁸⁹]+ and 10⁻[⁰¹²³⁴⁵⁶⁷⁸⁹]+$/);
    // About 16 000 misreads per token for the shape of Gemma Scope's 1M SAE on Gemma 2 9B.
    expect(valueOf(c, "expected-misreads")).toBeCloseRel(16_000, 0.03);
    expectCleanMarkup(c);
  });

  test("a published SAE's preset sets n, m and l at once", async () => {
    const c = render(<Calculator name="sparsity" />).container;
    const button = Array.from(c.querySelectorAll("button")).find((b) => b.textContent === "GPT-2 small · OpenAI v5_32k layer 6 · 32k · L0 32")!;
    fireEvent.click(button);
    expect([textInput(c, "n").value, textInput(c, "m").value, textInput(c, "l").value]).toEqual(["768", "32768", "32"]);
    expect(button.getAttribute("aria-pressed")).toBe("true");
    // The post's l_max = 768 / (8 ln 32768) = 9.2, and about 235 misreads per token if random.
    expect(valueOf(c, "l-max")).toBeCloseRel(768 / (8 * Math.log(32768)), 1e-12);
    await laterResults();
    expect(valueOf(c, "expected-misreads")).toBeCloseRel(235, 0.01);
  });
});

test("the error rates follow a task after the other results: until then the previous values show, marked busy", async () => {
  const c = render(<Calculator name="sparsity" />).container;
  // Before the island's first task, the rows keep their place.
  expect(output(c, "all-right").getAttribute("aria-busy")).toBe("true");
  await laterResults();
  expect(output(c, "all-right").getAttribute("aria-busy")).toBeNull();
  const before = output(c, "all-right").textContent;
  typeInto(c, "l", "40");
  expect(valueOf(c, "noise")).toBeCloseRel(Math.sqrt((8 * Math.log(100_000)) / 4096) * Math.sqrt(40), 1e-12);
  expect(output(c, "all-right").textContent).toBe(before);
  expect(output(c, "all-right").getAttribute("aria-busy")).toBe("true");
  expect(output(c, "noise").getAttribute("aria-busy")).toBeNull();
  await laterResults();
  expect(output(c, "all-right").getAttribute("aria-busy")).toBeNull();
  expect(output(c, "all-right").textContent).not.toBe(before);
  expectCleanMarkup(c);
});

test("the interference calculator shows Welch's floor", () => {
  // One active feature, so that m can go as low as 2 (this calculator has no l of its own).
  resetPage("?l=1");
  const c = render(<Calculator name="epsilon" />).container;
  const welch = (n: number, m: number) => Math.sqrt((m - n) / (n * (m - 1)));
  expect(valueOf(c, "welch")).toBeCloseRel(welch(4096, 100_000), 1e-12);
  typeInto(c, "n", "100");
  typeInto(c, "m", "50");
  expect(valueOf(c, "welch")).toBe(0);
  // Beyond m = n(n+1)/2, Levenstein's floor is higher: n = 2, m = 4 gives 1/√2.
  typeInto(c, "n", "2");
  typeInto(c, "m", "4");
  expect(valueOf(c, "welch")).toBeCloseRel(Math.SQRT1_2, 1e-12);
});

test("the levels calculator says how many features even an on/off reading misreads, a task after its other results", async () => {
  const c = render(<Calculator name="levels" />).container;
  typeInto(c, "n", "1024");
  typeInto(c, "m", "4096");
  typeInto(c, "l", "16");
  expect(output(c, "on-off-misreads").getAttribute("aria-busy")).toBe("true");
  await laterResults();
  expect(output(c, "on-off-misreads").getAttribute("aria-busy")).toBeNull();
  expect(valueOf(c, "on-off-misreads")).toBeCloseRel(0.129, 0.01);
});
