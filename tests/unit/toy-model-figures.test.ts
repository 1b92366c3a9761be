/**
 * The toy model's figures: what they draw and say at both widths (no NaN, accessible mark groups,
 * square heat-map cells, one arrow per feature), their text descriptions, and SVG snapshots in the
 * manner of figure-snapshots.test.ts. The runs use the JavaScript kernel and fixed seeds.
 */
import { parseHTML } from "linkedom";
import { describe, expect, test } from "vitest";
import { measureToyModel } from "../../src/features/toy-model/engine/measure.ts";
import { summarizeToyModel, type ToyModelRun } from "../../src/features/toy-model/engine/summary.ts";
import { trainToyModelSync } from "../../src/features/toy-model/engine/train.ts";
import { NARROW_FIGURE, WIDE_FIGURE } from "../../src/plot/figure-size.ts";
import { renderSvg } from "../../src/plot/render-svg.ts";
import { featuresFigure, gramFigure, lossFigure } from "../../src/features/toy-model/figures/toy-model-figures.ts";
import { planeFigure } from "../../src/features/toy-model/figures/toy-model-plane.ts";
import {
  describeFeaturesFigure,
  describeGramFigure,
  describeLossFigure,
  describePlaneFigure,
  settingsText,
} from "../../src/features/toy-model/figures/toy-model-text.ts";
import { expectSvgSnapshot } from "./svg-snapshot.ts";

function trained(settings: { n: number; m: number; sparsity: number; importance: number; steps: number; seed: number }): ToyModelRun {
  const outcome = trainToyModelSync(settings, "js");
  if (!outcome.ok) throw new Error(outcome.error.message);
  return { result: outcome.result, measured: measureToyModel(outcome.result, 500) };
}

function svgOf(markup: string): Element {
  return parseHTML(`<!doctype html><html><body>${markup}</body></html>`).document.querySelector("svg") as unknown as Element;
}

const PENTAGON = trained({ n: 2, m: 5, sparsity: 0.99, importance: 0.9, steps: 4000, seed: 0 });
const SMALL = trained({ n: 6, m: 24, sparsity: 0.95, importance: 0.9, steps: 400, seed: 1 });
const SIZES = { wide: WIDE_FIGURE, narrow: NARROW_FIGURE };

describe.each(Object.entries(SIZES))("at the %s width", (_, size) => {
  test("every figure renders with a title, a description, grouped marks and no NaN", () => {
    const figures = [
      gramFigure(SMALL, size),
      featuresFigure(SMALL, size),
      lossFigure(SMALL, size),
      planeFigure([{ label: "pentagon", run: PENTAGON }], size),
    ];
    for (const options of figures) {
      const markup = renderSvg(options);
      expect(markup).not.toMatch(/NaN|Infinity|undefined/);
      const svg = svgOf(markup);
      expect(svg.getAttribute("aria-label")!.length).toBeGreaterThan(10);
      expect(svg.getAttribute("aria-description")!.length).toBeGreaterThan(40);
      for (const g of Array.from(svg.querySelectorAll("g[aria-label]"))) expect(g.getAttribute("role")).toBe("group");
      // Drawn for the width asked, never wider (a phone's panel has no room).
      expect(Number(svg.getAttribute("width"))).toBeLessThanOrEqual(size.width);
      // No text below 10 px.
      for (const t of Array.from(svg.querySelectorAll("[font-size]"))) expect(parseFloat(t.getAttribute("font-size")!)).toBeGreaterThanOrEqual(10);
    }
  });

  test("the heat map draws square cells, blue for positive and red for negative entries, and leaves near-zero ones out", () => {
    const svg = svgOf(renderSvg(gramFigure(SMALL, size)));
    const paths = Array.from(svg.querySelectorAll("path[fill-opacity]"));
    const colours = new Set(paths.map((p) => p.getAttribute("fill")));
    expect(colours).toEqual(new Set(["var(--accent)", "var(--danger)"]));
    const cells = paths.flatMap((p) => p.getAttribute("d")!.match(/M[^M]+/g) ?? []);
    const m = SMALL.measured.m;
    const scale = Math.max(...SMALL.measured.gram.flat().map(Math.abs));
    const visible = SMALL.measured.gram.flat().filter((v) => Math.round((Math.abs(v) / scale) * 20) > 0).length;
    expect(cells).toHaveLength(visible);
    expect(visible).toBeLessThanOrEqual(m * m);
    // Every cell the same relative square: h w v h h −w z.
    const outlines = new Set(cells.map((c) => c.replace(/^M[^h]+/, "")));
    expect(outlines.size).toBe(1);
    const [, w, h] = /^h([\d.]+)v([\d.]+)h-[\d.]+z$/.exec([...outlines][0]!)!;
    expect(Number(w)).toBeCloseTo(Number(h), 1);
  });
});

