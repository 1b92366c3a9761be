/**
 * The phase change and feature dimensionality on /trained-toy-models/ as built: the islands idle
 * with their fields and Run buttons; the prerendered tables of every cell (the conventions: a
 * `<td data-phase data-density data-importance>` per cell inside `[data-phase-diagram]`), their
 * centres where the grid puts them, and — the result that matters — every cell far from the
 * boundary in the phase an independent computation of the theory predicts, here in the test:
 * the exact loss minimised again (optimalPhases, called on the table's own densities and
 * importances, not read from the build) and, where it applies, the canonical boundary's closed form
 * written out below; the two-neuron grid's phases where the text describes them; the sweep's ½
 * plateau within a tolerance derived from the fractions; the figures at both widths with their
 * texts and files; and every number the text quotes, against the islands or computed again.
 */
import { existsSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, test } from "vitest";
import { optimalBoundaryDensity, optimalPhases } from "../../src/features/toy-model/engine/phase-theory.ts";
import { builtPageExists, DIST, loadPage } from "./built-site.ts";

const PATH = "/trained-toy-models/";

beforeAll(() => {
  if (!builtPageExists(PATH)) throw new Error(`No ${PATH} in ${DIST}: run \`npm run build\` first (npm test does).`);
});

// Parsed once: the page is long, and every check reads it.
let page: Document | undefined;
const doc = () => (page ??= loadPage(PATH));
const diagram = (shape: string) => doc().querySelector<HTMLElement>(`[data-phase-diagram="${shape}"]`)!;
const cellsOf = (root: Element) => Array.from(root.querySelectorAll<HTMLTableCellElement>("td[data-phase]"));

/** Cell centres on a log axis, written out here: lo·(hi/lo)^((i + ½)/n). */
const centres = (lo: number, hi: number, n: number) => Array.from({ length: n }, (_, i) => lo * (hi / lo) ** ((i + 0.5) / n));

/** The canonical boundary's closed form (superposition beats the more important feature alone below it). */
const canonical = (r: number) => (r <= 1 ? (4 * r) / (2 + 5 * r) : 4 / (5 + 2 * r));

/** Runs of neighbouring cells in one phase along the table's rows. */
function runs(root: Element): number {
  let count = 0;
  for (const row of Array.from(root.querySelectorAll("tbody tr"))) {
    const phases = Array.from(row.querySelectorAll<HTMLTableCellElement>("td[data-phase]"), (td) => td.dataset.phase);
    count += phases.filter((phase, i) => i === 0 || phase !== phases[i - 1]).length;
  }
  return count;
}

/** The margin above which a cell counts as far from the boundary (the engine's FAR_MARGIN, with its survey). */
const FAR = 0.3;

describe.each([
  ["one-neuron", 20, ["feature-1", "feature-2", "superposition"]],
  ["two-neurons", 12, ["extra-dropped", "extra-dedicated", "superposition", "other"]],
] as const)("the prerendered %s phase diagram", (shape, cells, phases) => {
  test("is idle, with the seed and restarts fields and a Run button, and no Cancel", () => {
    const root = diagram(shape);
    expect(root, `no [data-phase-diagram="${shape}"]`).not.toBeNull();
    expect(root.getAttribute("data-state")).toBe("idle");
    expect(root.querySelector('input[name="phaseSeed"]')?.getAttribute("value")).toBe("0");
    expect(root.querySelector('input[name="restarts"]')?.getAttribute("value")).toBe("8");
    const buttons = Array.from(root.querySelectorAll("button"), (b) => b.textContent?.trim());
    expect(buttons).toContain("Run");
    expect(buttons).not.toContain("Cancel");
    expect(root.querySelector("[data-phase-summary]")?.textContent).toContain(
      `${cells} × ${cells} cells, 8 models of 1,000 steps per cell, seed 0, made when this page was built`,
    );
  });

  test(`has a table of its ${cells * cells} cells, each once, at the grid's centres, in one of the shape's phases`, () => {
    const tds = cellsOf(diagram(shape));
    expect(tds).toHaveLength(cells * cells);
    const densities = centres(0.01, 1, cells);
    const importances = centres(0.1, 10, cells);
    const seen = new Set<string>();
    for (const td of tds) {
      expect(phases).toContain(td.dataset.phase);
      const p = Number(td.dataset.density);
      const r = Number(td.dataset.importance);
      expect(
        densities.some((d) => Math.abs(d / p - 1) < 1e-12),
        `density ${p}`,
      ).toBe(true);
      expect(
        importances.some((i) => Math.abs(i / r - 1) < 1e-12),
        `importance ${r}`,
      ).toBe(true);
      seen.add(`${p} ${r}`);
    }
    expect(seen.size).toBe(cells * cells);
  });

  test("has its figure at both widths, with a title, a text description, a caption and its files", () => {
    const figure = diagram(shape).querySelector("[data-figure='phase-diagram']")!;
    const svgs = Array.from(figure.querySelectorAll(".figure__variant--wide svg, .figure__variant--narrow svg"));
    expect(svgs).toHaveLength(2);
    for (const svg of svgs) {
      expect(svg.getAttribute("aria-label")).toMatch(/^Phase diagram of the toy model/);
      expect(svg.getAttribute("aria-description")).toContain(`${cells} × ${cells} cells`);
      for (const g of Array.from(svg.querySelectorAll("g[aria-label]"))) expect(g.getAttribute("role")).toBe("group");
      // One rectangle per run of neighbouring cells of a row in one phase, as the table has them
      // (the key's swatches are drawn as symbols, not rectangles).
      expect(svg.querySelectorAll("rect").length).toBe(runs(diagram(shape)));
    }
    expect(figure.querySelector("figcaption")?.textContent?.length).toBeGreaterThan(60);
    const links = Array.from(figure.querySelectorAll<HTMLAnchorElement>("a[data-figure-download]"), (a) => a.getAttribute("href"));
    expect(links).toEqual([`/figures/toy-phase-${shape}.svg`, `/figures/toy-phase-${shape}.png`]);
    for (const href of links) expect(existsSync(join(DIST, href!.slice(1))), href!).toBe(true);
  });
});

