/**
 * What each calculator's figure shows, as plain numbers, and the figure in words. The figure is
 * drawn from these numbers (calculator-figures.ts, with Plot) and its text alternative written from
 * them, so the two never disagree; and where a number is one of the calculator's outputs (ε, the
 * limit n / (8 ln m), the all-right band) it is read from the calculator's results, not computed
 * again. Plot-free, so that an island can compute and describe a figure before Plot has loaded.
 *
 * Each `…FigureData(s, r)` reads only what it draws, from the scenario `s` and the results `r`;
 * what it reads is what the figure depends on (src/ui/reads.ts records it), so no list of a
 * figure's inputs is kept by hand.
 */
import { activationLevels, BOOLEAN_ISH_LEVELS, epsilon, maxActiveFeatures } from "../../../math/formulas.ts";
import { coherenceFloor } from "../../../math/packing.ts";
import { formatCount, formatNumber } from "../../../numbers/format.ts";
import { REFERENCE_WIDTHS } from "../../../facts/reference-widths.ts";
import type { Scenario } from "../../../numbers/scenario.ts";
import type { CalculatorName, CalculatorResults } from "../engine/results.ts";
import { logSpace, logSpaceIntegers } from "../../../plot/sampling.ts";

/** Curves are sampled at this many points: smooth at 640 px, cheap to redraw on every slider step. */
const SAMPLES = 48;

/**
 * Axis ends are a margin beyond the reader's point; near the top of double range that margin
 * would overflow to Infinity, so it is clipped to the largest double (the point stays in frame).
 */
function withinDouble(x: number): number {
  return Math.min(Number.MAX_VALUE, x);
}

/** An output's number, read from the results; undefined while it is not computed. */
function valueOf(r: CalculatorResults, name: string): number | undefined {
  return r.outputs[name]?.value;
}

/** An output that every valid scenario has (a closed form): its number. */
function required(r: CalculatorResults, name: string): number {
  const value = valueOf(r, name);
  if (value === undefined) throw new Error(`the figure needs the output "${name}", which the results do not hold`);
  return value;
}

/** One point of a curve of ε against m, for one width. */
export interface EpsilonRow {
  readonly m: number;
  readonly epsilon: number;
  readonly series: string;
  readonly mine: boolean;
}

/** What the interference figure draws. */
export interface EpsilonFigureData {
  readonly n: number;
  readonly m: number;
  /** ε and the floor at the reader's (n, m): the calculator's outputs. */
  readonly epsilon: number;
  readonly floorHere: number;
  /** The right end of the m axis. */
  readonly mTo: number;
  /** ε against m for every reference width and the reader's n. */
  readonly rows: readonly EpsilonRow[];
  /** Each curve's right end, where its label goes (`short`: the label on a phone). */
  readonly ends: readonly (EpsilonRow & { readonly short: string })[];
  /** The floor for any arrangement at the reader's n: zero up to m = n, then Welch's (Levenstein's). */
  readonly floor: readonly { readonly m: number; readonly floor: number }[];
}

/** ε = √(8 ln m / n) against m (log axis) for the reader's n and the reference widths. */
export function epsilonFigureData(s: Scenario, r: CalculatorResults): EpsilonFigureData {
  const { n, m } = s;
  const mTo = Math.max(1e9, withinDouble(m * 100));
  const ms = logSpace(2, mTo, SAMPLES).map((x) => Math.max(2, Math.round(x)));
  // ε ∝ √(ln m) is smooth on a log axis: the faint reference curves need a quarter of the points.
  const coarse = ms.filter((_, i) => i % 4 === 0 || i === ms.length - 1);
  const widths = [...REFERENCE_WIDTHS.filter((w) => w.n !== n).map((w) => ({ ...w, mine: false })), { label: "your n", n, mine: true }];
  const seriesOf = (w: (typeof widths)[number]) => (w.mine ? `your n = ${formatCount(n)}` : `${w.label} (n = ${formatCount(w.n)})`);
  const rows = widths.flatMap((w) => (w.mine ? ms : coarse).map((x) => ({ m: x, epsilon: epsilon(w.n, x), series: seriesOf(w), mine: w.mine })));
  // On a phone the curves are named by their width alone; the reader's is the bold one.
  const ends = widths.map((w) => ({ m: mTo, epsilon: epsilon(w.n, mTo), series: seriesOf(w), short: formatCount(w.n), mine: w.mine }));
  const floor = ms.map((x) => ({ m: x, floor: coherenceFloor(n, x) }));
  return { n, m, epsilon: required(r, "epsilon"), floorHere: required(r, "welch"), mTo, rows, ends, floor };
}

/** Describes the interference figure: what is drawn and where the reader is. */
export function describeEpsilonFigure(d: EpsilonFigureData): string {
  const widths = REFERENCE_WIDTHS.map((w) => formatCount(w.n)).join(", ");
  return (
    `Line chart of the interference ε = √(8 ln m / n) against the number of features m on a log axis, ` +
    `one curve per width n (${widths} and yours, n = ${formatCount(d.n)}). ε grows slowly with m and ` +
    `shrinks with n. At your m = ${formatCount(d.m)}, ε = ${formatNumber(d.epsilon)}. A dashed curve marks the floor ` +
    `that no arrangement of m directions in your n dimensions can go below (Welch's bound, Levenstein's where higher): ` +
    `${formatNumber(d.floorHere)} at your m.` +
    (d.epsilon > 1 ? ` Your ε is above 1, the size of a whole signal: there the post's formula has left its range.` : "")
  );
}

/** Where all m random features are still read right 90 % and 50 % of the time, at the reader's n. */
export interface AllRightBar {
  readonly lAt90: number;
  readonly lAt50: number;
}