describe("what the figures draw", () => {
  test("the bars: one up per feature, one down per represented feature, and the line at ½", () => {
    const svg = svgOf(renderSvg(featuresFigure(SMALL)));
    const groups = Array.from(svg.querySelectorAll("g[aria-label='rect']"));
    expect(groups[0]!.querySelectorAll("rect")).toHaveLength(SMALL.measured.m);
    expect(groups[1]!.querySelectorAll("rect")).toHaveLength(summarizeToyModel(SMALL).represented);
    expect(svg.querySelectorAll("g[aria-label='rule'] line")).toHaveLength(2);
  });

  test("the plane: a circle per model, an arrow (shaft and two barbs) per feature, a number per represented feature", () => {
    const panels = [
      { label: "pentagon", run: PENTAGON },
      { label: "again", run: PENTAGON },
    ];
    const svg = svgOf(renderSvg(planeFigure(panels)));
    const lines = Array.from(svg.querySelectorAll("g[aria-label='line']"));
    expect(lines[0]!.querySelectorAll("path")).toHaveLength(2);
    expect(lines[1]!.querySelectorAll("path")).toHaveLength(2 * 5);
    expect(lines[2]!.querySelectorAll("path")).toHaveLength(2 * 5 * 2);
    const texts = Array.from(svg.querySelectorAll("text"), (t) => t.textContent);
    expect(texts.filter((t) => /^[1-5]$/.test(t ?? ""))).toHaveLength(10);
    expect(texts).toContain("pentagon");
    // Equal scales: a model's circle is as wide as it is tall.
    const circle = lines[0]!.querySelector("path")!.getAttribute("d")!;
    const points = Array.from(circle.matchAll(/[ML]([\d.]+),([\d.]+)/g), (p) => [Number(p[1]), Number(p[2])]);
    const span = (k: number) => Math.max(...points.map((p) => p[k]!)) - Math.min(...points.map((p) => p[k]!));
    expect(span(0)).toBeCloseTo(span(1), 0);
  });

  test("the plane of a model that is not two-dimensional is empty, and says so in its description", () => {
    expect(planeFigure([{ label: "twenty", run: SMALL }]).ariaDescription).not.toContain("twenty");
  });

  test("the loss curve has one point per interval of the training", () => {
    const svg = svgOf(renderSvg(lossFigure(SMALL)));
    const d = svg.querySelector("g[aria-label='line'] path")!.getAttribute("d")!;
    expect(d.match(/[ML]/g)).toHaveLength(SMALL.result.history.length);
  });
});

describe("the descriptions", () => {
  const s = summarizeToyModel(PENTAGON);

  test("say what each figure shows, with the run's own numbers", () => {
    expect(settingsText(s.settings)).toBe("n = 2, m = 5, S = 0.99, r = 0.9, 4,000 steps, seed 0");
    expect(describeGramFigure(s)).toMatch(
      /5 × 5 matrix WᵀW .* n = 2 neurons.*5 of the 5 features are represented \(‖Wᵢ‖ > ½\); none is dropped.*no pair of represented features/,
    );
    expect(describeFeaturesFigure(s)).toMatch(/Bar chart of the 5 features.*5 of the 5 features are represented/);
    expect(describeLossFigure(s)).toContain(`from ${s.firstLoss.toPrecision(3)}`);
    expect(describeLossFigure(s)).toContain("averaged over 20 steps at a time");
    const plane = describePlaneFigure([{ label: "very sparse", summary: s }]);
    expect(plane).toMatch(/very sparse: 5 of 5 features represented, neighbours (7\d\.\d°, ){4}7\d\.\d° apart going round\./);
  });

  test("describe dropped features and antipodal pairs when there are some", () => {
    const dense = summarizeToyModel(trained({ n: 2, m: 5, sparsity: 0.7, importance: 0.9, steps: 4000, seed: 1 }));
    expect(describeGramFigure(dense)).toMatch(
      /4 of the 5 features are represented \(‖Wᵢ‖ > ½\); the other 1 is dropped.*2 pairs of represented features point in nearly opposite directions/,
    );
    expect(describePlaneFigure([{ label: "S = 0.7", summary: dense }])).toMatch(
      /S = 0\.7: 4 of 5 features represented, neighbours .* apart going round; 2 pairs antipodal\./,
    );
  });
});

const SNAPSHOTS: Record<string, () => string> = {
  "toy-model-gram-small": () => renderSvg(gramFigure(SMALL)),
  "toy-model-gram-small-narrow": () => renderSvg(gramFigure(SMALL, NARROW_FIGURE)),
  "toy-model-features-small": () => renderSvg(featuresFigure(SMALL)),
  "toy-model-loss-small": () => renderSvg(lossFigure(SMALL)),
  "toy-model-plane-pentagon": () => renderSvg(planeFigure([{ label: "very sparse, S = 0.99", run: PENTAGON }])),
  "toy-model-plane-pentagon-narrow": () => renderSvg(planeFigure([{ label: "very sparse, S = 0.99", run: PENTAGON }], NARROW_FIGURE)),
};

for (const [name, render] of Object.entries(SNAPSHOTS)) {
  test(`${name} matches its snapshot`, () => expectSvgSnapshot(name, render()));
}
