/**
 * Numbers of the toy-model page's build-time run, as the page's text quotes them: each written
 * exactly as the island's table writes it, so the text can never state a number the page does not
 * show (tests/build/toy-model.test.ts checks the two agree). Build time only.
 */
import { formatCount, formatNumber, formatPercent } from "../../../numbers/format.ts";
import { summarizeToyModel, type ToyModelSummary } from "../engine/summary.ts";
import { buildTimeToyModel } from "./build-time-runs.ts";

/** A number the text may quote, and how it is written. Absent measurements throw: the text would be wrong. */
const FACTS = {
  n: (s) => formatCount(s.settings.n),
  m: (s) => formatCount(s.settings.m),
  sparsity: (s) => String(s.settings.sparsity),
  steps: (s) => formatCount(s.settings.steps),
  seed: (s) => String(s.settings.seed),
  loss: (s) => formatNumber(s.finalLoss),
  represented: (s) => formatCount(s.represented),
  dropped: (s) => formatCount(s.settings.m - s.represented),
  "per-neuron": (s) => formatNumber(s.represented / s.settings.n),
  "rms-overlap": (s) => formatNumber(known(s.rmsOverlap)),
  "random-rms": (s) => formatNumber(s.randomRms),
  welch: (s) => formatNumber(known(s.welch)),
  "max-overlap": (s) => formatNumber(known(s.maxOverlap)),
  "random-max": (s) => formatNumber(s.randomMax),
  epsilon: (s) => formatNumber(s.epsilon),
  antipodal: (s) => formatCount(s.antipodalPairs),
  "linear-noise": (s) => formatNumber(known(s.linearNoise)),
  "random-noise": (s) => formatNumber(s.randomNoise),
  "relu-noise": (s) => formatNumber(known(s.reluNoise)),
  removed: (s) => formatPercent(known(s.removed)),
  "mean-bias": (s) => formatNumber(known(s.meanBias)),
  "expected-active": (s) => formatNumber(s.activeFeatures),
  "l-max": (s) => formatNumber(s.maxActiveFeatures),
} as const satisfies Record<string, (s: ToyModelSummary) => string>;

export type ToyModelFact = keyof typeof FACTS;

function known(x: number | undefined): number {
  if (x === undefined) throw new Error("the build-time toy model lacks a measurement the page's text quotes");
  return x;
}

/** The fact `name` of the build-time run, written as the page writes it. */
export function toyModelFact(name: ToyModelFact): string {
  return FACTS[name](summarizeToyModel(buildTimeToyModel()));
}
