/**
 * Training the toy model: a generator that does a bounded amount of work between yields (about
 * 1 ms, never more than one piece of a step — one sample's forward and backward pass at the very
 * least), so that a caller (a Web Worker) can report progress and stop at any point, and a
 * synchronous helper that runs it to the end (for the build, scripts and tests).
 *
 * The same settings and seed give the same weights and losses on the same JavaScript engine, with
 * either kernel, however the generator is driven (the yields do not change the arithmetic).
 */
import { addEmptyRows } from "./step.ts";
import { validateToyModel, type ToyModelError, type ToyModelInput, type ToyModelSettings } from "./settings.ts";
import type { ToyKernelChoice, ToyKernelName } from "./toy-kernel.ts";
import { createTrainer, drawRows, updateParameters, type Trainer } from "./trainer.ts";
import { runToEnd } from "../../../math/run-to-end.ts";

/** One point of the loss curve: the mean batch loss over the steps ending at `step`. */
export interface LossPoint {
  /** Last step of the interval (1-based). */
  readonly step: number;
  /** Mean over the interval's steps of the batch loss (1/B) Σ_batch Σᵢ Iᵢ (xᵢ − x′ᵢ)², ≥ 0. */
  readonly loss: number;
}

/** What the training generator yields: how far it is, and the loss curve so far (plain data). */
export interface ToyModelProgress {
  /** Steps completed. */
  readonly step: number;
  /** Steps in the job. */
  readonly steps: number;
  /** step / steps, 0 … 1. */
  readonly fraction: number;
  /** Mean batch loss of the current interval of the loss curve so far (or of the last complete
   * one if the current one has no step yet); undefined before the first step. */
  readonly loss: number | undefined;
  /** The loss curve so far (complete intervals only). */
  readonly history: readonly LossPoint[];
}

/** A trained model: its settings, W, b and loss curve (plain data, ready to post or serialise). */
export interface ToyModelResult {
  readonly settings: ToyModelSettings;
  /** The kernel that computed it (the weights do not depend on it). */
  readonly kernel: ToyKernelName;
  /** W, n × m row-major: W[k·m + i] is the weight of feature i on neuron k; column i is feature
   * i's direction Wᵢ ∈ ℝⁿ. */
  readonly W: number[];
  /** The bias b, m numbers. */
  readonly b: number[];
  /** The loss curve: at most {@link MAX_HISTORY_POINTS} points, the last at step = steps. */
  readonly history: LossPoint[];
  /** Mean batch loss over the last interval of the curve. */
  readonly finalLoss: number;
}

/** Most points of a loss curve. */
export const MAX_HISTORY_POINTS = 200;

/** Steps per point of the loss curve: ⌈steps / 200⌉ (the last interval may be shorter). */
export function historyInterval(steps: number): number {
  return Math.max(1, Math.ceil(steps / MAX_HISTORY_POINTS));
}

/** The generator yields after about this much estimated work: 1 ms. */
const YIELD_NS = 1e6;

/** W from the trainer's layout (by feature) to n × m row-major numbers. */
function weightsOf(trainer: Trainer): number[] {
  const { n, m, w } = trainer.state;
  const out = new Array<number>(n * m);
  for (let i = 0; i < m; i++) for (let k = 0; k < n; k++) out[k * m + i] = w[i * n + k]!;
  return out;
}

/**
 * Trains a validated job (from `validateToyModel`), yielding a {@link ToyModelProgress} after every
 * ~1 ms of estimated work (a step is cut into pieces of ~0.25 ms: rows of the batch, rows of WᵀW,
 * columns of ∂L/∂W), and returns the {@link ToyModelResult}. Stopping early is just not calling
 * next() again. `kernel`: "auto" (WebAssembly SIMD when available), "wasm-simd" or "js".
 * Domain: settings that pass `validateToyModel`; others throw a RangeError with its message (on
 * the first call of next()). The settings are checked again here, cheaply, so that no NaN can come
 * out of a job that skipped validation.
 */
export function* trainToyModel(settings: ToyModelSettings, kernel: ToyKernelChoice = "auto"): Generator<ToyModelProgress, ToyModelResult, void> {
  const checked = validateToyModel(settings);
  if (!checked.ok) throw new RangeError(checked.error.message);
  const trainer = createTrainer(settings, kernel);
  const { ws, cost, rowsPerPiece, columnsPerPiece } = trainer;
  const { m } = trainer.state;
  const size = ws.batch.size;
  const { steps } = settings;
  const interval = historyInterval(steps);
  const history: LossPoint[] = [];
  let intervalSum = 0;
  let intervalSteps = 0;
  let step = 0;
  let sinceYield = 0;
  const progress = (): ToyModelProgress => {
    sinceYield = 0;
    const loss = intervalSteps > 0 ? intervalSum / intervalSteps : history.at(-1)?.loss;
    return { step, steps, fraction: step / steps, loss, history: history.slice() };
  };
  for (step = 0; step < steps;) {
    for (let from = 0; from < size; from += rowsPerPiece) {
      const to = Math.min(size, from + rowsPerPiece);
      drawRows(trainer, from, to);
      sinceYield += (to - from) * cost.draw;
      if (sinceYield >= YIELD_NS) yield progress();
    }
    if (ws.mode === "gram") {
      for (let from = 0; from < m; from += columnsPerPiece) {
        const to = Math.min(m, from + columnsPerPiece);
        trainer.kernel.gram(from, to);
        sinceYield += ((to - from) * cost.column) / 2;
        if (sinceYield >= YIELD_NS) yield progress();
      }
    }
    for (let from = 0; from < size; from += rowsPerPiece) {
      const to = Math.min(size, from + rowsPerPiece);
      trainer.kernel.accumulate(from, to);
      sinceYield += (to - from) * cost.row;
      if (sinceYield >= YIELD_NS) yield progress();
    }
    addEmptyRows(trainer.state, ws);
    for (let from = 0; from < m; from += columnsPerPiece) {
      const to = Math.min(m, from + columnsPerPiece);
      trainer.kernel.gradient(from, to);
      sinceYield += (to - from) * cost.column;
      if (sinceYield >= YIELD_NS) yield progress();
    }
    const loss = updateParameters(trainer);
    step++;
    intervalSum += loss;
    intervalSteps++;
    if (intervalSteps === interval || step === steps) {
      history.push({ step, loss: intervalSum / intervalSteps });
      intervalSum = 0;
      intervalSteps = 0;
    }
    sinceYield += cost.update;
    if (sinceYield >= YIELD_NS && step < steps) yield progress();
  }
  yield progress();
  return {
    settings,
    kernel: trainer.kernel.name,
    W: weightsOf(trainer),
    b: Array.from(trainer.state.b),
    history,
    finalLoss: history.at(-1)!.loss,
  };
}

/**
 * Validates and trains a job to the end, synchronously (for the build, scripts and tests; a page
 * should drive {@link trainToyModel} in a worker). Domain: any input; an invalid or oversized job
 * gives the {@link ToyModelError} of `validateToyModel`, never an exception.
 */
export function trainToyModelSync(
  input: Partial<Record<keyof ToyModelInput, unknown>>,
  kernel: ToyKernelChoice = "auto",
): { ok: true; result: ToyModelResult } | { ok: false; error: ToyModelError } {
  const checked = validateToyModel(input);
  if (!checked.ok) return checked;
  return { ok: true, result: runToEnd(trainToyModel(checked.settings, kernel)) };
}
