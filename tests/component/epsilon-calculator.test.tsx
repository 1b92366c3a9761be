import Calculator from "../../src/features/calculators/islands/Calculator.tsx";
import { fireEvent, render, screen } from "@testing-library/preact";
import { describe, expect, test } from "vitest";
import { eps } from "./expected.ts";
import { expectCleanMarkup, output, slide, textInput, typeInto, useCleanPage, valueOf } from "./helpers.tsx";

useCleanPage();

function setup() {
  return render(<Calculator name="epsilon" />).container;
}

describe("EpsilonCalculator", () => {
  test("renders the defaults: ε = √(8 ln 10⁵ / 4096) ≈ 0.150", () => {
    const c = setup();
    expect(c.querySelector('[data-calculator="epsilon"]')).not.toBeNull();
    expect(textInput(c, "n").value).toBe("4096");
    expect(textInput(c, "m").value).toBe("100000");
    expect(textInput(c, "eps").value).toBe("0.1");
    expect(valueOf(c, "epsilon")).toBeCloseRel(Math.sqrt((8 * Math.log(1e5)) / 4096));
    expect(output(c, "epsilon").textContent).toBe("0.150");
    expectCleanMarkup(c);
  });

  test("the inverse questions at the default target ε = 0.1", () => {
    const c = setup();
    // Smallest n with √(8 ln m / n) ≤ 0.1, i.e. n ≥ 800 ln 10⁵ ≈ 9210.3.
    const nNeeded = valueOf(c, "n-for-eps");
    expect(Number.isInteger(nNeeded)).toBe(true);
    expect(eps(nNeeded, 1e5)).toBeLessThanOrEqual(0.1);
    expect(eps(nNeeded - 1, 1e5)).toBeGreaterThan(0.1);
    expect(nNeeded).toBe(9211);
    expect(output(c, "n-for-eps").textContent).toBe("9,211");
    // e^(n ε² / 8) = e^5.12 ≈ 167.
    expect(valueOf(c, "m-for-eps")).toBeCloseRel(Math.exp((4096 * 0.01) / 8));
  });

  test("typing n = 768 recomputes ε", () => {
    const c = setup();
    typeInto(c, "n", "768");
    expect(textInput(c, "n").value).toBe("768");
    expect(valueOf(c, "epsilon")).toBeCloseRel(eps(768, 1e5));
    expect(output(c, "epsilon").textContent).toBe("0.346");
    expect(valueOf(c, "m-for-eps")).toBeCloseRel(Math.exp((768 * 0.01) / 8));
  });

  test("typing m = 1e6 recomputes ε, in scientific notation too", () => {
    const c = setup();
    typeInto(c, "m", "1e6");
    expect(valueOf(c, "epsilon")).toBeCloseRel(eps(4096, 1e6));
    expect(output(c, "epsilon").textContent).toBe("0.164");
  });

  test("digit groups are accepted: 4,096 and 1 000 000", () => {
    const c = setup();
    typeInto(c, "n", "1,024");
    typeInto(c, "m", "1 000 000");
    expect(valueOf(c, "epsilon")).toBeCloseRel(eps(1024, 1e6));
    expect(textInput(c, "n").getAttribute("aria-invalid")).toBe("false");
  });

  test("typing the target ε recomputes the inverses", () => {
    const c = setup();
    typeInto(c, "eps", "0.05");
    expect(valueOf(c, "n-for-eps")).toBe(Math.ceil((8 * Math.log(1e5)) / 0.0025));
    expect(valueOf(c, "m-for-eps")).toBeCloseRel(Math.exp((4096 * 0.0025) / 8));
    expect(valueOf(c, "epsilon")).toBeCloseRel(eps(4096, 1e5));
  });

  test("the n slider sets the n text field and ε (log scale: the middle of 8…65536 is √(8·65536) ≈ 724)", () => {
    const c = setup();
    slide(c, "n", 100);
    expect(textInput(c, "n").value).toBe("724");
    expect(valueOf(c, "epsilon")).toBeCloseRel(eps(724, 1e5));
  });

  test("the m slider sets the m text field and ε", () => {
    const c = setup();
    slide(c, "m", 200);
    expect(textInput(c, "m").value).toBe("10000000000");
    expect(valueOf(c, "epsilon")).toBeCloseRel(eps(4096, 1e10));
  });

  test("the target ε has no slider", () => {
    const c = setup();
    expect(textInput(c, "eps").closest(".field")!.querySelector('input[type="range"]')).toBeNull();
  });

  test('the "GPT-2 small" preset sets n = 768 and is shown as pressed', () => {
    const c = setup();
    const button = screen.getByRole("button", { name: /^GPT-2 small 768$/ });
    expect(button.getAttribute("aria-pressed")).toBe("false");
    fireEvent.click(button);
    expect(textInput(c, "n").value).toBe("768");
    expect(valueOf(c, "epsilon")).toBeCloseRel(eps(768, 1e5));
    expect(screen.getByRole("button", { name: /^GPT-2 small 768$/ }).getAttribute("aria-pressed")).toBe("true");
    expect(screen.getByRole("button", { name: /Llama-3-8B/ }).getAttribute("aria-pressed")).toBe("false");
    expect(window.location.search).toContain("n=768");
  });

  test("every preset sets n to its width", () => {
    const c = setup();
    for (const [label, n] of [
      ["GPT-2 XL", 1600],
      ["Llama-3-70B", 8192],
      ["GPT-3", 12288],
    ] as const) {
      fireEvent.click(screen.getByRole("button", { name: new RegExp(label) }));
      expect(textInput(c, "n").value).toBe(String(n));
      expect(valueOf(c, "epsilon")).toBeCloseRel(eps(n, 1e5));
    }
  });

  test("the labels name the inputs", () => {
    setup();
    expect(screen.getByLabelText(/neurons/, { selector: 'input[type="text"]' }).getAttribute("name")).toBe("n");
    expect(screen.getByLabelText(/features/, { selector: 'input[type="text"]' }).getAttribute("name")).toBe("m");
    expect(screen.getByLabelText(/largest interference accepted/).getAttribute("name")).toBe("eps");
  });
});

