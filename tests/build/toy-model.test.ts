/**
 * The trained-toy-models page as built: the island prerenders the run made at build time (finite
 * numbers, and the ones the page's text relies on), its figures and the two-neuron pictures at
 * both widths with their text alternatives, the numbers quoted in the text equal to the table's,
 * the run's files, the credit, and the links to the page from the overview and from the
 * typical-vs-worst-case page.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, test } from "vitest";
import { builtPageExists, DIST, loadPage } from "./built-site.ts";

const PATH = "/trained-toy-models/";
const PAPER = "https://transformer-circuits.pub/2022/toy_model/index.html";
const POST = "https://www.alignmentforum.org/posts/ArvgRhqnEeX7cnJu9/some-costs-of-superposition";

beforeAll(() => {
  if (!builtPageExists(PATH)) throw new Error(`No ${PATH} in ${DIST}: run \`npm run build\` first (npm test does).`);
});

// Parsed once: the page is long, and every check reads it.
let page: Document | undefined;
const doc = () => (page ??= loadPage(PATH));
const root = () => doc().querySelector("[data-toy-model]")!;
const value = (name: string) => Number(root().querySelector(`output[name="${name}"]`)?.getAttribute("data-value"));

describe("the prerendered toy model", () => {
  test("is idle, with its six fields, its presets and a Train button", () => {
    expect(root(), "no [data-toy-model]").not.toBeNull();
    expect(root().getAttribute("data-state")).toBe("idle");
    expect(root().hasAttribute("data-view")).toBe(true);
    const fields = Object.fromEntries(
      ["n", "m", "sparsity", "importance", "steps", "seed"].map((name) => [
        name,
        root().querySelector(`input[name="${name}"]`)?.getAttribute("value"),
      ]),
    );
    expect(fields).toEqual({ n: "20", m: "80", sparsity: "0.99", importance: "0.9", steps: "3000", seed: "0" });
    const buttons = Array.from(root().querySelectorAll("button"), (b) => b.textContent?.trim());
    expect(buttons).toContain("Train");
    expect(buttons).not.toContain("Cancel");
    expect(root().querySelectorAll(".presets button")).toHaveLength(7);
  });

  test("shows the build's run: every output a finite number", () => {
    for (const name of ["loss", "represented", "rms-overlap", "welch", "max-overlap", "linear-noise", "relu-noise", "expected-active", "l-max"]) {
      expect(Number.isFinite(value(name)), name).toBe(true);
    }
    expect(root().querySelector("caption")?.textContent).toContain(
      "n = 20, m = 80, S = 0.99, r = 0.9, 3,000 steps, seed 0, made when this page was built",
    );
    expect(doc().body.textContent).not.toMatch(/\bNaN\b|\bInfinity\b|\bundefined\b/);
  });

  test("measures what the page's text says of it", () => {
    const n = 20;
    const m = 80;
    // Superposition where the post allows none: more features than neurons, ε above 1, l beyond l_max.
    expect(value("represented")).toBeGreaterThan(n);
    expect(Math.sqrt((8 * Math.log(m)) / n)).toBeGreaterThan(1);
    expect(value("l-max")).toBeCloseTo(n / (8 * Math.log(m)), 12);
    expect(value("expected-active")).toBeGreaterThan(value("l-max"));
    // Overlaps: below random directions' 1/√n, close above the Welch floor; the worst pair antipodal.
    expect(value("rms-overlap")).toBeLessThan(1 / Math.sqrt(n));
    expect(value("rms-overlap")).toBeGreaterThanOrEqual(value("welch"));
    expect(value("rms-overlap")).toBeLessThan(1.1 * value("welch"));
    expect(value("max-overlap")).toBeGreaterThan(0.99);
    expect(value("max-overlap")).toBeGreaterThan(Math.sqrt((4 * Math.log(m)) / n));
    // Interference: below random directions' even when read linearly, most of it removed by the ReLU.
    expect(value("linear-noise")).toBeLessThan(Math.sqrt(((m - 1) * (1 - 0.99)) / (3 * n)));
    expect(value("relu-noise")).toBeLessThan(0.25 * value("linear-noise"));
    // A training loss that fell.
    expect(value("loss")).toBeLessThan(0.01);
  });

  test("quotes in its text exactly the numbers its table shows", () => {
    const quoted = Array.from(doc().querySelectorAll("[data-build-number]"));
    expect(quoted.length).toBeGreaterThan(15);
    const tableText = (name: string) => root().querySelector(`output[name="${name}"]`)?.textContent;
    let compared = 0;
    for (const span of quoted) {
      const name = span.getAttribute("data-build-number")!;
      const text = span.textContent!.trim();
      expect(text, name).not.toBe("");
      if (root().querySelector(`output[name="${name}"]`)) {
        expect(text, name).toBe(tableText(name));
        compared++;
      } else {
        // The rest are in the table's comparison notes (yardsticks, antipodal pairs, the share removed).
        expect(root().textContent, name).toContain(text);
      }
    }
    expect(compared).toBeGreaterThanOrEqual(8);
  });

  test("has its figures at the desktop and the phone width, with text alternatives and captions", () => {
    const figures = Array.from(root().querySelectorAll("figure"));
    expect(figures.map((f) => f.getAttribute("data-figure"))).toEqual(["gram", "features", "loss"]);
    const planes = doc().getElementById("figure-planes")!;
    for (const figure of [...figures, planes]) {
      expect(figure.querySelectorAll(".figure__variant--wide svg, .figure__variant--narrow svg")).toHaveLength(2);
      expect(figure.querySelector("figcaption")?.textContent?.length).toBeGreaterThan(40);
      for (const svg of Array.from(figure.querySelectorAll("svg"))) {
        expect(svg.getAttribute("aria-label")?.length).toBeGreaterThan(10);
        expect(svg.getAttribute("aria-description")?.length).toBeGreaterThan(40);
        for (const g of Array.from(svg.querySelectorAll("g[aria-label]"))) expect(g.getAttribute("role")).toBe("group");
      }
      expect(Array.from(figure.querySelectorAll("a[data-figure-download]"), (a) => a.getAttribute("data-figure-download"))).toEqual(["svg", "png"]);
    }
    // The heat map's cells, in the two colours of the theme.
    expect(figures[0]!.querySelectorAll("path[fill='var(--accent)']").length).toBeGreaterThan(0);
    expect(figures[0]!.querySelectorAll("path[fill='var(--danger)']").length).toBeGreaterThan(0);
    // The two-neuron pictures: three models, five arrows each.
    expect(planes.querySelector("svg")!.getAttribute("aria-description")).toMatch(
      /dense, S = 0: 2 of 5 .* S = 0\.7: 4 of 5 .* very sparse, S = 0\.99: 5 of 5 features represented/,
    );
  });

  test("offers the build's run as CSV and JSON files with its settings and seed", () => {
    const links = Array.from(root().querySelectorAll<HTMLAnchorElement>(".run-downloads a"));
    expect(links.map((a) => a.getAttribute("download"))).toEqual([
      "toy-model-n20-m80-S0.99-r0.9-steps3000-seed0.csv",
      "toy-model-n20-m80-S0.99-r0.9-steps3000-seed0.json",
    ]);
    const file = (a: HTMLAnchorElement) => readFileSync(join(DIST, a.getAttribute("href")!.replace(/^\//, "")), "utf8");
    const csv = file(links[0]!).trimEnd().split("\r\n");
    expect(csv).toHaveLength(81);
    expect(csv[1]).toMatch(/^20,80,0\.99,0\.9,3000,0,1,1,/);
    const json = JSON.parse(file(links[1]!)) as { settings: unknown; measured: { represented: number }; W: number[][]; source: string };
    expect(json.settings).toEqual({ n: 20, m: 80, sparsity: 0.99, importance: 0.9, steps: 3000, seed: 0 });
    expect(json.measured.represented).toBe(value("represented"));
    expect(json.W).toHaveLength(20);
    expect(json.source).toMatch(/\/trained-toy-models\/$/);
  });
});

test("the page credits and links the paper and the post", () => {
  const links = Array.from(doc().querySelectorAll("main a"), (a) => a.getAttribute("href"));
  expect(links).toContain(PAPER);
  expect(links).toContain(POST);
  expect(doc().body.textContent).toContain("Toy Models of Superposition");
  expect(doc().body.textContent).toContain("Linda Linsefors");
});

test.each(["/", "/typical-vs-worst-case/"])("%s links to the page from its text", (path) => {
  const links = Array.from(loadPage(path).querySelectorAll("main .prose a"), (a) => a.getAttribute("href"));
  expect(links.some((href) => href?.endsWith("/trained-toy-models/"))).toBe(true);
});

test("the glossary keeps to the post's symbols: the toy model's training inputs and a run's settings are not in it", () => {
  const reference = loadPage("/reference/");
  for (const name of ["n", "m", "l", "a", "eps", "k"]) expect(reference.getElementById(`symbol-${name}`), name).not.toBeNull();
  for (const name of ["sparsity", "importance", "steps", "seed", "trials"]) expect(reference.getElementById(`symbol-${name}`), name).toBeNull();
});