describe("the one-neuron grid against the theory, computed again here", () => {
  test(
    "every cell far from the boundary is in the phase of lowest exact expected loss, and the table's theory is that phase",
    { timeout: 120_000 },
    () => {
      const tds = cellsOf(diagram("one-neuron"));
      let far = 0;
      const wrong: string[] = [];
      for (const td of tds) {
        const theory = optimalPhases(Number(td.dataset.density), Number(td.dataset.importance));
        expect(td.dataset.theory).toBe(theory.phase);
        if (theory.margin <= FAR) continue;
        far++;
        if (td.dataset.phase !== theory.phase)
          wrong.push(`p=${td.dataset.density} r=${td.dataset.importance}: ${td.dataset.phase}, theory ${theory.phase}`);
      }
      // Most of the grid is far from the boundary.
      expect(far).toBeGreaterThan(300);
      expect(wrong).toEqual([]);
    },
  );

  test("every cell well inside the canonical boundary (p below 0.8 of 4r/(2 + 5r) or 4/(5 + 2r)) keeps both features", () => {
    const inside = cellsOf(diagram("one-neuron")).filter((td) => Number(td.dataset.density) < 0.8 * canonical(Number(td.dataset.importance)));
    expect(inside.length).toBeGreaterThan(200);
    expect(inside.filter((td) => td.dataset.phase !== "superposition").map((td) => `${td.dataset.density} ${td.dataset.importance}`)).toEqual([]);
  });

  test("marks with × exactly the cells whose phase is not the theory's", () => {
    for (const td of cellsOf(diagram("one-neuron"))) {
      expect(td.textContent!.includes("×"), `${td.dataset.density} ${td.dataset.importance}`).toBe(td.dataset.phase !== td.dataset.theory);
    }
  });
});

test("the two-neuron grid keeps all three features at sparse inputs; at the densest it drops an unimportant extra feature and gives an important one a dimension", () => {
  const tds = cellsOf(diagram("two-neurons"));
  const at = (column: number, row: number) => {
    const p = centres(0.01, 1, 12)[column]!;
    const r = centres(0.1, 10, 12)[row]!;
    return tds.find((td) => Math.abs(Number(td.dataset.density) / p - 1) < 1e-12 && Math.abs(Number(td.dataset.importance) / r - 1) < 1e-12)!.dataset
      .phase;
  };
  for (let row = 0; row < 12; row++) expect(at(0, row), `sparsest column, row ${row}`).toBe("superposition");
  expect(at(11, 0)).toBe("extra-dropped");
  expect(at(11, 11)).toBe("extra-dedicated");
  expect(tds.filter((td) => td.dataset.phase === "superposition").length).toBeGreaterThan(tds.length / 2);
});