describe("what the reader sees beyond the numbers", () => {
  test("ε above 1 (n = 8, m = 1.6 × 10⁸ gives 4.35) is said to have left the formula's range", () => {
    const c = setup();
    expect(c.querySelector('output[name="verdict"]')).toBeNull();
    typeInto(c, "n", "8");
    typeInto(c, "m", "160000000");
    expect(valueOf(c, "epsilon")).toBeCloseRel(eps(8, 1.6e8));
    expect(output(c, "epsilon").textContent).toBe("4.35");
    const verdict = output(c, "verdict");
    expect(verdict.getAttribute("data-value")).toBe("beyond-range");
    expect(verdict.textContent).toContain("exceed a whole signal");
    expect(verdict.textContent).toContain("left that range");
  });

  test("while a field cannot be read, the results are faded and said to be for the last valid input", () => {
    const c = setup();
    expect(c.querySelector(".calculator__stale")).toBeNull();
    typeInto(c, "n", "768");
    typeInto(c, "m", "lots");
    const note = c.querySelector(".calculator__stale-note");
    expect(note?.textContent).toContain("last valid input, n = 768, m = 100,000");
    const faded = c.querySelector(".calculator__stale")!;
    expect(faded.contains(output(c, "epsilon"))).toBe(true);
    expect(faded.getAttribute("aria-describedby")).toBe(note!.id);
    typeInto(c, "m", "1e6");
    expect(c.querySelector(".calculator__stale, .calculator__stale-note")).toBeNull();
  });

  test("the presets are buttons and, for a narrow box, a list that loads the same scenario", () => {
    const c = setup();
    const list = c.querySelector<HTMLSelectElement>(".presets select")!;
    const gpt2 = Array.from(list.options).find((o) => o.textContent?.startsWith("GPT-2 small"))!;
    list.value = gpt2.value;
    fireEvent.change(list);
    expect(textInput(c, "n").value).toBe("768");
    expect(list.value).toBe(gpt2.value);
    expect(c.querySelector('.presets button[aria-pressed="true"]')?.textContent).toContain("GPT-2 small");
  });
});
