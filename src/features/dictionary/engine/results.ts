/**
 * What the dictionary page reports, by the names its contract gives them (the page's <output>
 * elements, the tests and the exports all read this one list), each with its number in full, its
 * standard error when it is an estimate, the text the reader sees (only the digits that are
 * verified: exact values to three figures, estimates as "x ± se" to the error's second figure,
 * random directions' threshold misreads as the site's error rates show them), and its meaning.
 *
 * The comparisons with random directions use the dictionary's n and its live latents as m.
 */
import { formatCount, formatNumber } from "../../../numbers/format.ts";
import { estimate, type Result } from "../../../numbers/shown.ts";
import type { Estimate } from "./geometry.ts";
import type { PoolMeasurement } from "./measure-on-pool.ts";
import type { RandomTopk } from "./random-topk.ts";
import type { ReadoutSummary } from "./readouts.ts";
import type { LatentAxis } from "./stored-matrix.ts";

/** The page's outputs, in the order it shows them. */
export const DICTIONARY_OUTPUTS = [
  "n",
  "m",
  "dead",
  "mode",
  "rms-overlap",
  "mean-overlap",
  "max-overlap",
  "pairs-above-0.5",
  "pairs-above-0.9",
  "median-worst-overlap",
  "p99-worst-overlap",
  "random-rms",
  "random-worst",
  "welch",
  "post-epsilon",
  "misreads-threshold",
  "misreads-topk",
  "random-misreads-threshold",
  "random-misreads-topk",
] as const;

export type DictionaryOutputName = (typeof DICTIONARY_OUTPUTS)[number];

/** A measured dictionary and what was read out of it, as the page holds it. */
export interface DictionaryReport {
  readonly file: { readonly name: string; readonly format: string; readonly bytes: number };
  readonly matrix: { readonly name: string; readonly dtype: string; readonly shape: readonly [number, number]; readonly axis: LatentAxis };
  readonly measured: PoolMeasurement;
  /** The readouts at the L0 they carry; undefined before they are made. */
  readonly readouts?: ReadoutSummary | undefined;
  /** Random directions' expected misreads against ½ at the same n, m, L0, as the site's error rates show them. */
  readonly randomThreshold?: Result | undefined;
  /** Random directions' TopK misreads, simulated, or why they were not. */
  readonly randomTopk?: RandomTopk | { readonly reason: string } | undefined;
}

export interface DictionaryOutput {
  readonly name: DictionaryOutputName;
  /** The value in full ("exact" or "sampled" for the mode); undefined when there is none yet. */
  readonly value: number | string | undefined;
  /** The standard error of an estimate; undefined for an exact value. */
  readonly se?: number | undefined;
  /** What the reader sees: "—" when there is no value. */
  readonly text: string;
  /** What the number is, in a phrase. */
  readonly meaning: string;
  /** max-overlap: its pair of latents (file indices). */
  readonly pair?: readonly [number, number];
}

const NONE = "—";

/** An exact value to three figures, or an estimate with its error (se 0: exact). */
function shownEstimate(e: Estimate, kind: "real" | "count"): { value: number; se: number | undefined; text: string } {
  if (e.se > 0) return { value: e.value, se: e.se, text: estimate(e.value, e.se).text };
  return { value: e.value, se: undefined, text: kind === "count" ? formatCount(e.value) : formatNumber(e.value) };
}

/**
 * Every output of `report` by name (module header). Domain: a report of the engine's making
 * (finite values throughout); outputs not yet measured (readouts before they are made, random
 * TopK not simulated) have no value and read "—" or "not simulated", never NaN.
 */
