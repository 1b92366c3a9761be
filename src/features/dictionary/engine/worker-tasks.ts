/**
 * The dictionary measurement as jobs of the worker protocol (src/compute/jobs/protocol.ts): what a
 * page sends each of its Web Workers, and what comes back. A worker keeps the dictionary it loaded
 * (exact mode) so that readouts at a new L0 read nothing again.
 *
 * How a page runs a measurement on W workers (each task is one "start" message; results are
 * combined in a fixed order, so they do not depend on W):
 *
 *   1. { task: "open", file }                       one worker: the file's 2-D arrays (headers only)
 *   2. exact mode (chooseMode(m, n) in measure.ts):
 *      { task: "load", file, matrix, axis }         every worker: all live latents into its kernel
 *      { task: "pairs", share: { index: w, of: W } }  every worker: its tile rows → PairsPart
 *      combinePairParts(parts) → exactGeometry(totals, latents, dead, m, n)
 *      { task: "readouts-in-memory", l, tokens, seed, tokenFrom, tokenTo }  tokens split W ways
 *      combineReadoutParts(parts, tokens, live)
 *   3. sampled mode:
 *      { task: "worst", file, matrix, axis, sample, range }   splitLatents(m, W) → WorstPart each
 *      combineWorstParts(parts, m)  (this also gives every dead latent)
 *      { task: "load", file, matrix, axis, latents: subset }  every worker: the pair subset
 *      { task: "pairs", share, rowSums: true } → sampledGeometry(combinePairParts(parts), …)
 *      { task: "release" }                            every holder: the subset's memory let go
 *      { task: "readout-inputs", file, matrix, axis, l, tokens, seed, dead }  one worker → inputs
 *      { task: "readouts-streamed", …, inputs, range }   splitLatents(m, W), then combineReadoutParts
 *
 * `file` is the reader's File (a Blob handle: posting it copies no bytes).
 */
import type { DriveOptions, Outcome } from "../../../compute/jobs/drive.ts";
import type { JobKind } from "../../../compute/jobs/protocol.ts";
import type { KernelChoice } from "../../../compute/kernels/kernel.ts";
import { blobSource } from "./byte-source.ts";
import { driveAsync, type DictionaryField } from "./drive-async.ts";
import { DictionaryFileError } from "./errors.ts";
import { latentReader, type LatentReader } from "./latent-rows.ts";
import { loadLatents, type LoadedLatents } from "./load.ts";
import { openDictionary } from "./open-dictionary.ts";
import { measurePairs, type PairsPart, type PairsShare, type PhaseProgress } from "./pairs.ts";
import { activeSets, readoutInputs, readoutsInMemory, readoutsStreamed, type ReadoutPart } from "./readouts.ts";
import type { LatentAxis } from "./stored-matrix.ts";
import { measureWorstRange, type LatentRange, type WorstPart } from "./worst.ts";

/** Which array of which file, read along which axis. */
export interface MatrixRef {
  readonly file: Blob;
  /** The file's name (a File carries it; a plain Blob needs it). */
  readonly name?: string;
  /** The array's name, as `open` lists it. */
  readonly matrix: string;
  readonly axis: LatentAxis;
}

/** A 2-D array of a file, as `open` describes it to the page. */
export interface MatrixSummary {
  readonly name: string;
  readonly dtype: string;
  readonly shape: readonly [number, number];
  readonly latentAxis: LatentAxis;
  readonly latentAxisReason: string;
  readonly latentAxisKnown: boolean;
}

export type DictionaryTask =
  | { readonly task: "open"; readonly file: Blob; readonly name?: string }
  | (MatrixRef & { readonly task: "load"; readonly latents?: Int32Array })
  | { readonly task: "pairs"; readonly share: PairsShare; readonly rowSums?: boolean }
  /** Lets go of the latents a load left (sampled mode's subset, once its pairs are measured). */
  | { readonly task: "release" }
  | (MatrixRef & { readonly task: "worst"; readonly sample: Int32Array; readonly range: LatentRange })
  | {
      readonly task: "readouts-in-memory";
      readonly l: number;
      readonly tokens: number;
      readonly seed: number;
      readonly tokenFrom: number;
      readonly tokenTo: number;
    }
  | (MatrixRef & {
      readonly task: "readout-inputs";
      readonly l: number;
      readonly tokens: number;
      readonly seed: number;
      readonly live: number;
      readonly dead: Int32Array;
    })
  | (MatrixRef & {
      readonly task: "readouts-streamed";
      readonly l: number;
      readonly tokens: number;
      readonly seed: number;
      readonly live: number;
      readonly dead: Int32Array;
      readonly inputs: Float32Array;
      readonly range: LatentRange;
    });

