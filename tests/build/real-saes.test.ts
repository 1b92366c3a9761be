/**
 * The real-SAEs page as built: every published SAE of the core's table with its shape and figures
 * (checked against the formulas written out here, independently of src/math), each row's source
 * and a link that opens the calculators on its shape, the figure, and the page in the navigation.
 */
import { describe, expect, test } from "vitest";
import { SPARSE_AUTOENCODERS } from "../../src/facts/real-saes.ts";
import { loadPage } from "./built-site.ts";

const doc = loadPage("/real-saes/");
const lMax = (n: number, m: number) => n / (8 * Math.log(m));

describe.each(SPARSE_AUTOENCODERS)("$label", (sae) => {
  // Its row in the table of shapes, then in the table of the same shapes read as random directions.
  const row = doc.querySelector(`tr[data-sae="${sae.id}"]`)!;
  const cells = () =>
    Array.from(doc.querySelectorAll(`tr[data-sae="${sae.id}"] td`), (td) => Number(td.getAttribute("data-value") ?? td.getAttribute("data-log10")));

  test("its shape, its place on the post's limits and its noise", () => {
    expect(row).not.toBeNull();
    const [n, m, l0, limit, past, postNoise, typical, worst] = cells();
    expect([n, m, l0]).toEqual([sae.n, sae.m, sae.l0]);
    expect(limit).toBeCloseRel(lMax(sae.n, sae.m), 1e-12);
    expect(past).toBeCloseRel(sae.l0 / lMax(sae.n, sae.m), 1e-12);
    expect(postNoise).toBeCloseRel(Math.sqrt((8 * Math.log(sae.m) * sae.l0) / sae.n), 1e-12);
    expect(typical).toBeCloseRel(Math.sqrt(sae.l0 / sae.n), 1e-12);
    expect(worst).toBeCloseRel(Math.sqrt((2 * Math.log(sae.m) * sae.l0) / sae.n), 1e-12);
    // Every L0 below the typical reading's limit n / 4.
    expect(sae.l0).toBeLessThan(sae.n / 4);
  });

  test("its source, and a link that opens the calculators on its shape", () => {
    expect(row.querySelector(".sae-table__source")?.textContent).toContain(sae.source.release);
    expect(row.querySelector(".sae-table__source a")?.getAttribute("href")).toBe(sae.source.url);
    const link = new URL(row.querySelector("a.sae-table__load")!.getAttribute("href")!, "http://x");
    expect(link.pathname).toBe("/sparsity/");
    expect(Object.fromEntries(link.searchParams)).toEqual({ n: String(sae.n), m: String(sae.m), l: String(sae.l0) });
  });
});

test("the checked figures of the site's notes: GPT-2 small 9.2 and 3.5×, about 235 misreads; Gemma 2 9B 1M 6×", () => {
  const cell = (id: string, column: number) => Number(doc.querySelectorAll(`tr[data-sae="${id}"] td`)[column]!.getAttribute("data-value"));
  const half = (id: string) =>
    Number(doc.querySelector(`[data-sae-table="readout"] tr[data-sae="${id}"] td[data-rule="half"]`)!.getAttribute("data-value"));
  expect(cell("gpt-2-small-openai-topk-v5-32k", 3)).toBeCloseTo(9.2, 1);
  expect(cell("gpt-2-small-openai-topk-v5-32k", 4)).toBeCloseTo(3.5, 1);
  expect(half("gpt-2-small-openai-topk-v5-32k")).toBeCloseRel(235, 0.01);
  expect(half("gemma-2-2b-res-layer-12-16k-l0-82")).toBeCloseRel(66, 0.01);
  expect(Math.round(cell("gemma-2-9b-res-layer-20-1m-l0-193", 4))).toBe(6);
});

test("has its figure at both widths, and is in the navigation", () => {
  const figure = doc.querySelector("#figure-saes")!;
  expect(figure.querySelectorAll(".figure__variant svg")).toHaveLength(2);
  expect(figure.querySelector("svg")!.getAttribute("aria-description")).toMatch(/run past the post's limit/);
  const nav = Array.from(loadPage("/").querySelectorAll(".site-nav a"), (a) => a.getAttribute("href"));
  expect(nav).toContain("/real-saes/");
});