describe("the prerendered dimensionality sweep", () => {
  const root = () => doc().querySelector<HTMLElement>("[data-dimensionality-sweep]")!;
  const rows = () => Array.from(root().querySelectorAll<HTMLTableRowElement>("tbody tr"));

  test("is idle with its seed field and Run button, and a table of its 14 models", () => {
    expect(root().getAttribute("data-state")).toBe("idle");
    expect(root().querySelector('input[name="sweepSeed"]')?.getAttribute("value")).toBe("0");
    expect(Array.from(root().querySelectorAll("button"), (b) => b.textContent?.trim())).toContain("Run");
    expect(rows()).toHaveLength(14);
    const x = rows().map((r) => Number(r.dataset.inverseDensity));
    expect(x[0]).toBeCloseTo(1.25, 12);
    expect(x.at(-1)).toBeCloseTo(25, 12);
    for (const r of rows()) expect(Number(r.dataset.dimensionsPerFeature)).toBeGreaterThan(0);
  });

  test("shows the ½ plateau of antipodal pairs: two neighbouring models within 0.05 of ½", () => {
    // 0.05 is half the distance from ½ to the nearest other sticky fraction, ⅖: a value within it
    // can be read as ½ and nothing else.
    const values = rows().map((r) => Number(r.dataset.dimensionsPerFeature));
    const near = values.map((v) => Math.abs(v - 0.5) <= 0.05);
    expect(near.some((v, i) => v && near[i + 1])).toBe(true);
    expect(root().querySelector("[data-sweep-summary]")?.textContent).toMatch(/at ½ \(digon, an antipodal pair\) for 1\/\(1 − S\) from/);
  });

  test("has models with several features at ⅖ and at ⅜, as the text says", () => {
    const counts = rows().map((r) => r.querySelectorAll("td")[2]!.textContent!);
    const several = (fraction: string) => counts.some((text) => Number(text.match(new RegExp(`${fraction}: (\\d+)`))?.[1] ?? 0) >= 2);
    expect(several("⅖")).toBe(true);
    expect(several("⅜")).toBe(true);
  });

  test("has its three figures at both widths, with texts and files", () => {
    const figures = Array.from(root().querySelectorAll("figure"));
    expect(figures.map((f) => f.getAttribute("data-figure"))).toEqual(["dimensionality", "post-count", "overlaps"]);
    for (const figure of figures) {
      const svgs = figure.querySelectorAll(".figure__variant--wide svg, .figure__variant--narrow svg");
      expect(svgs).toHaveLength(2);
      for (const svg of Array.from(svgs)) expect(svg.getAttribute("aria-description")?.length).toBeGreaterThan(100);
      const file = figure.querySelector<HTMLAnchorElement>("a[data-figure-download='svg']")!.getAttribute("href")!;
      expect(existsSync(join(DIST, file.slice(1))), file).toBe(true);
    }
  });
});

describe("the numbers the text quotes", () => {
  const quoted = (name: string) => doc().querySelector(`[data-phase-number="${name}"]`)?.textContent?.trim();

  test("are the ones the islands show", { timeout: 120_000 }, () => {
    const one = diagram("one-neuron");
    const tds = cellsOf(one);
    expect(quoted("cells")).toBe(String(tds.length));
    expect(quoted("agree")).toBe(String(tds.filter((td) => td.dataset.phase === td.dataset.theory).length));
    const far = tds.filter((td) => optimalPhases(Number(td.dataset.density), Number(td.dataset.importance)).margin > FAR);
    expect(quoted("far")).toBe(String(far.length));
    expect(quoted("far-agree")).toBe(String(far.filter((td) => td.dataset.phase === td.dataset.theory).length));
    const summary = one.querySelector("[data-phase-summary]")!.textContent!;
    expect(summary).toContain(
      `In ${quoted("mixed")} of ${quoted("cells")} cells at least one of the ${quoted("restarts")} models ended in another phase`,
    );
    const two = cellsOf(diagram("two-neurons"));
    expect(quoted("two-cells")).toBe(String(two.length));
    expect(quoted("two-superposition")).toBe(String(two.filter((td) => td.dataset.phase === "superposition").length));
    const sweep = doc().querySelector("[data-dimensionality-sweep]")!;
    const sweepText = sweep.textContent!;
    for (const name of [
      "half-from",
      "half-to",
      "half-kept",
      "half-per-neuron",
      "half-post-per-neuron",
      "dense-kept",
      "dense-inverse",
      "sparse-inverse",
      "sparse-kept",
      "sparse-per-neuron",
      "sparse-post-per-neuron",
      "sparse-rms",
      "sparse-welch",
    ]) {
      expect(sweepText, name).toContain(quoted(name)!);
    }
  });

  test("that come from the theory are what the theory gives, computed again here", { timeout: 60_000 }, () => {
    const peak = optimalBoundaryDensity(1);
    const two = (x: number) => x.toPrecision(2);
    expect(quoted("boundary-peak")).toBe(two(peak));
    expect(quoted("boundary-tenth")).toBe(two(optimalBoundaryDensity(0.1)));
    expect(quoted("canonical-peak")).toBe(two(4 / 7));
    expect(quoted("canonical-tenth")).toBe(two(canonical(0.1)));
    expect(quoted("both-active-peak")).toBe(two(peak * peak));
    // The post's l = m·p ≤ n/(8 ln m) for n = 1, m = 2.
    const post = 1 / (8 * Math.log(2)) / 2;
    expect(quoted("post-one-neuron")).toBe(two(post));
    expect(quoted("post-factor")).toBe(two(peak / post));
  });
});
