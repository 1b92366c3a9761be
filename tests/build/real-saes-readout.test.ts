/**
 * The real-SAEs page's readout rules as built (ReadoutRulesTable.astro): for every SAE, the misreads
 * per token against ½, the best single threshold and the misreads there, and TopK's, held against
 * scipy (scripts/checks/real_saes_readout.py, none of the site's code: the beta tail and the gamma
 * law integrated by quad, the threshold by minimize_scalar, TopK's mean field written again with
 * brentq), and the counts the build measured held against numpy's count of the same three on
 * other random directions of the same shapes.
 */
import { readFileSync } from "node:fs";
import { describe, expect, test } from "vitest";
import { SPARSE_AUTOENCODERS } from "../../src/facts/real-saes.ts";
import { MEASURED_SAES } from "../../src/features/real-saes/components/readout-rules.ts";
import { loadPage } from "./built-site.ts";

interface Independent {
  readonly id: string;
  readonly n: number;
  readonly m: number;
  readonly l: number;
  readonly half: number;
  readonly theta: number;
  readonly best: number;
  readonly topk: number;
  /** numpy's counts, [mean, standard error] over its inputs. */
  readonly measured?: Readonly<Record<"half" | "best" | "topk", readonly [number, number]>>;
}

const independent: readonly Independent[] = JSON.parse(readFileSync(new URL("./real-saes-readout.json", import.meta.url), "utf8"));
const doc = loadPage("/real-saes/");

const cellOf = (id: string, rule: string) => doc.querySelector(`[data-sae-table="readout"] tr[data-sae="${id}"] td[data-rule="${rule}"]`);
const numberOf = (cell: Element | null): number => {
  const value = cell?.getAttribute("data-value");
  const log10 = cell?.getAttribute("data-log10");
  if (value != null) return Number(value);
  if (log10 != null) return 10 ** Number(log10);
  throw new Error("a readout cell without its number");
};
const measuredOf = (cell: Element | null) => {
  const span = cell?.querySelector("[data-measured]");
  return span ? { mean: Number(span.getAttribute("data-value")), se: Number(span.getAttribute("data-se")) } : undefined;
};

test("the fixture covers every SAE of the table, at its shape", () => {
  expect(independent.map((r) => [r.id, r.n, r.m, r.l])).toEqual(SPARSE_AUTOENCODERS.map((s) => [s.id, s.n, s.m, s.l0]));
});

describe.each(independent)("$id", (row) => {
  test("against ½, at the best threshold and by TopK, as scipy computes them", () => {
    expect(numberOf(cellOf(row.id, "half"))).toBeCloseRel(row.half, 1e-6);
    // The minimum is flat: θ to 10⁻³ (both searches stop at 10⁻⁶ or finer), the misreads there to 10⁻⁶.
    expect(Math.abs(numberOf(cellOf(row.id, "threshold")) - row.theta)).toBeLessThan(1e-3);
    expect(numberOf(cellOf(row.id, "atThreshold"))).toBeCloseRel(row.best, 1e-6);
    // The TopK quadrature stops at 10⁻⁴ (topk-misreads.ts); scipy's at 10⁻⁷.
    expect(numberOf(cellOf(row.id, "topk"))).toBeCloseRel(row.topk, 2e-4);
  });

  test("each shown with the digits its accuracy allows, and measured where the build measures it", () => {
    for (const rule of ["half", "atThreshold", "topk"]) {
      const cell = cellOf(row.id, rule)!;
      expect(cell.getAttribute("data-accuracy")).toMatch(/^(exact|verified|about|below|range)$/);
      expect(cell.textContent).not.toMatch(/NaN|Infinity|undefined/);
    }
    expect(measuredOf(cellOf(row.id, "topk")) !== undefined).toBe(row.id in MEASURED_SAES);
  });
});

describe.each(independent.filter((r) => r.measured !== undefined))("$id, measured", (row) => {
  test("the build's counts agree with numpy's on other random directions, within their standard errors", () => {
    for (const [rule, name] of [
      ["half", "half"],
      ["atThreshold", "best"],
      ["topk", "topk"],
    ] as const) {
      const built = measuredOf(cellOf(row.id, rule))!;
      const [mean, se] = row.measured![name];
      // Two independent estimates of the same expected count: four standard errors of their difference.
      expect(Math.abs(built.mean - mean), `${rule}: ${built.mean} ± ${built.se} against ${mean} ± ${se}`).toBeLessThan(4 * Math.hypot(built.se, se));
      expect(built.se).toBeGreaterThan(0);
    }
  });

  test("and the computed counts within the sampling error and the verified 10 %", () => {
    for (const rule of ["half", "atThreshold", "topk"]) {
      const built = measuredOf(cellOf(row.id, rule))!;
      const computed = numberOf(cellOf(row.id, rule));
      expect(cellOf(row.id, rule)!.getAttribute("data-accuracy")).toBe("verified");
      expect(Math.abs(built.mean / computed - 1)).toBeLessThan(0.1 + (3 * built.se) / built.mean);
    }
  });
});
