/**
 * The dictionary page's figures, what they show and their words, without Plot: the marks of the
 * |cos| histogram and how far its axis runs, the rows of the map of SAEs with the reader's
 * dictionary among them, and the text descriptions of both (for screen readers, and for the
 * island to show without loading Plot). dictionary-figures.ts draws from these same lists, so a
 * description never names a mark the figure does not draw.
 */
import { maxActiveFeatures, typicalMaxActiveFeatures } from "../../../math/formulas.ts";
import { saeName, sparseAutoencoderFigures, SPARSE_AUTOENCODERS } from "../../../facts/real-saes.ts";
import { formatCount, formatNumber } from "../../../numbers/format.ts";
import type { DictionaryGeometry } from "../engine/geometry.ts";

/** One of the overlaps the histogram marks. */
export interface HistogramMark {
  readonly x: number;
  readonly label: string;
  readonly kind: "welch" | "random" | "post";
  /** False when it lies beyond the axis, so no rule is drawn. */
  readonly drawn: boolean;
}

/**
 * Where the histogram's |cos| axis ends: a little past the largest of the dictionary's largest
 * overlap, the post's ε and the last bin random directions expect half a pair in; at most 1.
 */
export function histogramEnd(g: DictionaryGeometry): number {
  let randomTail = 0;
  g.histogram.random.forEach((expected, b) => {
    if (expected >= 0.5) randomTail = (b + 1) / g.histogram.bins;
  });
  const end = Math.max(g.maxOverlap.value, g.comparison.postEpsilon, randomTail) * 1.08;
  return Math.min(1, Math.max(end, 0.05));
}

/** The histogram's marks: Welch's floor, 1/√n (random directions' RMS |cos|) and the post's ε. */
export function histogramMarks(g: DictionaryGeometry): HistogramMark[] {
  const end = histogramEnd(g);
  return [
    { x: g.comparison.welch, label: "Welch floor", kind: "welch" as const },
    { x: g.comparison.randomRms, label: "1/√n", kind: "random" as const },
    { x: g.comparison.postEpsilon, label: "ε (post)", kind: "post" as const },
  ].map((mark) => ({ ...mark, drawn: mark.x > 0 && mark.x <= end }));
}

/** Pairs the measured histogram puts above `x` (whole bins from the one holding x). */
function pairsFrom(counts: Float64Array, x: number): number {
  let total = 0;
  for (let b = Math.min(counts.length - 1, Math.floor(x * counts.length)); b < counts.length; b++) total += counts[b]!;
  return total;
}

/** The histogram's text description: what is counted, where the bulk and the tail lie, against random directions and the marks. */
export function describeOverlapHistogram(g: DictionaryGeometry): string {
  const marks = histogramMarks(g);
  const marked = (m: HistogramMark) => (m.drawn ? "marked" : "beyond the axis, not drawn");
  const [welch, random, post] = marks as [HistogramMark, HistogramMark, HistogramMark];
  const what =
    g.mode === "exact"
      ? `all ${formatCount(g.histogram.pairs)} pairs of the ${formatCount(g.live)} live latents`
      : `the ${formatCount(g.histogram.pairs)} pairs of a random subset of ${formatCount(g.sampled?.subset ?? 0)} live latents`;
  const beyondPost = pairsFrom(g.histogram.counts, g.comparison.postEpsilon);
  return (
    `Histogram of |cos| between the latents' directions, ${what}, on a logarithmic count axis, with the counts random directions ` +
    `in ${formatCount(g.n)} dimensions would give for as many pairs drawn as a line. The dictionary's RMS |cos| is ` +
    `${formatNumber(g.rmsOverlap.value)} against ${formatNumber(g.comparison.randomRms)} for random directions (1/√n, ${marked(random)}) and ` +
    `Welch's floor ${formatNumber(g.comparison.welch)} (${marked(welch)}); its largest |cos| is ${formatNumber(g.maxOverlap.value)}` +
    `${g.maxOverlap.lowerBound ? " (the largest found in the sample)" : ""}. The post's ε = ${formatNumber(g.comparison.postEpsilon)} ` +
    `(${marked(post)}) is ${beyondPost === 0 ? "beyond every pair counted" : `reached by about ${formatCount(beyondPost)} of the pairs counted`}.`
  );
}

/** A row of the map: an SAE's L0 between the post's limit n / (8 ln m) and the typical reading's n / 4. */
export interface MapRow {
  readonly label: string;
  readonly l0: number;
  readonly lMax: number;
  readonly typical: number;
  readonly yours: boolean;
}

/** The reader's dictionary as the map places it: its n, its live latents as m, and the L0 it was read at. */
export interface YourDictionary {
  readonly n: number;
  readonly m: number;
  readonly l0: number;
}

/** The map's rows: the reader's dictionary first, then the published SAEs of src/facts/real-saes.ts. */
export function mapRows(yours: YourDictionary): MapRow[] {
  return [
    {
      label: `Your dictionary: n ${formatCount(yours.n)}, m ${formatCount(yours.m)}, L0 ${formatCount(yours.l0)}`,
      l0: yours.l0,
      lMax: maxActiveFeatures(yours.n, yours.m),
      typical: typicalMaxActiveFeatures(yours.n),
      yours: true,
    },
    ...SPARSE_AUTOENCODERS.map((sae) => {
      const f = sparseAutoencoderFigures(sae);
      return { label: saeName(sae), l0: sae.l0, lMax: f.lMax, typical: f.typicalLimit, yours: false };
    }),
  ];
}

/** The map's text description: where the reader's dictionary sits against the post's limit and the published SAEs. */
export function describeDictionaryMap(yours: YourDictionary): string {
  const [mine, ...published] = mapRows(yours) as [MapRow, ...MapRow[]];
  const past = mine.l0 / mine.lMax;
  const beyondPublished = published.filter((r) => r.l0 / r.lMax < past).length;
  return (
    `Chart with one row per sparse autoencoder on a log axis of latents active per token: each row marks the post's limit n / (8 ln m), ` +
    `the typical reading's limit n / 4, and the SAE's L0 as a dot. Your dictionary, on the first row, has L0 = ${formatCount(mine.l0)}: ` +
    `${formatNumber(past)} times the post's limit of ${formatNumber(mine.lMax)}, ${mine.l0 < mine.typical ? "below" : "at or above"} the typical ` +
    `limit of ${formatCount(mine.typical)}. It runs further past the post's limit than ${beyondPublished} of the ${published.length} published SAEs.`
  );
}
