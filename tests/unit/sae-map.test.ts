/**
 * The map of SAEs on the post's limits (src/plot/sae-map.ts), shared by /real-saes/ and the
 * dictionary page: its axis reaches every row's limits and L0, and a highlighted row is drawn apart.
 */
import { describe, expect, it } from "vitest";
import { WIDE_FIGURE } from "../../src/plot/figure-size.ts";
import { renderSvg } from "../../src/plot/render-svg.ts";
import { saeMapFigure, type SaeMapRow } from "../../src/plot/sae-map.ts";

const words = { title: "A map", description: "Rows on the post's limits.", xLabel: "latents active per token →" };
const rows: (SaeMapRow & { mine: boolean })[] = [
  { label: "mine", l0: 2, lMax: 30, typical: 576, mine: true },
  { label: "theirs", l0: 82, lMax: 30, typical: 576, mine: false },
];

describe("saeMapFigure", () => {
  it("runs its log axis from half the smallest limit or L0 to twice the largest", () => {
    expect(saeMapFigure(rows, words, WIDE_FIGURE).x).toMatchObject({ type: "log", domain: [1, 1152], label: words.xLabel });
    expect(saeMapFigure([rows[1]!], words, WIDE_FIGURE).x).toMatchObject({ domain: [15, 1152] });
  });

  it("draws a highlighted row's dot larger and its name in bold, and no such marks when none is highlighted", () => {
    const highlighted = renderSvg(saeMapFigure(rows, { ...words, highlighted: (r) => r.mine }, WIDE_FIGURE));
    expect(highlighted).toMatch(/r="7"/);
    expect(highlighted).toMatch(/font-weight="700"/);
    const plain = renderSvg(saeMapFigure(rows, words, WIDE_FIGURE));
    expect(plain).not.toMatch(/r="7"|font-weight="700"/);
    expect(plain).toContain("mine");
    expect(plain).not.toMatch(/NaN|Infinity|undefined/);
  });

  it("is one row per SAE high, plus its frame", () => {
    expect(saeMapFigure(rows, words, WIDE_FIGURE).height).toBe(64 + 44 * 2);
  });
});
