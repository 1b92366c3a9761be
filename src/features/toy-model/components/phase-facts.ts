/**
 * Numbers of the build's phase diagrams and sweep, as the page's text quotes them: each written
 * exactly as the islands write it (their summaries and tables), so that the text can never state a
 * number the page does not show (tests/build/toy-phase.test.ts checks the two agree). Build time only.
 */
import { maxActiveFeatures } from "../../../math/formulas.ts";
import { formatCount, formatNumber } from "../../../numbers/format.ts";
import { summarizePhaseDiagram, summarizeSweep, type PhaseDiagramSummary, type SweepSummary } from "../engine/phase-summary.ts";
import { canonicalBoundaryDensity } from "../engine/phase-theory.ts";
import { phaseBuildRuns, type PhaseBuildRuns } from "./phase-build-runs.ts";

interface Facts {
  readonly runs: PhaseBuildRuns;
  readonly one: PhaseDiagramSummary;
  readonly two: PhaseDiagramSummary;
  readonly sweep: SweepSummary;
}

/** The ½ plateau of the sweep; its absence makes the text wrong, so it throws. */
function half(facts: Facts) {
  const plateau = facts.sweep.plateaus.find((p) => p.label === "1/2");
  if (plateau === undefined) throw new Error("the build's sweep has no ½ plateau, which the page's text describes");
  return plateau;
}

function theory(summary: PhaseDiagramSummary) {
  if (summary.theory === undefined) throw new Error("the one-neuron grid lacks its theory, which the page's text quotes");
  return summary.theory;
}

/** p_opt at r = 1 and at r = 0.1: the boundary's peak and its left end. */
function boundaryAt(facts: Facts, importance: number): number {
  const point = facts.runs.boundary.find((p) => Math.abs(p.importance - importance) < 1e-12);
  if (point === undefined) throw new Error(`the build's boundary has no point at r = ${importance}`);
  return point.density;
}

/** The sweep's sparsest model. */
const sparsest = (facts: Facts) => facts.runs.sweep.points.at(-1)!;
/** The first model on the ½ plateau. */
const onHalf = (facts: Facts) => facts.runs.sweep.points.find((p) => Math.abs(p.inverseDensity - half(facts).from) < 1e-12)!;

const FACTS = {
  cells: (f) => formatCount(f.one.cells),
  agree: (f) => formatCount(theory(f.one).agree),
  far: (f) => formatCount(theory(f.one).far),
  "far-agree": (f) => formatCount(theory(f.one).farAgree),
  mixed: (f) => formatCount(f.one.mixedRestarts),
  restarts: (f) => formatCount(f.one.settings.restarts),
  "boundary-peak": (f) => formatNumber(boundaryAt(f, 1), 2),
  "boundary-tenth": (f) => formatNumber(boundaryAt(f, 0.1), 2),
  "canonical-peak": () => formatNumber(canonicalBoundaryDensity(1), 2),
  "canonical-tenth": () => formatNumber(canonicalBoundaryDensity(0.1), 2),
  // Both features active in the same input with probability p² at the peak.
  "both-active-peak": (f) => formatNumber(boundaryAt(f, 1) ** 2, 2),
  // The post's sparsity limit for one neuron and two features: l = 2p ≤ l_max = 1/(8 ln 2).
  "post-one-neuron": () => formatNumber(maxActiveFeatures(1, 2) / 2, 2),
  // How many times denser than that the theory keeps both features, at r = 1.
  "post-factor": (f) => formatNumber(boundaryAt(f, 1) / (maxActiveFeatures(1, 2) / 2), 2),
  "two-cells": (f) => formatCount(f.two.cells),
  "two-superposition": (f) => formatCount(f.two.phases.superposition ?? 0),
  "two-mixed": (f) => formatCount(f.two.mixedRestarts),
  "sweep-n": (f) => formatCount(f.runs.sweep.settings.n),
  "sweep-m": (f) => formatCount(f.runs.sweep.settings.m),
  "sweep-models": (f) => formatCount(f.runs.sweep.settings.points),
  "sweep-steps": (f) => formatCount(f.runs.sweep.settings.steps),
  "half-from": (f) => formatNumber(half(f).from),
  "half-to": (f) => formatNumber(half(f).to),
  "half-kept": (f) => formatCount(onHalf(f).post.represented),
  "half-per-neuron": (f) => formatNumber(onHalf(f).post.featuresPerNeuron),
  "half-post-per-neuron": (f) => formatNumber(onHalf(f).post.postFeaturesPerNeuron),
  "dense-kept": (f) => formatCount(f.runs.sweep.points[0]!.post.represented),
  "dense-inverse": (f) => formatNumber(f.runs.sweep.points[0]!.inverseDensity),
  "sparse-inverse": (f) => formatNumber(sparsest(f).inverseDensity),
  "sparse-kept": (f) => formatCount(sparsest(f).post.represented),
  "sparse-per-neuron": (f) => formatNumber(sparsest(f).post.featuresPerNeuron),
  "sparse-post-per-neuron": (f) => formatNumber(sparsest(f).post.postFeaturesPerNeuron),
  "sparse-dimensions": (f) => formatNumber(sparsest(f).dimensionsPerFeature),
  "sparse-rms": (f) => formatNumber(sparsest(f).post.rmsOverlap!),
  "sparse-welch": (f) => formatNumber(sparsest(f).post.welchFloor!),
} as const satisfies Record<string, (f: Facts) => string>;

export type PhaseFact = keyof typeof FACTS;

let facts: Facts | undefined;

/** The fact `name` of the build's runs, written as the page writes it. */
export function phaseFact(name: PhaseFact): string {
  if (facts === undefined) {
    const runs = phaseBuildRuns();
    facts = {
      runs,
      one: summarizePhaseDiagram(runs.diagrams["one-neuron"]),
      two: summarizePhaseDiagram(runs.diagrams["two-neurons"]),
      sweep: summarizeSweep(runs.sweep),
    };
  }
  return FACTS[name](facts);
}
