/**
 * The built site, read from dist/ (`npm test` builds it first): every page exists, has its
 * formulas as MathML, and shows its calculators' default results and figures without JavaScript.
 */
import { beforeAll, describe, expect, test } from "vitest";
import { CALCULATOR_NAMES, CALCULATORS } from "../../src/features/calculators/registry.ts";
import { DEFAULT_SCENARIO } from "../../src/numbers/scenario.ts";
import { pathOf } from "../../src/facts/sections.ts";
import { SITE_PAGES } from "../../scripts/site/pages.ts";
import { builtPageExists, DIST, loadPage } from "./built-site.ts";

/** Every page (from content/) with the calculators the registry puts on it. */
const PAGES: Record<string, { calculators: string[] }> = Object.fromEntries(
  SITE_PAGES.map((page) => [`/${page}`, { calculators: CALCULATOR_NAMES.filter((name) => pathOf(CALCULATORS[name].page) === `/${page}`) }]),
);

/** What each calculator must show before any script runs: the core's results for the defaults. */
const EXPECTED_OUTPUTS = Object.fromEntries(CALCULATOR_NAMES.map((name) => [name, CALCULATORS[name].results(DEFAULT_SCENARIO).outputs]));

beforeAll(() => {
  if (!builtPageExists("/")) throw new Error(`No built site in ${DIST}: run \`npm run build\` first (npm test does).`);
});

describe.each(Object.entries(PAGES))("page %s", (path, { calculators }) => {
  test("exists with one h1, a title and a description", () => {
    const doc = loadPage(path);
    expect(doc.querySelectorAll("h1")).toHaveLength(1);
    expect(doc.title.length).toBeGreaterThan(5);
    expect(doc.querySelector('meta[name="description"]')?.getAttribute("content")?.length).toBeGreaterThan(20);
  });

  test("typesets its formulas as MathML, with no KaTeX CSS or fonts", () => {
    const doc = loadPage(path);
    expect(doc.querySelectorAll("math").length).toBeGreaterThan(0);
    expect(doc.documentElement.outerHTML).not.toMatch(/katex(\.min)?\.css|KaTeX_\w+\.woff/);
  });

  test("never shows NaN, Infinity or undefined", () => {
    const text = loadPage(path).body.textContent ?? "";
    expect(text).not.toMatch(/\bNaN\b|\bInfinity\b|\bundefined\b/);
  });

  test.each(calculators)("prerenders the %s calculator with its default results and figure", (name) => {
    const root = loadPage(path).querySelector(`[data-calculator="${name}"]`);
    expect(root, `no [data-calculator="${name}"] on ${path}`).not.toBeNull();
    for (const [output, expected] of Object.entries(EXPECTED_OUTPUTS[name]!)) {
      const el = root!.querySelector(`output[name="${output}"]`);
      expect(el, `output ${output}`).not.toBeNull();
      expect(el!.textContent).toBe(expected.text);
      if (expected.value !== undefined) expect(Number(el!.getAttribute("data-value"))).toBe(expected.value);
      else expect(Number(el!.getAttribute("data-log10"))).toBe(expected.log10);
    }
    const svg = root!.querySelector("figure svg");
    expect(svg, "prerendered figure").not.toBeNull();
    expect(svg!.getAttribute("aria-label")?.length).toBeGreaterThan(10);
    expect(root!.querySelector("figure figcaption")?.textContent?.length).toBeGreaterThan(40);
    expect(root!.querySelectorAll("svg path").length).toBeGreaterThan(0);
  });
});

test("the home page credits and links the original post", () => {
  const doc = loadPage("/");
  const links = Array.from(doc.querySelectorAll("a")).map((a) => a.getAttribute("href"));
  expect(links).toContain("https://www.alignmentforum.org/posts/ArvgRhqnEeX7cnJu9/some-costs-of-superposition");
  expect(doc.body.textContent).toContain("Linda Linsefors");
});

test("the reference page gives every formula its own anchor", () => {
  const doc = loadPage("/reference/");
  const ids = Array.from(doc.querySelectorAll("[id^='formula-']")).map((e) => e.id);
  expect(new Set(ids).size).toBe(ids.length);
  for (const id of ["formula-epsilon", "formula-noise", "formula-l-max", "formula-m-max", "formula-levels"]) {
    expect(ids).toContain(id);
    expect(doc.getElementById(id)!.querySelector("math")).not.toBeNull();
  }
});

test("the typical-vs-worst-case page credits the thread and prerenders a measured run with both figures", () => {
  const doc = loadPage("/typical-vs-worst-case/");
  const text = doc.body.textContent ?? "";
  expect(text).toContain("jacob_drori");
  expect(text).toContain("Linda Linsefors");
  const links = Array.from(doc.querySelectorAll("a")).map((a) => a.getAttribute("href"));
  expect(links).toContain("https://www.alignmentforum.org/posts/ArvgRhqnEeX7cnJu9/some-costs-of-superposition#comments");
  const root = doc.querySelector("[data-simulation]");
  expect(root, "no [data-simulation]").not.toBeNull();
  expect(root!.getAttribute("data-state")).toBe("idle");
  for (const name of ["n", "m", "l", "seed", "trials"]) expect(root!.querySelector(`input[name="${name}"]`), name).not.toBeNull();
  expect(Array.from(root!.querySelectorAll("button")).map((b) => b.textContent?.trim())).toContain("Run");
  // The run made at build time: n = 256, m = 2 048, seed 1; every output a finite number near its model.
  const value = (name: string) => Number(root!.querySelector(`output[name="${name}"]`)?.getAttribute("data-value"));
  for (const name of ["rms-overlap", "mean-abs-overlap", "max-overlap", "rms-noise", "worst-noise", "all-correct"]) {
    expect(Number.isFinite(value(name)), name).toBe(true);
  }
  expect(Math.abs(value("rms-overlap") * 16 - 1)).toBeLessThan(0.01);
  expect(Math.abs(value("rms-noise") / Math.sqrt(4 / 256) - 1)).toBeLessThan(0.05);
  // Two figures, each drawn at the desktop and at the phone width.
  const figures = Array.from(root!.querySelectorAll("figure"));
  expect(figures).toHaveLength(2);
  for (const figure of figures) {
    expect(figure.querySelectorAll(".figure__variant--wide svg, .figure__variant--narrow svg")).toHaveLength(2);
  }
  for (const svg of Array.from(root!.querySelectorAll("figure svg"))) {
    expect(svg.getAttribute("aria-label")?.length).toBeGreaterThan(10);
    expect(svg.getAttribute("aria-description")?.length).toBeGreaterThan(40);
    for (const g of Array.from(svg.querySelectorAll("g[aria-label]"))) expect(g.getAttribute("role")).toBe("group");
  }
  expect(text).not.toMatch(/\bNaN\b|\bInfinity\b|\bundefined\b/);
});

test("the reference page links the typical and worst-of-m formulas to the page that explains them", () => {
  const doc = loadPage("/reference/");
  for (const id of ["formula-typical-noise", "formula-worst-noise", "formula-typical-levels"]) {
    const section = doc.getElementById(id);
    expect(section, id).not.toBeNull();
    expect(section!.querySelector("math")).not.toBeNull();
    expect(section!.querySelector('a[href*="/typical-vs-worst-case/"]')).not.toBeNull();
  }
});
