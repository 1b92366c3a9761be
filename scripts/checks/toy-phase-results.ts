/**
 * The phase diagrams' numbers from the site's TypeScript engine, for scripts/checks/toy_phase.py
 * (which computes the same things in numpy and prints both side by side). Usage:
 *
 *     node scripts/checks/toy-phase-results.ts '{"losses": [...], "cells": {...}, "dimensionality": {...}}'
 *
 *   losses          [{w1, w2, b1, b2, density, importance}]: the exact expected loss of each
 *   cells           phase-diagram settings (src/features/toy-model/engine/phase-diagram.ts): the
 *                   trained grid, each cell's phase, best weights and theory
 *   dimensionality  {n, m, density, steps, seed}: one model trained by the site's trainer, its W
 *                   (n × m row-major), n/‖W‖²_F and every Dᵢ
 *
 * Prints one JSON object with the same keys.
 */
import { trainToyModelSync } from "../../src/features/toy-model/engine/train.ts";
import { dimensionsPerFeature, featureDimensionalities } from "../../src/features/toy-model/engine/feature-dimensionality.ts";
import { trainPhaseDiagram, validatePhaseDiagram } from "../../src/features/toy-model/engine/phase-diagram.ts";
import { expectedLossOneNeuron, optimalPhases } from "../../src/features/toy-model/engine/phase-theory.ts";

interface Request {
  readonly losses?: { w1: number; w2: number; b1: number; b2: number; density: number; importance: number }[];
  readonly cells?: Record<string, unknown>;
  readonly dimensionality?: { n: number; m: number; density: number; steps: number; seed: number };
}

const request = JSON.parse(process.argv[2] ?? "{}") as Request;
const out: Record<string, unknown> = {};

if (request.losses !== undefined) {
  out.losses = request.losses.map(({ density, importance, ...weights }) => ({
    loss: expectedLossOneNeuron(weights, density, importance),
    optimal: optimalPhases(density, importance),
  }));
}

if (request.cells !== undefined) {
  const checked = validatePhaseDiagram(request.cells);
  if (!checked.ok) throw new Error(checked.error.message);
  const start = performance.now();
  const job = trainPhaseDiagram(checked.settings);
  let next = job.next();
  while (!next.done) next = job.next();
  out.cells = { seconds: (performance.now() - start) / 1000, ...next.value };
}

if (request.dimensionality !== undefined) {
  const { n, m, density, steps, seed } = request.dimensionality;
  const start = performance.now();
  const outcome = trainToyModelSync({ n, m, sparsity: 1 - density, importance: 1, steps, seed });
  if (!outcome.ok) throw new Error(outcome.error.message);
  const weights = { n, m, W: outcome.result.W, b: outcome.result.b };
  out.dimensionality = {
    seconds: (performance.now() - start) / 1000,
    W: outcome.result.W,
    b: outcome.result.b,
    dimensionsPerFeature: dimensionsPerFeature(weights),
    dimensionalities: featureDimensionalities(weights),
  };
}

console.log(JSON.stringify(out));
