/**
 * The social-card renderer (src/site/social/card.ts): its small formula notation, the clean-up that
 * makes a page's figure a standalone image, and the PNG it draws.
 */
import { Resvg } from "@resvg/resvg-js";
import { describe, expect, it, test } from "vitest";
import { fallbackPalette, PALETTE } from "../../src/site/palette.ts";
import { calculatorFigure } from "../../src/features/calculators/components/prerendered-figure.ts";
import { renderSvg } from "../../src/plot/render-svg.ts";
import { formulaNodes, formulaText, renderCard, standaloneFigure } from "../../src/site/social/card.ts";

const pngSize = (png: Uint8Array) => {
  const view = Buffer.from(png);
  return { signature: view.subarray(0, 8).toString("hex"), width: view.readUInt32BE(16), height: view.readUInt32BE(20) };
};

describe("card formulas", () => {
  test("read as plain text for alt text", () => {
    expect(formulaText("ε = √{8 ln m / n}")).toBe("ε = √(8 ln m / n)");
    expect(formulaText("m ≲ e^{nε²/8}")).toBe("m ≲ e^(nε²/8)");
    expect(formulaText("√{a^{2} + b}")).toBe("√(a^(2) + b)");
  });

  test("lay out superscripts and roots as nested boxes, and refuse unbalanced braces", () => {
    const nodes = formulaNodes("m ≲ e^{n/8}", 40);
    expect(nodes).toHaveLength(2);
    expect(JSON.stringify(nodes[1])).toContain("n/8");
    expect(() => formulaNodes("√{8 ln m", 40)).toThrow(/unbalanced/);
  });
});

describe("a page's figure on a card", () => {
  const svg = standaloneFigure(renderSvg(calculatorFigure("levels")));

  test("keeps no CSS variables, ARIA text or page styles, and is well-formed XML", () => {
    expect(svg).not.toMatch(/var\(--|aria-|<style/);
    expect(svg).toContain('xmlns="http://www.w3.org/2000/svg"');
    expect(() => new Resvg(svg)).not.toThrow();
  });

  test("widens its view box so end-of-line labels are not cut off", () => {
    const width = Number(/\swidth="(\d+)"/.exec(svg)?.[1]);
    expect(/viewBox="0 0 (\d+) /.exec(svg)?.[1]).toBe(String(width));
    expect(width).toBeGreaterThan(640);
  });
});

describe("renderCard", () => {
  const site = { site: "Costs of superposition, worked", credit: "A companion" };

  test.each([
    ["formulas", { title: "Formula reference", formulas: ["ε = √{8 ln m / n}", "l ≲ n / (8 ln m)"] }],
    ["a figure", { title: "Cost two", figureSvg: standaloneFigure(renderSvg(calculatorFigure("levels"))) }],
    ["only a description", { title: "A page without a card field", description: "What it is about, in one sentence." }],
  ])(
    "draws a 1200 × 630 PNG with %s",
    async (_, content) => {
      const png = await renderCard({ ...site, ...content });
      expect(pngSize(png)).toEqual({ signature: "89504e470d0a1a0a", width: 1200, height: 630 });
      expect(png.length).toBeGreaterThan(10_000);
    },
    20_000,
  );
});

describe("the palette", () => {
  it("is read from the stylesheet, and its fallback for older browsers is its light half", () => {
    expect(PALETTE.light.accent).toMatch(/^#[0-9a-f]{6}$/i);
    expect(Object.keys(PALETTE.dark).sort()).toEqual(Object.keys(PALETTE.light).sort());
    expect(fallbackPalette()).toEqual(PALETTE.light);
  });

  it("reaches the card: every colour of a figure resolves to a palette colour, none stays a variable", () => {
    const svg = standaloneFigure(renderSvg(calculatorFigure("sparsity")));
    expect(svg).not.toMatch(/var\(/);
    expect(svg).toContain(PALETTE.light.accent);
  });
});
