/**
 * Training toy models so small (a few neurons, a few features) that the general trainer's
 * machinery costs more than their arithmetic: the phase diagrams train hundreds of them, each
 * with n·m + m = 4 … 9 parameters. Same model, same data, same initialisation and same Adam as the
 * general trainer (train.ts, step.ts), with two differences that make a step two to three times
 * cheaper at these sizes (n = 1, m = 2, measured here: 6 µs against 18 µs at p = 0.02, 14 against
 * 48 at p = 0.9), and about four times in lockstep (below):
 *
 *   data      the batch's B·m entries, exactly the core's distribution, are drawn into one dense
 *             array: at low density by the core's skipping sampler (`sampleRows` on one flat row of
 *             B·m entries, so a step costs about B·m·p draws instead of a restart per sample),
 *             otherwise by the core's per-entry rule in an inlined loop (the same numbers as
 *             `sampleRows` would give, without its sparse bookkeeping); in sparse batches the samples
 *             with no nonzero feature (y = b) are counted and handled together, as in the core;
 *   gradient  per sample, by the hand-derived formulas of the core (step.ts), dense over the n·m
 *             weights: with h = W x, y = Wᵀh + b, gⱼ = (2/B) Iⱼ (yⱼ − xⱼ) [yⱼ > 0],
 *             ∂L/∂bⱼ = Σ gⱼ and ∂L/∂Wⱼ = Σ (gⱼ h + xⱼ W g), column j of W being feature j.
 *
 * Importances are given feature by feature (the phase diagrams need 1 and r with r up to 10); the
 * initial weights can be mirrored feature by feature (a column negated), so that the restarts of
 * one cell can start from mirror images of one draw; and several models can train in lockstep on
 * one stream of batches, drawn once per step (see phase-diagram.ts).
 */
import { createSparseBatch, sampleRows, usesSkipping, type SparseBatch } from "./data.ts";
import { createToyModel, DATA_STREAM, PROBE_STREAM, type ToyModelState } from "./model.ts";
import { ADAM_BETA1, ADAM_BETA2, adamUpdate, BATCH_SIZE, LEARNING_RATE } from "./step.ts";
import { createRandom, type Random } from "../../../math/random.ts";

/** Most neurons of a small model: the trainer's dense per-sample loops are meant for n·m ≲ 10. */
export const MAX_SMALL_NEURONS = 4;
/** Most features of a small model. */
export const MAX_SMALL_FEATURES = 8;

/** A small model to train: its shape, data and starting point. */
export interface SmallModelSpec {
  /** Neurons, 1 … {@link MAX_SMALL_NEURONS}. */
  readonly n: number;
  /** Features, 2 … {@link MAX_SMALL_FEATURES}. */
  readonly m: number;
  /** Iᵢ for each feature (m finite numbers > 0): its weight in the loss. */
  readonly importances: readonly number[];
  /** S: the probability that a feature is 0 in an input, 0 ≤ S < 1. */
  readonly sparsity: number;
  /** Seed of the initial weights and (unless a shared batch is given) of the data, on the core's
   * streams (`createToyModel`, `DATA_STREAM`). */
  readonly seed: number;
  /** Features whose initial column Wᵢ is negated (default none): a mirror image of the same draw. */
  readonly mirrored?: readonly number[];
}

/**
 * A batch of B = 1 024 inputs of m features at sparsity S and the stream it is drawn from. Several
 * trainers may share one and step in lockstep on the same data (drawing it once): the restarts of a
 * phase-diagram cell do, since drawing costs about as much as one model's step.
 */
export interface SmallBatch {
  readonly m: number;
  readonly sparsity: number;
  readonly random: Random;
  /** The batch, dense: inputs[s·m + i] is feature i of sample s (B·m numbers). */
  readonly inputs: Float64Array;
  /** Scratch for the skipping sampler: one sparse row of B·m entries. */
  readonly flat: SparseBatch;
  /** Whether batches are drawn by skipping (the core's `usesSkipping` for B·m entries). */
  readonly skipping: boolean;
}

/**
 * An empty batch for m features at sparsity S, drawn from `random` (by default the data stream of
 * `seed`). Domain: m integer 2 … 8, 0 ≤ S < 1, seed a safe integer ≥ 0; otherwise a RangeError.
 */