export function dictionaryOutputs(report: DictionaryReport): Record<DictionaryOutputName, DictionaryOutput> {
  const g = report.measured.geometry;
  const c = g.comparison;
  const sampled = g.mode === "sampled";
  const r = report.readouts;
  const topk = report.randomTopk;
  const out = (name: DictionaryOutputName, meaning: string, value: number | string | undefined, text: string, se?: number): DictionaryOutput => ({
    name,
    value,
    se,
    text,
    meaning,
  });
  const fromEstimate = (name: DictionaryOutputName, meaning: string, e: Estimate, kind: "real" | "count" = "real"): DictionaryOutput => {
    const shown = shownEstimate(e, kind);
    return out(name, meaning, shown.value, shown.text, shown.se);
  };
  const outputs: DictionaryOutput[] = [
    out("n", "neurons: the numbers in each latent's vector", g.n, formatCount(g.n)),
    out("m", "latents in the array, live and dead", g.m, formatCount(g.m)),
    out("dead", "latents with norm 0 or a non-finite number, left out of every measurement", g.dead, formatCount(g.dead)),
    out(
      "mode",
      sampled ? "sampled: the pairs of a seeded subset, and the worst overlaps of a seeded sample" : "exact: every pair of live latents",
      g.mode,
      g.mode,
    ),
    fromEstimate("rms-overlap", "√(mean cos²) over the pairs of live latents", g.rmsOverlap),
    fromEstimate("mean-overlap", "mean |cos| over the pairs of live latents", g.meanOverlap),
    {
      ...out(
        "max-overlap",
        sampled ? "largest |cos| found in the sample: a lower bound of the largest over all pairs" : "largest |cos| over all pairs",
        g.maxOverlap.value,
        `${g.maxOverlap.lowerBound ? "≥ " : ""}${formatNumber(g.maxOverlap.value)}`,
      ),
      pair: g.maxOverlap.pair,
    },
    fromEstimate("pairs-above-0.5", "pairs of live latents with |cos| above 0.5", g.pairsAbove05, "count"),
    fromEstimate("pairs-above-0.9", "pairs of live latents with |cos| above 0.9", g.pairsAbove09, "count"),
    fromEstimate("median-worst-overlap", "median over the latents of each one's largest |cos| with any other", g.medianWorstOverlap),
    fromEstimate("p99-worst-overlap", "99th percentile of the same", g.p99WorstOverlap),
    out("random-rms", "1/√n: the RMS |cos| of two random directions", c.randomRms, formatNumber(c.randomRms)),
    out("random-worst", "expected largest |cos| of one random direction with m − 1 others", c.randomWorst, formatNumber(c.randomWorst)),
    out("welch", "Welch's floor √((m − n)/(n(m − 1))): no m directions in ℝⁿ have a smaller RMS or largest |cos|", c.welch, formatNumber(c.welch)),
    out("post-epsilon", "the post's ε = √(8 ln m / n)", c.postEpsilon, formatNumber(c.postEpsilon)),
    r === undefined
      ? out("misreads-threshold", "latents misread per token against ½", undefined, NONE)
      : out(
          "misreads-threshold",
          `latents misread per token against ½, L0 = ${r.l}`,
          r.misreadsThreshold,
          estimate(r.misreadsThreshold, r.misreadsThresholdSe).text,
          r.misreadsThresholdSe,
        ),
    r === undefined
      ? out("misreads-topk", "latents misread per token, the L0 largest readouts taken as on", undefined, NONE)
      : out(
          "misreads-topk",
          `latents misread per token, the ${r.l} largest readouts taken as on`,
          r.misreadsTopk,
          estimate(r.misreadsTopk, r.misreadsTopkSe).text,
          r.misreadsTopkSe,
        ),
    out(
      "random-misreads-threshold",
      "random directions' expected misreads per token against ½, computed (the site's error rates)",
      report.randomThreshold?.value,
      report.randomThreshold?.text ?? NONE,
    ),
    topk === undefined || "reason" in topk
      ? out("random-misreads-topk", "random directions' TopK misreads per token, simulated", undefined, topk === undefined ? NONE : "not simulated")
      : out(
          "random-misreads-topk",
          `random directions' TopK misreads per token, simulated on ${topk.inputs} inputs (seed ${topk.seed})`,
          topk.mean,
          estimate(topk.mean, topk.se).text,
          topk.se > 0 ? topk.se : undefined,
        ),
  ];
  return Object.fromEntries(outputs.map((o) => [o.name, o])) as Record<DictionaryOutputName, DictionaryOutput>;
}
