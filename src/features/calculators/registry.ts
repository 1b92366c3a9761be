/**
 * Every calculator of the site, described once: its fields, outputs, verdict, figure, presets and
 * words. The island (src/features/calculators/islands/Calculator.tsx), its server half (src/features/calculators/components/Calculator.astro),
 * the social cards, the content schema, the tests and the benchmarks all read this table, so a
 * new calculator is one entry here, its results in src/features/calculators/engine/results.ts, its figure in
 * src/features/calculators/figures/calculator-figures.ts, and a `<Calculator name="…" />` on a page.
 *
 * Labels are plain text in which `*x*` marks a symbol (set in <var>); nothing here is markup.
 */
import {
  CALCULATOR_NAMES,
  epsilonResults,
  levelsResults,
  sparsityFormulaResults,
  type CalculatorName,
  type CalculatorResults,
  type Result,
} from "./engine/results.ts";
import { formatCount } from "../../numbers/format.ts";
import { REFERENCE_WIDTHS } from "../../facts/reference-widths.ts";
import { saeNameParts, SPARSE_AUTOENCODERS } from "../../facts/real-saes.ts";
import type { ParameterName } from "../../numbers/parameters.ts";
import type { Scenario } from "../../numbers/scenario.ts";
import type { PresetGroup } from "../../ui/Presets.tsx";
import { levelsLaterResults, sparsityLaterResults } from "./engine/later-results.ts";
import { CALCULATOR_FIGURE_DATA } from "./figures/figure-data.ts";

/** One displayed result: the name of its `<output>` (one of its calculator's outputs) and its label. */
export interface OutputSpec<Name extends string = string> {
  readonly name: Name;
  readonly label: string;
}

/** Where a calculator's verdict stands among its outputs (its `<output name="verdict">`). */
export const VERDICT = { name: "verdict", label: "verdict" } as const satisfies OutputSpec;

/**
 * One calculator. `Out` names the outputs its results compute at once, `Later` those computed a
 * task later; every output listed must be one of them, so a misspelt name fails the type check
 * (`NoInfer`: the names listed never widen what the results compute).
 */
export interface CalculatorSpec<Out extends string = string, Later extends string = string> {
  /** The calculator's visible title (and its accessible name). */
  readonly title: string;
  /** The content entry whose page shows it ("sparsity" → /sparsity/). */
  readonly page: string;
  /** The fields at the top, each with its slider where the parameter has one. */
  readonly fields: readonly ParameterName[];
  /** The results, in order; {@link VERDICT} places the verdict. */
  readonly outputs: readonly OutputSpec<NoInfer<Out | Later> | typeof VERDICT.name>[];
  /** A collapsible "work backwards" question: its own fields (text only) and outputs. */
  readonly inverse?: {
    readonly summary: string;
    readonly fields: readonly ParameterName[];
    readonly outputs: readonly OutputSpec<NoInfer<Out | Later>>[];
  };
  results(s: Scenario): CalculatorResults<Out>;
  /**
   * Outputs that take milliseconds rather than microseconds (the error rates: quadratures and
   * searches, 5–15 ms each time and 30–50 ms the first time in a browser, 4× that on a phone):
   * computed in the page's Web Worker, or a task after the others where there is none
   * (engine/later-results.ts), so that a first touch or a slider step answers within a frame.
   */
  laterResults?(s: Scenario): Readonly<Record<Later, Result>>;
  /** What a screen reader hears after the reader changes a value: the calculator's main news. */
  announce(r: CalculatorResults<Out | Later>): string;
  readonly presets: readonly PresetGroup[];
  readonly figure: {
    readonly caption: string;
    /**
     * The numbers the figure is drawn from, read from the scenario and the results (figure-data.ts):
     * what it reads is what the figure depends on, so a change elsewhere neither loads Plot nor redraws.
     */
    data(s: Scenario, r: CalculatorResults): unknown;
    /** The figure's text alternative, written from the same numbers. */
    describe(d: never): string;
  };
  /** The slider the performance test and `npm run bench:site` drag, step by step. */
  readonly benchmarkField: ParameterName;
}

/** A calculator's entry, with its output names checked against what its results compute. */
export function calculator<Out extends string, Later extends string = never>(spec: CalculatorSpec<Out, Later>): NoInfer<CalculatorSpec<Out, Later>> {
  return spec;
}

/** n set to the width (d_model) of a real model. */
const WIDTH_PRESETS: PresetGroup = {
  label: "Set n to the width of a real model",
  presets: REFERENCE_WIDTHS.map((w) => ({ label: w.label, detail: formatCount(w.n), values: { n: w.n } })),
};

/**
 * The shapes of the published SAEs (src/facts/real-saes.ts), each under its one name: with l, n, m
 * and its L0 as l; without, n and m, one button per distinct pair (its width as the release writes it).
 */
function saePresets(withActive: boolean): PresetGroup {
  const presets = SPARSE_AUTOENCODERS.map((sae) => {
    const { whose, which } = saeNameParts(sae);
    return withActive
      ? { label: whose, detail: which, values: { n: sae.n, m: sae.m, l: sae.l0 } }
      : { label: whose, detail: sae.width, values: { n: sae.n, m: sae.m } };
  });
  const distinct = presets.filter((preset, i) => presets.findIndex((p) => JSON.stringify(p.values) === JSON.stringify(preset.values)) === i);
  return {
    label: withActive
      ? "Set n, m and l to the shape of a published sparse autoencoder"
      : "Set n and m to the shape of a published sparse autoencoder",
    presets: distinct,
    folded: `${withActive ? "n, m and l" : "n and m"} of a published sparse autoencoder (${distinct.length})`,
  };
}