export function createSmallBatch(m: number, sparsity: number, seed: number, random: Random = createRandom(seed, DATA_STREAM)): SmallBatch {
  if (!Number.isInteger(m) || m < 2 || m > MAX_SMALL_FEATURES) throw new RangeError(`m must be an integer 2 … ${MAX_SMALL_FEATURES}, got ${m}`);
  if (!(sparsity >= 0 && sparsity < 1)) throw new RangeError(`sparsity must be in [0, 1), got ${sparsity}`);
  if (!Number.isSafeInteger(seed) || seed < 0) throw new RangeError(`seed must be a safe integer ≥ 0, got ${seed}`);
  return {
    m,
    sparsity,
    random,
    inputs: new Float64Array(BATCH_SIZE * m),
    flat: createSparseBatch(1, BATCH_SIZE * m),
    skipping: usesSkipping(BATCH_SIZE * m, sparsity),
  };
}

/** A small model being trained: the core's model state, its batch and scratch space. */
export interface SmallTrainer {
  readonly spec: SmallModelSpec;
  /** W (by feature: Wᵢ at i·n … i·n + n − 1), b, importances and Adam state, as in the core. */
  readonly state: ToyModelState;
  /** The batch it trains on (its own, or shared with other trainers). */
  readonly batch: SmallBatch;
  readonly gradW: Float64Array;
  readonly gradB: Float64Array;
  /** Per-sample scratch: h, g and W g. */
  readonly h: Float64Array;
  readonly g: Float64Array;
  readonly wg: Float64Array;
}

/**
 * A fresh trainer: the weights of `createToyModel(n, m, ·, seed)` (Xavier-normal W, b = 0) with
 * the `mirrored` columns negated, the given importances, and `batch` (default: its own, on the
 * seed's data stream). Domain: n integer 1 … 4, m integer 2 … 8, importances m finite numbers > 0,
 * 0 ≤ S < 1, seed a safe integer ≥ 0, mirrored integers 0 … m − 1, a batch of the same m and S;
 * otherwise a RangeError naming the argument.
 */
export function createSmallTrainer(spec: SmallModelSpec, batch?: SmallBatch): SmallTrainer {
  const { n, m, importances, sparsity, seed, mirrored = [] } = spec;
  if (!Number.isInteger(n) || n < 1 || n > MAX_SMALL_NEURONS) throw new RangeError(`n must be an integer 1 … ${MAX_SMALL_NEURONS}, got ${n}`);
  const data = batch ?? createSmallBatch(m, sparsity, seed);
  if (data.m !== m || data.sparsity !== sparsity) throw new RangeError(`the batch must have m = ${m} and sparsity ${sparsity}`);
  if (importances.length !== m || !importances.every((v) => Number.isFinite(v) && v > 0)) {
    throw new RangeError(`importances must be m = ${m} finite numbers > 0, got [${importances.join(", ")}]`);
  }
  if (!Number.isSafeInteger(seed) || seed < 0) throw new RangeError(`seed must be a safe integer ≥ 0, got ${seed}`);
  for (const i of mirrored)
    if (!Number.isInteger(i) || i < 0 || i >= m) throw new RangeError(`mirrored features must be integers 0 … ${m - 1}, got ${i}`);
  const state = createToyModel(n, m, 1, seed);
  state.importance.set(importances);
  for (const i of mirrored) for (let k = 0; k < n; k++) state.w[i * n + k] = -state.w[i * n + k]!;
  return {
    spec,
    state,
    batch: data,
    gradW: new Float64Array(n * m),
    gradB: new Float64Array(m),
    h: new Float64Array(n),
    g: new Float64Array(m),
    wg: new Float64Array(n),
  };
}

const TWO_32 = 2 ** 32;
const INV_2_32 = 2 ** -32;

/**
 * Draws a fresh batch into `batch.inputs` from `random` (default: the batch's stream), from the
 * core's distribution: each entry 0 with probability S, otherwise uniform in (0, 1). At low density
 * (the core's `usesSkipping` for one row of B·m entries) by `sampleRows` on that row, scattered into
 * the dense array; otherwise by the core's per-entry rule — one 32-bit draw u per entry, kept when
 * u ≥ T = ⌈S·2³²⌉ with value (u − T + ½)/(2³² − T) — inlined here, which gives exactly the numbers
 * `sampleRows` would. Returns the nonzero entries drawn.
 */
