/**
 * A measured dictionary as files the reader takes away: CSV (one row per quantity, the settings
 * first) and JSON (the settings, every output with its standard error, the largest pair, the dead
 * latents listed, the |cos| histogram beside random directions' expected counts). Enough to know
 * exactly what was measured and to run it again: the seed, the subsets' sizes, the tokens.
 */
import { toCsv, toJson, type Cell } from "../../../numbers/export.ts";
import { DEFAULT_SUBSET, DEFAULT_WORST_SAMPLE } from "./measure.ts";
import { dictionaryOutputs, DICTIONARY_OUTPUTS, type DictionaryReport } from "./results.ts";

/** "dictionary-sae_weights-W_dec.csv": the file's and the array's names, kept to safe characters. */
export function dictionaryFileName(report: DictionaryReport, extension: "csv" | "json"): string {
  const base = report.file.name.replace(/^.*[/\\]/, "").replace(/\.[^.]*$/, "");
  const safe = (text: string) => text.replace(/[^A-Za-z0-9._-]+/g, "-").replace(/^-+|-+$/g, "") || "array";
  return `dictionary-${safe(base)}-${safe(report.matrix.name)}.${extension}`;
}

/** What was measured and how, for both files. */
function settings(report: DictionaryReport) {
  const g = report.measured.geometry;
  return {
    file: report.file.name,
    format: report.file.format,
    bytes: report.file.bytes,
    array: report.matrix.name,
    dtype: report.matrix.dtype,
    shape: `${report.matrix.shape[0]} × ${report.matrix.shape[1]}`,
    latentAxis: report.matrix.axis === 0 ? "rows" : "columns",
    live: g.live,
    seed: report.measured.seed,
    pairsMeasured: g.histogram.pairs,
    sampledSubset: g.sampled?.subset,
    sampledWorstSample: g.sampled?.worstSample,
    l0: report.readouts?.l,
    tokens: report.readouts?.tokens,
    randomTopkInputs: report.randomTopk !== undefined && "inputs" in report.randomTopk ? report.randomTopk.inputs : undefined,
  };
}

interface Row extends Record<string, Cell> {
  quantity: string;
  value: Cell;
  standard_error: Cell;
  shown: Cell;
  meaning: string;
}

/** One row per setting, then one per output: quantity, value in full, standard error, as shown, meaning. */
export function dictionaryCsv(report: DictionaryReport): string {
  const outputs = dictionaryOutputs(report);
  const rows: Row[] = [
    ...Object.entries(settings(report)).map(([quantity, value]) => ({
      quantity,
      value,
      standard_error: undefined,
      shown: undefined,
      meaning: "setting",
    })),
    ...DICTIONARY_OUTPUTS.map((name) => {
      const o = outputs[name];
      return { quantity: name, value: o.value, standard_error: o.se, shown: o.value === undefined ? undefined : o.text, meaning: o.meaning };
    }),
  ];
  return toCsv(["quantity", "value", "standard_error", "shown", "meaning"], rows);
}

/** Everything measured, as JSON; `source` is the page's address. */
export function dictionaryJson(report: DictionaryReport, source?: string): string {
  const outputs = dictionaryOutputs(report);
  const g = report.measured.geometry;
  return toJson({
    what: "A sparse autoencoder's decoder measured in the browser: overlaps between its latents' unit vectors, and readouts of random tokens",
    source,
    settings: {
      ...settings(report),
      defaults: { sampledSubset: DEFAULT_SUBSET, sampledWorstSample: DEFAULT_WORST_SAMPLE },
    },
    outputs: Object.fromEntries(
      DICTIONARY_OUTPUTS.map((name) => [name, { value: outputs[name].value, se: outputs[name].se, meaning: outputs[name].meaning }]),
    ),
    maxOverlapPair: g.maxOverlap.pair,
    deadExamples: g.deadExamples,
    randomTopkNotSimulated: report.randomTopk !== undefined && "reason" in report.randomTopk ? report.randomTopk.reason : undefined,
    histogram: {
      bins: g.histogram.bins,
      over: "|cos| in [0, 1], equal bins",
      pairs: g.histogram.pairs,
      counts: Array.from(g.histogram.counts),
      randomExpected: Array.from(g.histogram.random),
    },
  });
}
