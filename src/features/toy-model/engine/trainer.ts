/**
 * A training run in progress: the model, its workspace, the kernel that computes on them and the
 * data stream, with each step cut into pieces of bounded cost. {@link trainStep} does one whole
 * step at once; the training generator (train.ts) does the same pieces with yields in between.
 * Both give the same weights.
 */
import { sampleRows, usesSkipping } from "./data.ts";
import { createToyModel, DATA_STREAM, type ToyModelState } from "./model.ts";
import {
  addEmptyRows,
  ADAM_BETA1,
  ADAM_BETA2,
  BATCH_SIZE,
  chooseMode,
  createWorkspace,
  LEARNING_RATE,
  type ForwardMode,
  type StepWorkspace,
} from "./step.ts";
import { createToyKernel, type ToyKernel, type ToyKernelChoice } from "./toy-kernel.ts";
import { createRandom, type Random } from "../../../math/random.ts";

/** What a trainer needs to know of a job (a validated `ToyModelSettings` has all of it). */
export interface TrainerSpec {
  readonly n: number;
  readonly m: number;
  readonly sparsity: number;
  readonly importance: number;
  readonly seed: number;
}

/** Estimated cost of the work, in nanoseconds per unit, measured on the development machine. */
const COST = {
  /** One feature of one sample drawn by the per-entry sampler; one nonzero by the skipping one. */
  drawEntry: 2,
  drawSkip: 20,
  /** One multiply-add in the kernel (wasm f64x2 / plain JavaScript). */
  mac: { "wasm-simd": 0.5, js: 2 },
  /** One feature of one sample in the elementwise pass. */
  elementwise: 3,
  /** One parameter's Adam update; one entry of A cleared. */
  adam: 4,
  clear: 0.5,
} as const;

/** Target estimated cost of one piece of a step: 0.25 ms. */
const PIECE_NS = 250_000;

/** A training run: model, workspace, kernel and data stream, and how a step is cut into pieces. */
export interface Trainer {
  readonly spec: TrainerSpec;
  readonly state: ToyModelState;
  readonly ws: StepWorkspace;
  readonly kernel: ToyKernel;
  /** The seed's data stream; each step draws its batch from it. */
  readonly random: Random;
  /** Samples per piece of the sampling and forward/backward phases. */
  readonly rowsPerPiece: number;
  /** Rows of WᵀW, and columns of ∂L/∂W, per piece. */
  readonly columnsPerPiece: number;
  /** Estimated cost in ns of: drawing one sample, its forward/backward pass, one row of WᵀW or
   * one column of ∂L/∂W, and the Adam update. */
  readonly cost: { readonly draw: number; readonly row: number; readonly column: number; readonly update: number };
}

/**
 * A fresh trainer for a job: the model of `createToyModel(n, m, importance, seed)`, a workspace
 * for batches of `size` (default {@link BATCH_SIZE}), the data stream of the seed, and a kernel
 * ("auto": WebAssembly SIMD when available). `mode` overrides the forward form {@link chooseMode}
 * picks (for tests: both give the same numbers up to rounding). Domain: a validated job.
 */
export function createTrainer(spec: TrainerSpec, kernelChoice: ToyKernelChoice = "auto", mode?: ForwardMode, size = BATCH_SIZE): Trainer {
  const { n, m, sparsity } = spec;
  const forward = mode ?? chooseMode(n, m, sparsity);
  const kernel = createToyKernel(kernelChoice, n, m, size);
  const state = createToyModel(n, m, spec.importance, spec.seed, kernel.allocate);
  const ws = createWorkspace(n, m, forward, size, kernel.allocate);
  kernel.bind(state, ws);
  const mac = COST.mac[kernel.name];
  const l = m * (1 - sparsity);
  const draw = usesSkipping(m, sparsity) ? (l + 1) * COST.drawSkip : m * COST.drawEntry;
  // g is taken as half dense (b = 0 at the start): A gets about l·m/2 terms per sample.
  const forwardCost = forward === "gram" ? l * m : (l + m) * n;
  const row = (forwardCost + (l * m) / 2) * mac + m * COST.elementwise;
  const column = n * m * mac;
  const rowsPerPiece = Math.max(1, Math.min(size, Math.floor(PIECE_NS / (draw + row))));
  const columnsPerPiece = Math.max(1, Math.min(m, Math.floor(PIECE_NS / column)));
  return {
    spec,
    state,
    ws,
    kernel,
    random: createRandom(spec.seed, DATA_STREAM),
    rowsPerPiece,
    columnsPerPiece,
    cost: { draw, row, column, update: (n + 1) * m * COST.adam + m * m * COST.clear },
  };
}

/** Draws samples from … to − 1 of the step's batch. */
export function drawRows(trainer: Trainer, from: number, to: number): void {
  sampleRows(trainer.random, trainer.ws.batch, trainer.spec.sparsity, from, to);
}

/**
 * Ends a step whose samples have all been accumulated and whose ∂L/∂W columns are all computed:
 * Adam updates W and b, the accumulators are cleared, and the step's loss (before the update,
 * (1/B) Σ_batch Σᵢ Iᵢ (xᵢ − x′ᵢ)²) is returned.
 */
export function updateParameters(trainer: Trainer): number {
  const { state, ws, kernel } = trainer;
  state.t++;
  state.beta1Power *= ADAM_BETA1;
  state.beta2Power *= ADAM_BETA2;
  const stepSize = LEARNING_RATE / (1 - state.beta1Power);
  const root2 = Math.sqrt(1 - state.beta2Power);
  kernel.adam(state.w, ws.gradW, state.w1, state.w2, stepSize, root2);
  kernel.adam(state.b, ws.gradB, state.b1, state.b2, stepSize, root2);
  const loss = ws.lossSum / ws.batch.size;
  ws.a.fill(0);
  ws.gradB.fill(0);
  ws.lossSum = 0;
  return loss;
}

/**
 * The loss and gradient of the batch now in the workspace, at the current parameters: leaves
 * ∂L/∂W in ws.gradW (the model's layout) and ∂L/∂b in ws.gradB, and returns the loss. Does not
 * update anything; clears the accumulators first.
 */
export function lossAndGradient(trainer: Trainer): number {
  const { state, ws, kernel } = trainer;
  const { m } = state;
  ws.a.fill(0);
  ws.gradB.fill(0);
  ws.lossSum = 0;
  ws.emptyRows = 0;
  if (ws.mode === "gram") kernel.gram(0, m);
  kernel.accumulate(0, ws.batch.size);
  addEmptyRows(state, ws);
  kernel.gradient(0, m);
  return ws.lossSum / ws.batch.size;
}

/** One whole training step: a fresh batch, loss and gradient, Adam update; returns the loss. */
export function trainStep(trainer: Trainer): number {
  drawRows(trainer, 0, trainer.ws.batch.size);
  lossAndGradient(trainer);
  return updateParameters(trainer);
}