export function drawSmallBatch(batch: SmallBatch, random: Random = batch.random): number {
  const { inputs, flat, skipping, sparsity } = batch;
  if (skipping) {
    const nonzero = sampleRows(random, flat, sparsity, 0, 1);
    inputs.fill(0);
    for (let p = 0; p < nonzero; p++) inputs[flat.index[p]!] = flat.value[p]!;
    return nonzero;
  }
  const state = random.state;
  let s0 = state[0]! | 0;
  let s1 = state[1]! | 0;
  let s2 = state[2]! | 0;
  let s3 = state[3]! | 0;
  const threshold = Math.ceil(sparsity * TWO_32);
  const perLevel = threshold < TWO_32 ? 1 / (TWO_32 - threshold) : 0;
  let nonzero = 0;
  for (let at = 0; at < inputs.length; at++) {
    // xoshiro128** (nextUint32 of random.ts, inlined as in data.ts): u is its output.
    const product = Math.imul(s1, 5);
    const u = Math.imul((product << 7) | (product >>> 25), 9) >>> 0;
    const t = s1 << 9;
    s2 ^= s0;
    s3 ^= s1;
    s1 ^= s2;
    s0 ^= s3;
    s2 ^= t;
    s3 = (s3 << 11) | (s3 >>> 21);
    // keep = [u ≥ T] as 0 or 1 without a branch (as in data.ts); "+ 0" turns −0 into 0.
    const keep = ((u - threshold + TWO_32) * INV_2_32) | 0;
    inputs[at] = (u - threshold + 0.5) * perLevel * keep + 0;
    nonzero += keep;
  }
  state[0] = s0;
  state[1] = s1;
  state[2] = s2;
  state[3] = s3;
  return nonzero;
}

/**
 * Adds the loss and gradient of the inputs now in `batch` (default: the trainer's) to gradW and gradB (cleared
 * first), and returns Σ_batch Σᵢ Iᵢ (xᵢ − x′ᵢ)² (not yet divided by B). Written without branches
 * on the data where the data are dense (the ReLU's gate as a 0/1 factor): at densities near ½ a
 * branch per entry is mispredicted half the time. Sparse batches (drawn by skipping) skip their
 * empty samples, which are then added together (y = b for all of them); dense batches take every
 * sample as it comes, empty ones included, which gives the same terms.
 * `route`: "auto" takes the unrolled code for n = 1, m = 2 and n = 2, m = 3 (the phase diagrams'
 * shapes; several times faster) and the general loops otherwise; "general" always the loops
 * (a reference for tests). Both do the same operations in the same order, so they give the same
 * numbers.
 */
export function accumulateSmallGradient(trainer: SmallTrainer, batch: SmallBatch = trainer.batch, route: "auto" | "general" = "auto"): number {
  const { n, m } = trainer.state;
  if (batch.m !== m) throw new RangeError(`the batch must have m = ${m} features, got ${batch.m}`);
  trainer.gradW.fill(0);
  trainer.gradB.fill(0);
  let counted: { loss: number; samples: number };
  if (route === "auto" && n === 1 && m === 2) counted = gradientOneByTwo(trainer, batch);
  else if (route === "auto" && n === 2 && m === 3) counted = gradientTwoByThree(trainer, batch);
  else counted = gradientGeneral(trainer, batch);
  return counted.loss + emptySamples(trainer, BATCH_SIZE - counted.samples);
}

/**
 * Samples with no nonzero input: y = b, so an error and a gradient only where bⱼ > 0, the same
 * for each; adds `count` times them to gradB and returns their loss.
 */
function emptySamples(trainer: SmallTrainer, count: number): number {
  const { m, b, importance } = trainer.state;
  const scale = (2 / BATCH_SIZE) * count;
  let loss = 0;
  for (let j = 0; j < m; j++) {
    const bj = b[j]!;
    if (bj > 0) {
      loss += importance[j]! * bj * bj;
      trainer.gradB[j] = trainer.gradB[j]! + scale * importance[j]! * bj;
    }
  }
  return count * loss;
}

