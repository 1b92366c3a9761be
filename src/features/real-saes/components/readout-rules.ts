/**
 * The real-SAEs page's readout rules, made once at build time: for every published SAE's shape
 * (src/facts/real-saes.ts) read as if its m directions were random, the latents misread per token
 * under the post's threshold ½, under the best single threshold θ (the best a JumpReLU with one
 * shared threshold could do) and under TopK with k = L0, as the calculators compute them (each with
 * the digits its accuracy allows: src/numbers/error-rate-results.ts); and, for the SAEs in
 * {@link MEASURED_SAES}, the same three counted by the simulation's large readout (seeded, so a
 * rebuild gives the same numbers), each a mean over its inputs with its standard error.
 */
import { errorRateResults } from "../../../numbers/error-rate-results.ts";
import type { Result } from "../../../numbers/shown.ts";
import { SPARSE_AUTOENCODERS, type SparseAutoencoder } from "../../../facts/real-saes.ts";
import { simulateLargeReadoutSync } from "../../simulation/engine/large-readout.ts";

/**
 * The SAEs measured at build time, by id, with the inputs each run reads (every one of its m
 * latents against every input): GPT-2 small's OpenAI TopK SAE and Gemma Scope's 2B layer-12 16k
 * SAE at L0 82, the shapes of the site's notes. About a second each on one core.
 */
export const MEASURED_SAES: Readonly<Record<string, { readonly trials: number }>> = {
  "gpt-2-small-openai-topk-v5-32k": { trials: 256 },
  "gemma-2-2b-res-layer-12-16k-l0-82": { trials: 128 },
};

/** The seed of the build-time runs. */
export const READOUT_RULES_SEED = 1;

/** A count measured over the inputs of one run: its mean and standard error. */
export interface MeasuredCount {
  readonly mean: number;
  readonly se: number;
}

/** One SAE's row of the readout rules. */
export interface ReadoutRulesRow {
  readonly sae: SparseAutoencoder;
  /** Misreads per token read against ½. */
  readonly half: Result;
  /** The best single threshold θ, and the misreads per token read against it. */
  readonly threshold: Result;
  readonly atThreshold: Result;
  /** Misreads per token when the L0 largest readouts are taken as on. */
  readonly topk: Result;
  /** The three counted by the build-time run, for the SAEs in {@link MEASURED_SAES}. */
  readonly measured?: {
    readonly trials: number;
    readonly half: MeasuredCount;
    readonly atThreshold: MeasuredCount;
    readonly topk: MeasuredCount;
  };
}

function counted(mean: number, se: number | undefined): MeasuredCount {
  if (se === undefined) throw new Error("a build-time readout run needs more than one input for its standard error");
  return { mean, se };
}

/** The build-time run of one SAE's shape, its second threshold the best one. */
function measure(sae: SparseAutoencoder, trials: number, threshold: number): NonNullable<ReadoutRulesRow["measured"]> {
  const run = simulateLargeReadoutSync({ n: sae.n, m: sae.m, l: sae.l0, seed: READOUT_RULES_SEED, trials, threshold });
  if (!run.ok) throw new Error(`The build-time readout of ${sae.id} was refused: ${run.error.message}`);
  const r = run.result;
  return {
    trials,
    half: counted(r.misreadsMean, r.misreadsSe),
    atThreshold: counted(r.thresholdMisreadsMean, r.thresholdMisreadsSe),
    topk: counted(r.topkMisreadsMean, r.topkMisreadsSe),
  };
}

let rows: readonly ReadoutRulesRow[] | undefined;

/** Every SAE's row, computed (and measured) once per build. */
export function readoutRulesRows(): readonly ReadoutRulesRow[] {
  rows ??= SPARSE_AUTOENCODERS.map((sae) => {
    const rates = errorRateResults(sae.n, sae.m, sae.l0);
    const threshold = rates["best-threshold"];
    const plan = MEASURED_SAES[sae.id];
    const theta = threshold.value;
    return {
      sae,
      half: rates["expected-misreads"],
      threshold,
      atThreshold: rates["misreads-best-threshold"],
      topk: rates["misreads-topk"],
      ...(plan !== undefined && theta !== undefined && theta > 0 && theta < 1 ? { measured: measure(sae, plan.trials, theta) } : {}),
    };
  });
  return rows;
}