const TABLE = {
  epsilon: calculator({
    title: "Interference calculator",
    page: "sparsity",
    fields: ["n", "m"],
    outputs: [
      { name: "epsilon", label: "interference *ε* = √(8 ln m / n)" },
      VERDICT,
      { name: "welch", label: "the floor no arrangement of *m* directions can beat (Welch, Levenstein)" },
    ],
    inverse: {
      summary: "Work backwards from a target ε",
      fields: ["eps"],
      outputs: [
        { name: "n-for-eps", label: "neurons needed for *m* features, 8 ln m / ε²" },
        { name: "m-for-eps", label: "features that fit in *n* neurons, e^(nε²/8)" },
      ],
    },
    results: epsilonResults,
    announce: (r) => `interference ε = ${r.outputs.epsilon.text}${r.verdict ? `. ${r.verdict.text}` : ""}`,
    presets: [WIDTH_PRESETS, saePresets(false)],
    figure: {
      caption:
        "Interference ε against the number of features m (log axis), for your n (bold) and the widths of real models; dashed, the floor no arrangement of m directions in your n dimensions can go below.",
      ...CALCULATOR_FIGURE_DATA.epsilon,
    },
    benchmarkField: "n",
  }),
  sparsity: calculator({
    title: "Sparsity calculator",
    page: "sparsity",
    fields: ["n", "m", "l"],
    outputs: [
      { name: "noise", label: "noise from *l* active features, ε√l" },
      { name: "worst-noise", label: "worst of the *m* readouts, random features, √(2 ln m · l / n)" },
      { name: "typical-noise", label: "typical readout, random features, √(l / n)" },
      VERDICT,
      { name: "l-max", label: "most features active at once, n / (8 ln m)" },
      { name: "m-max", label: "most features in all, e^(n/8)" },
      { name: "n-min", label: "neurons needed for this *m* and *l*, 8 l ln m" },
      { name: "expected-misreads", label: "features misread per input, random features read against ½" },
      { name: "all-right", label: "chance all *m* are read right" },
      { name: "p-false-on", label: "chance an inactive feature reads above ½" },
      { name: "p-false-off", label: "chance an active feature reads below ½" },
      { name: "l-at-90", label: "most *l* with all read right 90 % of the time" },
      { name: "l-at-50", label: "most *l* with all read right half the time" },
      { name: "misreads-best-threshold", label: "features misread per input at the best single threshold, random features" },
      { name: "best-threshold", label: "that threshold, the one that misreads fewest" },
      { name: "misreads-topk", label: "features misread per input when the *l* largest readouts are taken as on (TopK)" },
    ],
    results: sparsityFormulaResults,
    laterResults: sparsityLaterResults,
    announce: (r) => r.verdict?.text ?? "",
    presets: [WIDTH_PRESETS, saePresets(true)],
    figure: {
      caption:
        "The largest number of active features, n / (8 ln m), against the number of neurons n, for your m; your (n, l) is the dot, and the bar at your n spans the l at which all m random features are read right 90 % and 50 % of the time.",
      ...CALCULATOR_FIGURE_DATA.sparsity,
    },
    benchmarkField: "l",
  }),
  levels: calculator({
    title: "Activation-level calculator",
    page: "boolean-ish",
    fields: ["n", "m", "l", "a"],
    outputs: [
      { name: "noise", label: "noise at amplitude *a*, a·ε·√l" },
      { name: "levels", label: "distinguishable levels, √(n / (8 l ln m))" },
      VERDICT,
      { name: "typical-levels", label: "levels at the typical noise of random features, √(n / l)" },
      { name: "on-off-misreads", label: "features misread per input even when read only as on or off (2 levels), random features" },
    ],
    inverse: {
      summary: "Work backwards from a number of levels",
      fields: ["k"],
      outputs: [{ name: "n-for-levels", label: "neurons needed for *k* levels, 8 l k² ln m" }],
    },
    results: levelsResults,
    laterResults: levelsLaterResults,
    announce: (r) => `${r.outputs.levels.text} distinguishable levels: ${r.verdict?.text ?? ""}`,
    presets: [WIDTH_PRESETS, saePresets(true)],
    figure: {
      caption: "Distinguishable levels against the number of active features l, for your n and m; below 2 levels (shaded) a feature is boolean-ish.",
      ...CALCULATOR_FIGURE_DATA.levels,
    },
    benchmarkField: "l",
  }),
} satisfies Record<CalculatorName, CalculatorSpec>;

export { CALCULATOR_NAMES, type CalculatorName };

/** Each calculator's spec, by name. */
export const CALCULATORS: Readonly<Record<CalculatorName, CalculatorSpec>> = TABLE;

/**
 * Everything a calculator shows for a scenario, its later outputs included, computed at once: what
 * the build prerenders and what a figure is drawn from. (The island computes the later outputs a
 * task after the others instead; CalculatorBody.tsx.)
 */
export function completeResults(name: CalculatorName, s: Scenario): CalculatorResults {
  const spec = CALCULATORS[name];
  const fast = spec.results(s);
  return spec.laterResults ? { ...fast, outputs: { ...fast.outputs, ...spec.laterResults(s) } } : fast;
}

/** The id of a calculator's section on its page, and so the anchor its links point at. */
export function calculatorAnchor(name: CalculatorName): string {
  return `calc-${name}`;
}