/** The general per-sample loops (any small n, m): loss and the samples with a nonzero input. */
function gradientGeneral(trainer: SmallTrainer, batch: SmallBatch): { loss: number; samples: number } {
  const { state, gradW, gradB, h, g, wg } = trainer;
  const { inputs } = batch;
  const { n, m, w, b, importance } = state;
  const scale = 2 / BATCH_SIZE;
  let loss = 0;
  let samples = 0;
  const skipEmpty = batch.skipping;
  for (let x = 0; x < inputs.length; x += m) {
    if (skipEmpty) {
      let any = false;
      for (let i = 0; i < m; i++) if (inputs[x + i] !== 0) any = true;
      if (!any) continue;
    }
    samples++;
    for (let k = 0; k < n; k++) {
      let sum = 0;
      for (let i = 0; i < m; i++) sum += inputs[x + i]! * w[i * n + k]!;
      h[k] = sum;
    }
    for (let j = 0; j < m; j++) {
      let y = b[j]!;
      for (let k = 0; k < n; k++) y += w[j * n + k]! * h[k]!;
      const d = Math.max(y, 0) - inputs[x + j]!;
      loss += importance[j]! * d * d;
      const gj = scale * importance[j]! * d * +(y > 0);
      g[j] = gj;
      gradB[j] = gradB[j]! + gj;
    }
    for (let k = 0; k < n; k++) {
      let sum = 0;
      for (let j = 0; j < m; j++) sum += g[j]! * w[j * n + k]!;
      wg[k] = sum;
    }
    for (let j = 0; j < m; j++) {
      // Grouped as the unrolled routes group it, so that both give the same numbers.
      for (let k = 0; k < n; k++) gradW[j * n + k] = gradW[j * n + k]! + (g[j]! * h[k]! + inputs[x + j]! * wg[k]!);
    }
  }
  return { loss, samples };
}

/** n = 1, m = 2 unrolled: the weights and sums in local variables. */
function gradientOneByTwo(trainer: SmallTrainer, batch: SmallBatch): { loss: number; samples: number } {
  const { state, gradW, gradB } = trainer;
  const { inputs } = batch;
  const { w, b, importance } = state;
  const scale = 2 / BATCH_SIZE;
  const w0 = w[0]!;
  const w1 = w[1]!;
  const b0 = b[0]!;
  const b1 = b[1]!;
  const i0 = importance[0]!;
  const i1 = importance[1]!;
  let gw0 = 0;
  let gw1 = 0;
  let gb0 = 0;
  let gb1 = 0;
  let loss = 0;
  let samples = 0;
  const skipEmpty = batch.skipping;
  for (let x = 0; x < inputs.length; x += 2) {
    const x0 = inputs[x]!;
    const x1 = inputs[x + 1]!;
    if (skipEmpty && x0 === 0 && x1 === 0) continue;
    samples++;
    const h = w0 * x0 + w1 * x1;
    const y0 = b0 + w0 * h;
    const y1 = b1 + w1 * h;
    const d0 = Math.max(y0, 0) - x0;
    const d1 = Math.max(y1, 0) - x1;
    loss += i0 * d0 * d0;
    loss += i1 * d1 * d1;
    const g0 = scale * i0 * d0 * +(y0 > 0);
    const g1 = scale * i1 * d1 * +(y1 > 0);
    gb0 += g0;
    gb1 += g1;
    const wg = g0 * w0 + g1 * w1;
    gw0 += g0 * h + x0 * wg;
    gw1 += g1 * h + x1 * wg;
  }
  gradW[0] = gw0;
  gradW[1] = gw1;
  gradB[0] = gb0;
  gradB[1] = gb1;
  return { loss, samples };
}