/** What each task returns. */
export type DictionaryTaskResult =
  | { readonly task: "open"; readonly format: string; readonly matrices: readonly MatrixSummary[]; readonly defaultIndex: number }
  | { readonly task: "load"; readonly count: number; readonly latents: Int32Array; readonly dead: Int32Array; readonly m: number; readonly n: number }
  | { readonly task: "pairs"; readonly part: PairsPart }
  | { readonly task: "release" }
  | { readonly task: "worst"; readonly part: WorstPart }
  | { readonly task: "readouts-in-memory" | "readouts-streamed"; readonly part: ReadoutPart }
  | { readonly task: "readout-inputs"; readonly inputs: Float32Array };

/** The dictionary worker's job kind. */
export type DictionaryJob = JobKind<DictionaryTask, PhaseProgress, DictionaryTaskResult, DictionaryField>;

export type DictionaryOutcome = Outcome<DictionaryTaskResult, PhaseProgress, DictionaryField>;

/** What a worker keeps between jobs: the dictionary it loaded last. */
export interface WorkerState {
  loaded: LoadedLatents | undefined;
}

async function readerFor(ref: MatrixRef): Promise<LatentReader> {
  const file = await openDictionary(blobSource(ref.file, ref.name));
  const matrix = file.matrices.find((candidate) => candidate.name === ref.matrix);
  if (matrix === undefined) throw new DictionaryFileError("request", `${file.name} has no 2-D array named "${ref.matrix}".`);
  return latentReader(matrix, ref.axis);
}

async function* runTask(task: DictionaryTask, state: WorkerState, kernel: KernelChoice): AsyncGenerator<PhaseProgress, DictionaryTaskResult, void> {
  switch (task.task) {
    case "open": {
      const file = await openDictionary(blobSource(task.file, task.name));
      const matrices = file.matrices.map((matrix) => ({
        name: matrix.name,
        dtype: matrix.dtype,
        shape: matrix.shape,
        latentAxis: matrix.latentAxis,
        latentAxisReason: matrix.latentAxisReason,
        latentAxisKnown: matrix.latentAxisKnown,
      }));
      return { task: "open", format: file.format, matrices, defaultIndex: file.defaultIndex };
    }
    case "load": {
      state.loaded = undefined; // let the old kernel go before the new one is made
      const reader = await readerFor(task);
      const loaded = yield* loadLatents(reader, task.latents, kernel);
      state.loaded = loaded;
      return { task: "load", count: loaded.count, latents: loaded.latents, dead: loaded.dead, m: reader.m, n: reader.n };
    }
    case "pairs":
    case "readouts-in-memory": {
      const loaded = state.loaded;
      if (loaded === undefined) throw new DictionaryFileError("request", "no dictionary is loaded in this worker: send a load task first");
      if (task.task === "pairs") return { task: "pairs", part: yield* measurePairs(loaded.kernel, loaded.count, task.share, task.rowSums ?? false) };
      const sets = activeSets(loaded.count, task.l, task.tokens, task.seed);
      return { task: "readouts-in-memory", part: yield* readoutsInMemory(loaded.kernel, loaded.count, sets, task.tokenFrom, task.tokenTo) };
    }
    case "release":
      state.loaded = undefined;
      return { task: "release" };
    case "worst":
      return { task: "worst", part: yield* measureWorstRange(await readerFor(task), task.sample, task.range, kernel) };
    case "readout-inputs": {
      const sets = activeSets(task.live, task.l, task.tokens, task.seed);
      return { task: "readout-inputs", inputs: yield* readoutInputs(await readerFor(task), sets, task.dead) };
    }
    case "readouts-streamed": {
      const sets = activeSets(task.live, task.l, task.tokens, task.seed);
      return { task: "readouts-streamed", part: yield* readoutsStreamed(await readerFor(task), task.inputs, sets, task.dead, task.range, kernel) };
    }
  }
}

/**
 * Runs one task with `state` (the worker's memory), in slices with progress and cancellation
 * (drive-async.ts). Never throws or rejects: a bad file or request gives status "error" with the
 * reader's message.
 */
export function runDictionaryTask(
  task: DictionaryTask,
  state: WorkerState,
  options: DriveOptions<PhaseProgress> & { readonly kernel?: KernelChoice } = {},
): Promise<DictionaryOutcome> {
  return driveAsync(
    () => runTask(task, state, options.kernel ?? "auto"),
    options,
    (_result, last) => ({ phase: last?.phase ?? "reading", fraction: 1 }),
  );
}
