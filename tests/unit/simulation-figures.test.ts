/**
 * The simulation page's figures: what they draw and say, and SVG snapshots in the manner of
 * figure-snapshots.test.ts (a difference writes NAME.changed.svg beside the committed file).
 * The snapshots use the JavaScript kernel, which is bit-for-bit the same on every platform.
 */
import { parseHTML } from "linkedom";
import { describe, expect, test } from "vitest";
import { epsilon, maxActiveFeatures } from "../../src/math/formulas.ts";
import { expectedMaxOverlap, rmsOverlap } from "../../src/math/random-directions.ts";
import { simulateSweepSync, type SweepResult } from "../../src/features/simulation/engine/sweep.ts";
import { describeNoiseModelsFigure, describeOverlapHistogram } from "../../src/features/simulation/figures/simulation-text.ts";
import { renderSvg } from "../../src/plot/render-svg.ts";
import { noiseModelsFigure, overlapHistogramFigure } from "../../src/features/simulation/figures/simulation-figures.ts";
import { expectSvgSnapshot } from "./svg-snapshot.ts";

function run(n: number, m: number, l: number): SweepResult {
  const outcome = simulateSweepSync({ n, m, l, seed: 1, trials: 50 }, "js");
  if (!outcome.ok) throw new Error(outcome.error.message);
  return outcome.result;
}

function svgOf(markup: string): Element {
  return parseHTML(`<!doctype html><html><body>${markup}</body></html>`).document.querySelector("svg") as unknown as Element;
}

const small = run(64, 256, 2);

describe("the noise-models figure", () => {
  test("draws three curves, the measured points, and says what they show", () => {
    const markup = renderSvg(noiseModelsFigure(small.params, small.points));
    expect(markup).not.toMatch(/NaN|Infinity|undefined/);
    const svg = svgOf(markup);
    expect(svg.getAttribute("aria-label")).toMatch(/Readout noise against active features l/);
    expect(svg.getAttribute("aria-description")).toBe(describeNoiseModelsFigure(small.params, small.points));
    expect(svg.querySelectorAll("g[aria-label='line'] path")).toHaveLength(3);
    // One circle per point on the typical curve, one square per point on the worst.
    const dots = svg.querySelectorAll("g[aria-label='dot'] > *");
    expect(dots).toHaveLength(2 * small.points.length);
    for (const g of Array.from(svg.querySelectorAll("g[aria-label]"))) expect(g.getAttribute("role")).toBe("group");
    expect(svg.textContent).toContain("threshold ½");
    expect(svg.textContent).toContain("n / (8 ln m)");
  });

  test("without points, draws only the curves (as before any run)", () => {
    const markup = renderSvg(noiseModelsFigure({ n: 4096, m: 100_000, l: 10 }));
    expect(markup).not.toMatch(/NaN|Infinity|undefined/);
    expect(svgOf(markup).querySelectorAll("g[aria-label='dot'] > *")).toHaveLength(0);
  });

  test("its description gives the crossings and how far the points are from the curves", () => {
    const text = describeNoiseModelsFigure(small.params, small.points);
    expect(text).toContain(`n/(8 ln m) = ${(64 / (8 * Math.log(256))).toFixed(2)}`);
    expect(text).toContain("n/4 = 16.");
    expect(text).toMatch(/Measured points at l = 1, 2, 4, 8, 16, 32: the RMS noise .* is 0\.9\d+ to 1\.0\d+ times √\(l\/n\)/);
    expect(describeNoiseModelsFigure({ n: 256, m: 2048, l: 4 })).not.toContain("Measured");
  });
});

describe("the overlap histogram", () => {
  test("draws a bar per non-empty bin and the three pairs of rules", () => {
    const markup = renderSvg(overlapHistogramFigure(small.params, small.overlaps));
    expect(markup).not.toMatch(/NaN|Infinity|undefined/);
    const svg = svgOf(markup);
    const bars = svg.querySelectorAll("g[aria-label='rect'] rect");
    expect(bars).toHaveLength(small.overlaps.histogram.counts.filter((c) => c > 0).length);
    expect(svg.querySelectorAll("g[aria-label='rule'] line")).toHaveLength(6);
    for (const label of ["1/√n", "√(4 ln m / n)", "ε (post)"]) expect(svg.textContent).toContain(label);
    expect(svg.getAttribute("aria-description")).toBe(describeOverlapHistogram(small.params, small.overlaps));
  });

  test("its description gives the pairs, the largest overlap and the marks", () => {
    const text = describeOverlapHistogram({ n: 256, m: 2048, l: 4 }, { maxAbs: 0.2983, pairs: 2_096_128 });
    expect(text).toContain("2.10 × 10⁶ pairwise overlaps of 2,048 random unit vectors in 256 dimensions");
    expect(text).toContain(`1/√n = ${rmsOverlap(256).toFixed(4)}`);
    expect(text).toContain(`√(4 ln m / n) = ${expectedMaxOverlap(256, 2048).toFixed(3)}`);
    expect(text).toMatch(/The largest in size is 0\.298, 14% below the expected largest/);
    expect(text).toContain(`ε = ${epsilon(256, 2048).toFixed(3)}`);
  });
});

const SNAPSHOTS: Record<string, () => string> = {
  "noise-models-small": () => renderSvg(noiseModelsFigure(small.params, small.points)),
  "overlap-histogram-small": () => renderSvg(overlapHistogramFigure(small.params, small.overlaps)),
  "noise-models-default-no-points": () => renderSvg(noiseModelsFigure({ n: 4096, m: 100_000, l: 10 })),
};

for (const [name, render] of Object.entries(SNAPSHOTS)) {
  test(`${name} matches its snapshot`, () => expectSvgSnapshot(name, render()));
}

test("the limit the figure marks is the post's", () => {
  expect(maxActiveFeatures(64, 256)).toBeCloseTo(64 / (8 * Math.log(256)), 15);
});