/** n = 2, m = 3 unrolled (wᵢₖ = weight of feature i on neuron k). */
function gradientTwoByThree(trainer: SmallTrainer, batch: SmallBatch): { loss: number; samples: number } {
  const { state, gradW, gradB } = trainer;
  const { inputs } = batch;
  const { w, b, importance } = state;
  const scale = 2 / BATCH_SIZE;
  const w00 = w[0]!;
  const w01 = w[1]!;
  const w10 = w[2]!;
  const w11 = w[3]!;
  const w20 = w[4]!;
  const w21 = w[5]!;
  const b0 = b[0]!;
  const b1 = b[1]!;
  const b2 = b[2]!;
  const i0 = importance[0]!;
  const i1 = importance[1]!;
  const i2 = importance[2]!;
  let g00 = 0;
  let g01 = 0;
  let g10 = 0;
  let g11 = 0;
  let g20 = 0;
  let g21 = 0;
  let gb0 = 0;
  let gb1 = 0;
  let gb2 = 0;
  let loss = 0;
  let samples = 0;
  const skipEmpty = batch.skipping;
  for (let x = 0; x < inputs.length; x += 3) {
    const x0 = inputs[x]!;
    const x1 = inputs[x + 1]!;
    const x2 = inputs[x + 2]!;
    if (skipEmpty && x0 === 0 && x1 === 0 && x2 === 0) continue;
    samples++;
    const h0 = x0 * w00 + x1 * w10 + x2 * w20;
    const h1 = x0 * w01 + x1 * w11 + x2 * w21;
    const y0 = b0 + w00 * h0 + w01 * h1;
    const y1 = b1 + w10 * h0 + w11 * h1;
    const y2 = b2 + w20 * h0 + w21 * h1;
    const d0 = Math.max(y0, 0) - x0;
    const d1 = Math.max(y1, 0) - x1;
    const d2 = Math.max(y2, 0) - x2;
    loss += i0 * d0 * d0;
    loss += i1 * d1 * d1;
    loss += i2 * d2 * d2;
    const g0 = scale * i0 * d0 * +(y0 > 0);
    const g1 = scale * i1 * d1 * +(y1 > 0);
    const g2 = scale * i2 * d2 * +(y2 > 0);
    gb0 += g0;
    gb1 += g1;
    gb2 += g2;
    const wg0 = g0 * w00 + g1 * w10 + g2 * w20;
    const wg1 = g0 * w01 + g1 * w11 + g2 * w21;
    g00 += g0 * h0 + x0 * wg0;
    g01 += g0 * h1 + x0 * wg1;
    g10 += g1 * h0 + x1 * wg0;
    g11 += g1 * h1 + x1 * wg1;
    g20 += g2 * h0 + x2 * wg0;
    g21 += g2 * h1 + x2 * wg1;
  }
  gradW[0] = g00;
  gradW[1] = g01;
  gradW[2] = g10;
  gradW[3] = g11;
  gradW[4] = g20;
  gradW[5] = g21;
  gradB[0] = gb0;
  gradB[1] = gb1;
  gradB[2] = gb2;
  return { loss, samples };
}

/**
 * The model's loss (1/B) Σ Σᵢ Iᵢ (xᵢ − x′ᵢ)² averaged over `batches` fresh batches of B inputs drawn
 * from the probe stream of `probeSeed` (`PROBE_STREAM`, independent of the training data): the
 * same inputs for every model given the same seed, so that restarts compare on common inputs.
 * Changes neither the weights nor the trainer's batch (its gradient buffers are scratch).
 * Domain: probeSeed a safe integer ≥ 0, batches an integer ≥ 1; otherwise a RangeError.
 */
export function probeSmallLoss(trainer: SmallTrainer, probeSeed: number, batches: number): number {
  if (!Number.isInteger(batches) || batches < 1) throw new RangeError(`batches must be an integer ≥ 1, got ${batches}`);
  const { m } = trainer.state;
  const probe = createSmallBatch(m, trainer.batch.sparsity, probeSeed, createRandom(probeSeed, PROBE_STREAM));
  let sum = 0;
  for (let i = 0; i < batches; i++) {
    drawSmallBatch(probe);
    sum += accumulateSmallGradient(trainer, probe);
  }
  return sum / (batches * BATCH_SIZE);
}

/**
 * One Adam update on the batch now in `trainer.batch` (learning rate 10⁻³, β 0.9 / 0.999, as the
 * core): its loss (1/B) Σ_batch Σᵢ Iᵢ (xᵢ − x′ᵢ)² and gradient ({@link accumulateSmallGradient}),
 * then the update. Returns the loss before the update (≥ 0). Trainers sharing a batch each call
 * this after one {@link drawSmallBatch}.
 */
export function smallUpdate(trainer: SmallTrainer): number {
  const { state } = trainer;
  const loss = accumulateSmallGradient(trainer);
  state.t++;
  state.beta1Power *= ADAM_BETA1;
  state.beta2Power *= ADAM_BETA2;
  const stepSize = LEARNING_RATE / (1 - state.beta1Power);
  const root2 = Math.sqrt(1 - state.beta2Power);
  adamUpdate(state.w, trainer.gradW, state.w1, state.w2, stepSize, root2);
  adamUpdate(state.b, trainer.gradB, state.b1, state.b2, stepSize, root2);
  return loss / BATCH_SIZE;
}

/** One training step on a batch of its own: a fresh batch ({@link drawSmallBatch}), then
 * {@link smallUpdate}. Returns the batch loss before the update. */
export function smallTrainStep(trainer: SmallTrainer): number {
  drawSmallBatch(trainer.batch);
  return smallUpdate(trainer);
}
