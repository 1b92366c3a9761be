/**
 * Several calculators on one page share one scenario through the module store: what is typed in
 * one shows up in the others, with their results.
 */
import Calculator from "../../src/features/calculators/islands/Calculator.tsx";
import { CALCULATOR_NAMES } from "../../src/features/calculators/registry.ts";
import { fireEvent, render, screen, within } from "@testing-library/preact";
import { expect, test } from "vitest";
import { eps, levels, noise } from "./expected.ts";
import {
  addressQuery,
  calculator,
  expectCleanMarkup,
  expectInvalid,
  expectValid,
  slide,
  snapshotOutputs,
  textInput,
  typeInto,
  useCleanPage,
  valueOf,
} from "./helpers.tsx";

useCleanPage();

/** Every calculator of the registry on one page, sharing its scenario. */
function page() {
  const { container } = render(
    <>
      {CALCULATOR_NAMES.map((name) => (
        <Calculator key={name} name={name} />
      ))}
    </>,
  );
  const all = CALCULATOR_NAMES.map((name) => calculator(container, name));
  return {
    container,
    all,
    epsilon: calculator(container, "epsilon"),
    sparsity: calculator(container, "sparsity"),
    levels: calculator(container, "levels"),
  };
}

test("typing n in one calculator updates the n field and results of the others", () => {
  const p = page();
  typeInto(p.epsilon, "n", "768");
  expect(textInput(p.sparsity, "n").value).toBe("768");
  expect(textInput(p.levels, "n").value).toBe("768");
  expect(valueOf(p.epsilon, "epsilon")).toBeCloseRel(eps(768, 1e5));
  expect(valueOf(p.sparsity, "noise")).toBeCloseRel(noise(768, 1e5, 10));
  expect(valueOf(p.levels, "levels")).toBeCloseRel(levels(768, 1e5, 10));
});

test("it works the other way round, and for m and l", () => {
  const p = page();
  typeInto(p.levels, "m", "1e6");
  typeInto(p.levels, "l", "4");
  expect(textInput(p.epsilon, "m").value).toBe("1e6");
  expect(textInput(p.sparsity, "l").value).toBe("4");
  expect(valueOf(p.epsilon, "epsilon")).toBeCloseRel(eps(4096, 1e6));
  expect(valueOf(p.sparsity, "noise")).toBeCloseRel(noise(4096, 1e6, 4));
});

test("a slider in one calculator moves the fields of the others", () => {
  const p = page();
  slide(p.sparsity, "n", 100);
  expect(textInput(p.epsilon, "n").value).toBe("724");
  expect(valueOf(p.epsilon, "epsilon")).toBeCloseRel(eps(724, 1e5));
});

test("a preset in one calculator sets n everywhere", () => {
  const p = page();
  fireEvent.click(within(p.levels).getByRole("button", { name: /^GPT-2 small 768$/ }));
  for (const calc of p.all) {
    expect(textInput(calc, "n").value).toBe("768");
    expect(
      within(calc)
        .getByRole("button", { name: /^GPT-2 small 768$/ })
        .getAttribute("aria-pressed"),
    ).toBe("true");
  }
});

test("invalid text is shared too: every n field is flagged, every result stays", () => {
  const p = page();
  const before = snapshotOutputs(p.container);
  typeInto(p.sparsity, "n", "-5");
  for (const calc of p.all) {
    expect(textInput(calc, "n").value).toBe("-5");
    expectInvalid(calc, "n", /whole number ≥ 1/);
  }
  expect(snapshotOutputs(p.container)).toEqual(before);
  expectCleanMarkup(p.container);
  typeInto(p.epsilon, "n", "512");
  for (const calc of p.all) expectValid(calc, "n");
  expect(valueOf(p.levels, "noise")).toBeCloseRel(noise(512, 1e5, 10));
});

test("ids are unique on the page: every label and message points into its own field", () => {
  const p = page();
  typeInto(p.epsilon, "n", "x");
  const ids = Array.from(p.container.querySelectorAll("[id]")).map((e) => e.id);
  expect(new Set(ids).size).toBe(ids.length);
  for (const label of Array.from(p.container.querySelectorAll("label"))) {
    const target = document.getElementById(label.htmlFor);
    expect(target?.closest(".field")).toBe(label.closest(".field"));
  }
  expect(screen.getAllByRole("alert")).toHaveLength(3);
});

test("the address holds every field shown on the page", () => {
  const p = page();
  typeInto(p.sparsity, "n", "2048");
  const q = addressQuery();
  expect(Object.fromEntries(q)).toEqual({ n: "2048", m: "100000", l: "10", a: "1", k: "4", eps: "0.1" });
});

test("an island mounted later picks up the current scenario", () => {
  const first = render(<Calculator name="sparsity" />).container;
  typeInto(first, "n", "1600");
  const second = render(<Calculator name="epsilon" />).container;
  expect(textInput(second, "n").value).toBe("1600");
  expect(valueOf(second, "epsilon")).toBeCloseRel(eps(1600, 1e5));
});

test("an unmounted island stops listening and the others go on", () => {
  const a = render(<Calculator name="sparsity" />);
  const b = render(<Calculator name="epsilon" />).container;
  a.unmount();
  typeInto(b, "n", "300");
  expect(valueOf(b, "epsilon")).toBeCloseRel(eps(300, 1e5));
});
