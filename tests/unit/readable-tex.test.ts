/**
 * Formulas as search indexes them (src/site/integrations/readable-tex.ts and search-index.ts): the
 * LaTeX read as a line of text, brackets where a fraction or a root needs them to read right.
 */
import { describe, expect, test } from "vitest";
import { readableTex } from "../../src/site/integrations/readable-tex.ts";
import { withReadableFormulas } from "../../src/site/integrations/search-index.ts";

describe("readableTex", () => {
  test.each([
    ["\\varepsilon = \\sqrt{\\frac{8 \\ln m}{n}}", "ε = √((8 ln m)/n)"],
    ["\\max_{i \\neq j} |\\langle v_i, v_j \\rangle| \\ge \\sqrt{\\frac{m - n}{n (m - 1)}}", "max_(i ≠ j) |⟨v_i, v_j⟩ | ≥ √((m - n)/(n (m - 1)))"],
    ["l \\lesssim \\frac{n}{8 \\ln m}", "l ≲ n/(8 ln m)"],
    ["m \\lesssim e^{n/8}", "m ≲ e^(n/8)"],
    ["\\text{noise} \\approx \\varepsilon \\sqrt{l}", "noise ≈ ε √l"],
    ["100\\,000", "100\u202f000"],
    ["x \\in \\mathbb{R}^n", "x ∈ ℝ^n"],
  ])("%s reads %s", (tex, text) => {
    expect(readableTex(tex)).toBe(text);
  });

  test("an unknown command loses only its backslash", () => {
    expect(readableTex("\\foo{x}")).toBe("foox");
  });
});

describe("withReadableFormulas", () => {
  test("puts each formula's LaTeX, read and escaped, in place of its MathML", () => {
    const html =
      '<p>So <math><semantics><mrow><mi>l</mi><mo>&lt;</mo><mn>1</mn></mrow><annotation encoding="application/x-tex">l &lt; 1</annotation></semantics></math> holds.</p>';
    expect(withReadableFormulas(html)).toBe("<p>So <span>l &lt; 1</span> holds.</p>");
  });
});
