/**
 * Every field of every calculator, given text it must reject: the field is marked invalid, a
 * message tied to it says what is allowed, the results keep their last valid values, and nothing
 * typed reaches the page as markup.
 */
import Calculator from "../../src/features/calculators/islands/Calculator.tsx";
import { CALCULATOR_NAMES, CALCULATORS } from "../../src/features/calculators/registry.ts";
import { render } from "@testing-library/preact";
import { describe, expect, test } from "vitest";
import {
  addressQuery,
  expectCleanMarkup,
  expectInvalid,
  expectValid,
  slider,
  snapshotOutputs,
  textInput,
  typeInto,
  useCleanPage,
} from "./helpers.tsx";

useCleanPage();

const XSS = "<img src=x onerror=alert(1)>";
const COMMON = ["", "   ", "abc", "-3", "0", "-0", "1e400", XSS, "Infinity", "NaN", "0x10", "1e", "--1", "1/2"];
const COUNT_ONLY = ["1.5", "2.5e0"];

/** What each field's message must say is allowed, the bad texts to try, and a valid text to recover with. */
const FIELDS = {
  n: { allowed: /whole number ≥ 1/, bad: [...COMMON, ...COUNT_ONLY], valid: "768" },
  m: { allowed: /whole number ≥ 2/, bad: [...COMMON, ...COUNT_ONLY, "1"], valid: "1000" },
  l: { allowed: /whole number from 1 to m/, bad: [...COMMON, ...COUNT_ONLY], valid: "3" },
  a: { allowed: /number > 0/, bad: COMMON, valid: "2" },
  k: { allowed: /number > 0/, bad: COMMON, valid: "3" },
  eps: { allowed: /number > 0 and at most 1/, bad: [...COMMON, "2", "1.0001"], valid: "0.2" },
} as const;
type FieldName = keyof typeof FIELDS;

/** Every field of every calculator, the "work backwards" ones included. */
const cases = CALCULATOR_NAMES.flatMap((calc) => {
  const spec = CALCULATORS[calc];
  return [...spec.fields, ...(spec.inverse?.fields ?? [])].map((field) => ({ calc, field: field as FieldName }));
});

describe.each(cases)("$calc calculator, field $field", ({ calc, field }) => {
  const spec = FIELDS[field];

  test.each(spec.bad.map((text) => [JSON.stringify(text), text]))("rejects %s and keeps the last results", (_, text) => {
    const { container: c } = render(<Calculator name={calc} />);
    // Start from a changed, valid scenario so "last valid" is not just the defaults.
    typeInto(c, field, spec.valid);
    expectValid(c, field);
    const before = snapshotOutputs(c);
    const query = addressQuery().get(field);
    const sliderBefore = field in { n: 1, m: 1, l: 1, a: 1 } ? slider(c, field).value : undefined;

    typeInto(c, field, text);

    // The reader's text stays in the box, the box is flagged and explained.
    expect(textInput(c, field).value).toBe(text);
    const message = expectInvalid(c, field, spec.allowed);
    expect(message.getAttribute("role")).toBe("alert");
    expect(c.querySelector(".field--invalid")).not.toBeNull();
    // Results and the address keep the last valid scenario.
    expect(snapshotOutputs(c)).toEqual(before);
    expect(addressQuery().get(field)).toBe(query);
    if (sliderBefore !== undefined) {
      expect(slider(c, field).value).toBe(sliderBefore);
      expect(slider(c, field).getAttribute("aria-describedby")).toBe(textInput(c, field).getAttribute("aria-describedby"));
    }
    expectCleanMarkup(c);
    expect(document.body.querySelector("img")).toBeNull();

    // Recovery: a valid value clears the flag and the message.
    typeInto(c, field, spec.valid === "768" ? "1024" : spec.valid);
    expectValid(c, field);
    expect(c.querySelector(".field__error")).toBeNull();
    expectCleanMarkup(c);
  });
});

describe("the relation l ≤ m", () => {
  test.each(["sparsity", "levels"] as const)("%s: typing l > m flags l, keeps the results, and clears once m is large enough", (name) => {
    const { container: c } = render(<Calculator name={name} />);
    const before = snapshotOutputs(c);
    typeInto(c, "l", "200000");
    expectInvalid(c, "l", /l cannot exceed m|at most/);
    // Either field can be corrected, so both say why.
    expectInvalid(c, "m", /l cannot exceed m|at most/);
    expect(snapshotOutputs(c)).toEqual(before);
    expect(addressQuery().get("l")).toBe("10");
    expectCleanMarkup(c);
    // Raising m makes the pair valid: both take effect.
    typeInto(c, "m", "1e6");
    expectValid(c, "l");
    expectValid(c, "m");
    expect(addressQuery().get("l")).toBe("200000");
    expect(snapshotOutputs(c)).not.toEqual(before);
  });

  test("typing m < l flags both l and m and keeps the results", () => {
    const { container: c } = render(<Calculator name="sparsity" />);
    const before = snapshotOutputs(c);
    typeInto(c, "m", "5");
    expectInvalid(c, "m", /cannot exceed m|at most/);
    expectInvalid(c, "l", /cannot exceed m|at most/);
    expect(snapshotOutputs(c)).toEqual(before);
    typeInto(c, "l", "5");
    // l = 5 with the typed m = 5 is a valid pair.
    expectValid(c, "l");
    expectValid(c, "m");
    expect(addressQuery().get("m")).toBe("5");
  });

  test("a slider that would push l past m is refused the same way", () => {
    const { container: c } = render(<Calculator name="sparsity" />);
    typeInto(c, "m", "100");
    const before = snapshotOutputs(c);
    slider(c, "l").value = "200";
    typeInto(c, "l", "100000");
    expectInvalid(c, "l", /cannot exceed m/);
    expect(snapshotOutputs(c)).toEqual(before);
    expectCleanMarkup(c);
  });
});

test("two invalid fields at once: each has its own message; fixing one leaves the other flagged", () => {
  const { container: c } = render(<Calculator name="levels" />);
  const before = snapshotOutputs(c);
  typeInto(c, "n", "abc");
  typeInto(c, "a", "-1");
  const nMessage = expectInvalid(c, "n", /whole number ≥ 1/);
  const aMessage = expectInvalid(c, "a", /number > 0/);
  expect(nMessage.id).not.toBe(aMessage.id);
  expect(snapshotOutputs(c)).toEqual(before);
  typeInto(c, "n", "2048");
  expectValid(c, "n");
  expectInvalid(c, "a", /number > 0/);
  expect(snapshotOutputs(c)).not.toEqual(before);
  expectCleanMarkup(c);
});

test("typed markup is shown as text in the box, never parsed", () => {
  const { container: c } = render(<Calculator name="sparsity" />);
  typeInto(c, "n", `"><script>window.__pwned = 1</script><b>bold</b>`);
  expect(c.querySelector("script, b")).toBeNull();
  expect((window as unknown as { __pwned?: number }).__pwned).toBeUndefined();
  expect(textInput(c, "n").value).toContain("<script>");
  expectCleanMarkup(c);
});