/** What the sparsity figure draws. */
export interface SparsityFigureData {
  readonly n: number;
  readonly m: number;
  readonly l: number;
  /** Whether the signal beats the post's noise at (n, m, l): the calculator's verdict. */
  readonly beats: boolean;
  /** ε√l and n / (8 ln m) at the reader's n: the calculator's outputs. */
  readonly noise: number;
  readonly lMaxHere: number;
  readonly nFrom: number;
  readonly nTo: number;
  /** n / (8 ln m) against n. */
  readonly curve: readonly { readonly n: number; readonly lMax: number }[];
  /** The all-right band (the calculator's l at 90 % and 50 %), when computed for this n. */
  readonly band: AllRightBar | undefined;
}

/** The largest l, n / (8 ln m), against n (log axes) for the reader's m, with (n, l) marked. */
export function sparsityFigureData(s: Scenario, r: CalculatorResults): SparsityFigureData {
  const { n, m, l } = s;
  const nFrom = Math.max(1, Math.min(16, n / 4));
  const nTo = Math.max(65536, withinDouble(n * 4));
  const curve = logSpaceIntegers(nFrom, nTo, SAMPLES).map((x) => ({ n: x, lMax: maxActiveFeatures(x, m) }));
  const lAt90 = valueOf(r, "l-at-90");
  const lAt50 = valueOf(r, "l-at-50");
  return {
    n,
    m,
    l,
    beats: r.verdict?.value === "signal",
    noise: required(r, "noise"),
    lMaxHere: required(r, "l-max"),
    nFrom,
    nTo,
    curve,
    band: lAt90 !== undefined && lAt50 !== undefined ? { lAt90, lAt50 } : undefined,
  };
}

/** Describes the sparsity figure: the boundary l = n / (8 ln m) and the reader's point. */
export function describeSparsityFigure(d: SparsityFigureData): string {
  const verdict = d.beats
    ? `below the line: the signal beats the noise (ε√l = ${formatNumber(d.noise)} < 1)`
    : `above the line: the noise wins (ε√l = ${formatNumber(d.noise)} ≥ 1)`;
  return (
    `Log-log chart of the largest number of simultaneously active features, l = n / (8 ln m), against ` +
    `the number of neurons n, for m = ${formatCount(d.m)} features. The shaded region under the line is ` +
    `where the signal beats the noise. Your point n = ${formatCount(d.n)}, l = ${formatCount(d.l)} lies ${verdict}; ` +
    `the limit at your n is l = ${formatNumber(d.lMaxHere)}.${describeAllRightBand(d.band)}`
  );
}

/** The sparsity figure's bar: where all m random features are read right 90 % and 50 % of the time. */
function describeAllRightBand(band: AllRightBar | undefined): string {
  if (band === undefined) return "";
  if (band.lAt90 < 1) return ` Even with one feature active, all m random features are read right less than 90 % of the time, so no bar is drawn.`;
  return (
    ` A bar at your n spans l = ${formatCount(band.lAt90)} to ${formatCount(band.lAt50)}: with m random features read against ½, ` +
    `all m are read right in 90 % of inputs up to the first and in half of them up to the second.`
  );
}

/** What the levels figure draws. */
export interface LevelsFigureData {
  readonly n: number;
  readonly m: number;
  readonly l: number;
  /** Levels at the reader's l: the calculator's output. */
  readonly levels: number;
  /** n / (8 ln m), marked on the l axis where it falls inside it. */
  readonly lMax: number;
  readonly lTo: number;
  /** √(n / (8 l ln m)) against l. */
  readonly curve: readonly { readonly l: number; readonly levels: number }[];
}

/** Distinguishable levels √(n / (8 l ln m)) against l (log axes), boolean-ish region shaded. */
export function levelsFigureData(s: Scenario, r: CalculatorResults): LevelsFigureData {
  const { n, m, l } = s;
  const lMax = maxActiveFeatures(n, m);
  const lTo = Math.max(2, Math.min(m, Math.max(l * 10, lMax * 10, 100)));
  const curve = logSpaceIntegers(1, lTo, SAMPLES).map((x) => ({ l: x, levels: activationLevels(n, m, x) }));
  return { n, m, l, levels: required(r, "levels"), lMax, lTo, curve };
}

/** Describes the levels figure: levels fall as 1/√l and the boolean-ish band below 2. */
export function describeLevelsFigure(d: LevelsFigureData): string {
  const where = d.levels < BOOLEAN_ISH_LEVELS ? "inside the boolean-ish band" : "above the boolean-ish band";
  return (
    `Log-log chart of the number of distinguishable activation levels, √(n / (8 l ln m)), against the ` +
    `number of active features l, for n = ${formatCount(d.n)} and m = ${formatCount(d.m)}. Levels fall as ` +
    `1/√l; the band below ${BOOLEAN_ISH_LEVELS} levels is shaded as boolean-ish. At your l = ${formatCount(d.l)} ` +
    `there are ${formatNumber(d.levels)} levels, ${where}.`
  );
}

/** Each calculator's figure data and its words, by calculator. */
export const CALCULATOR_FIGURE_DATA = {
  epsilon: { data: epsilonFigureData, describe: describeEpsilonFigure },
  sparsity: { data: sparsityFigureData, describe: describeSparsityFigure },
  levels: { data: levelsFigureData, describe: describeLevelsFigure },
} as const satisfies Record<CalculatorName, { data: (s: Scenario, r: CalculatorResults) => unknown; describe: (d: never) => string }>;

/** The numbers calculator `N`'s figure is drawn from. */
export type FigureData<N extends CalculatorName> = ReturnType<(typeof CALCULATOR_FIGURE_DATA)[N]["data"]>;
