/**
 * What the dictionary tool does, as a hook: takes the reader's files (the weights, and a cfg.json
 * beside them), opens the weights in a Web Worker (headers only), measures the chosen array's
 * geometry on a pool of workers (measure-on-pool.ts), then its readouts at the L0 in the field and
 * random directions' at the same shape (their TopK misreads on a pool of the simulation's readout
 * workers), and keeps the state the island shows.
 *
 * Runs, and what stops them: a new file, another array, axis or mode, or Measure starts a new
 * measurement and gives up the one going; a new L0 starts new readouts (after a short pause, so
 * that typing "82" does not start a run at 8) and gives up the readouts going, never the geometry;
 * Cancel gives up whatever runs. A given-up run's late answers are ignored (each run has a number;
 * an answer for an older one is dropped), so the tool takes the next file at once.
 */
import { useEffect, useRef, useState } from "preact/hooks";
import { JobCancelled, JobFailed } from "../../../compute/jobs/pool.ts";
import { misreadsResult } from "../../../numbers/error-rate-results.ts";
import { formatCount } from "../../../numbers/format.ts";
import { estimate } from "../../../numbers/shown.ts";
import { useWorkerPool } from "../../../ui/worker-pool.ts";
import type { WorkerLike } from "../../../ui/useWorkerJob.ts";
import type { RangeJob } from "../../simulation/engine/run.ts";
import { DictionaryFileError, describeBytes } from "../engine/errors.ts";
import { checkL0, DEFAULT_L0 } from "../engine/l0.ts";
import { measureGeometryOnPool, openOnPool, readoutsOnPool, shapeAlong, type OpenedDictionary } from "../engine/measure-on-pool.ts";
import type { PhaseProgress } from "../engine/pairs.ts";
import { planRandomTopk, randomTopkOnPool } from "../engine/random-topk.ts";
import type { DictionaryReport } from "../engine/results.ts";
import { checkConfigAgainst, parseSaeConfig, type SaeConfig } from "../engine/sae-config.ts";
import type { LatentAxis } from "../engine/stored-matrix.ts";
import type { DictionaryJob } from "../engine/worker-tasks.ts";

/** The island's state, as its root's data-state says it. */
export type DictionaryView = "idle" | "reading" | "measuring" | "done" | "error" | "cancelled";

/** What is under way: a phase of the measurement, or random directions' TopK simulation. */
export interface RunProgress {
  readonly step: PhaseProgress["phase"] | "random";
  readonly fraction: number;
}

/** The weights file the reader gave, as its worker opened it. */
export interface OpenedFile extends OpenedDictionary {
  readonly file: Blob;
  readonly name: string;
  readonly bytes: number;
}

export type MeasureMode = "auto" | "exact" | "sampled";

/** Which array is measured, along which axis, in which mode. */
export interface Selection {
  readonly index: number;
  readonly axis: LatentAxis;
  readonly mode: MeasureMode;
}

/** A cfg.json the reader gave: what it says, and whether weights have used it yet. */
export interface GivenConfig {
  readonly name: string;
  readonly config: SaeConfig;
  readonly used: boolean;
}

export interface DictionaryState {
  readonly view: DictionaryView;
  readonly progress: RunProgress | undefined;
  /** What is wrong with the file or the run, for the alert by the picker. */
  readonly problem: string | undefined;
  /** What a cfg.json said (where L0 came from), for the line under the picker. */
  readonly configNote: string | undefined;
  readonly opened: OpenedFile | undefined;
  readonly selection: Selection;
  readonly config: GivenConfig | undefined;
  readonly report: DictionaryReport | undefined;
  /** Said once a run finishes or stops, for screen readers. */
  readonly announcement: string;
}

const INITIAL: DictionaryState = {
  view: "idle",
  progress: undefined,
  problem: undefined,
  configNote: undefined,
  opened: undefined,
  selection: { index: 0, axis: 0, mode: "auto" },
  config: undefined,
  report: undefined,
  announcement: "",
};

/** Largest cfg.json read: 1 MB (SAELens's and sparsify's are a few hundred bytes). */
const MAX_CONFIG_BYTES = 1e6;

export interface DictionaryRunOptions {
  readonly createWorker: () => WorkerLike;
  readonly createRandomWorker: () => WorkerLike;
  /** Workers in each pool. */
  readonly workers: number;
  /** Tokens the readouts read (at least 1 000 by default). */
  readonly tokens: number;
  /** Pause after the last change of L0 before its readouts start, in ms. */
  readonly rerunDelayMs: number;
}

/** A cfg.json by its name: the page tells the weights from the config by the extension. */
function isConfig(file: File): boolean {
  return /\.json$/i.test(file.name);
}

/** The reader's sentence for a failure, or undefined for a run that was only given up. */
function problemOf(error: unknown): string | undefined {
  if (error instanceof JobCancelled) return undefined;
  if (error instanceof JobFailed || error instanceof DictionaryFileError) return error.message;
  return `The measurement could not run: ${error instanceof Error ? error.message : String(error)}`;
}

/** The tool's state and what the reader can do (module header). */
export function useDictionaryRun({ createWorker, createRandomWorker, workers, tokens, rerunDelayMs }: DictionaryRunOptions) {
  const pool = useWorkerPool<DictionaryJob>(createWorker, workers, "The measurement");
  const randomPool = useWorkerPool<RangeJob>(createRandomWorker, workers, "The simulation of random directions");
  const [state, setState] = useState<DictionaryState>(INITIAL);
  const [l0Text, setL0Text] = useState(String(DEFAULT_L0));
  // The latest of each, for the runs (which outlive the render that started them).
  const current = useRef({ state, l0Text });
  current.current = { state, l0Text };
  /** Number of the measurement going (or last made): an answer for another is ignored. */
  const measurement = useRef(0);
  /** Number of the readouts going (or last made). */
  const readout = useRef(0);
  /** Whether a measurement's geometry is under way (readouts wait for it). */
  const measuring = useRef(false);

  const update = (change: Partial<DictionaryState> | ((s: DictionaryState) => Partial<DictionaryState>)) =>
    setState((s) => ({ ...s, ...(typeof change === "function" ? change(s) : change) }));

  /**
   * A run's progress, shown while it is still the current one, and only when what is shown
   * changes (a whole per cent, or the phase): each worker reports every 50 ms, and a render per
   * report would keep the main thread busy for nothing.
   */
  const progressOf = (isCurrent: () => boolean) => (p: PhaseProgress) => {
    if (!isCurrent()) return;
    const shown = current.current.state.progress;
    if (shown !== undefined && shown.step === p.phase && Math.floor(shown.fraction * 100) === Math.floor(p.fraction * 100)) return;
    update({ progress: { step: p.phase, fraction: p.fraction }, view: p.phase === "reading" ? "reading" : "measuring" });
  };

  const fail = (isCurrent: () => boolean, error: unknown) => {
    const problem = problemOf(error);
    if (!isCurrent() || problem === undefined) return;
    update({ view: "error", progress: undefined, problem, announcement: problem });
  };

  /** Readouts of the measured `report` at the L0 in the field, then random directions' at its shape. */
  const runReadouts = async (forMeasurement: number, report: DictionaryReport): Promise<void> => {
    if (measurement.current !== forMeasurement || measuring.current) return;
    const id = ++readout.current;
    const isCurrent = () => readout.current === id && measurement.current === forMeasurement;
    randomPool.cancel();
    const g = report.measured.geometry;
    const checked = checkL0(current.current.l0Text, g.live);
    const bare: DictionaryReport = { ...report, readouts: undefined, randomThreshold: undefined, randomTopk: undefined };
    if (!checked.ok) {
      // The field says what is wrong; the geometry stands.
      pool.cancel();
      update({ view: "done", progress: undefined, report: bare });
      return;
    }
    const l = checked.l;
    update({ view: "measuring", progress: { step: "readouts", fraction: 0 }, report: bare, problem: undefined });
    try {
      const readouts = await readoutsOnPool(pool, report.measured, l, { tokens }, progressOf(isCurrent));
      if (!isCurrent()) return;
      const randomThreshold = misreadsResult(g.n, g.live, l);
      const withReadouts: DictionaryReport = { ...bare, readouts, randomThreshold };
      update({ report: withReadouts, progress: { step: "random", fraction: 0 }, view: "measuring" });
      const plan = planRandomTopk(g.n, g.live, l, report.measured.seed);
      let randomTopk: DictionaryReport["randomTopk"];
      if (!plan.ok) randomTopk = { reason: plan.reason };
      else {
        try {
          randomTopk = await randomTopkOnPool(randomPool, plan.params, (fraction) => {
            if (isCurrent() && Math.floor(fraction * 100) !== Math.floor((current.current.state.progress?.fraction ?? 0) * 100)) {
              update({ progress: { step: "random", fraction } });
            }
          });
        } catch (error) {
          const problem = problemOf(error);
          if (problem === undefined) return;
          randomTopk = { reason: problem };
        }
      }
      if (!isCurrent()) return;
      update({
        view: "done",
        progress: undefined,
        report: { ...withReadouts, randomTopk },
        announcement: `Read out at L0 = ${l}: ${estimate(readouts.misreadsThreshold, readouts.misreadsThresholdSe).text} latents misread per token against ½, ${estimate(readouts.misreadsTopk, readouts.misreadsTopkSe).text} with the top ${l} taken as on.`,
      });
    } catch (error) {
      fail(isCurrent, error);
    }
  };

  /** Measures `selection` of `opened`: its geometry, then its readouts. */
  const runMeasurement = async (opened: OpenedFile, selection: Selection, id: number): Promise<void> => {
    const isCurrent = () => measurement.current === id;
    const matrix = opened.matrices[selection.index]!;
    const size = shapeAlong(matrix, selection.axis);
    const ref = { file: opened.file, name: opened.name, matrix: matrix.name, axis: selection.axis };
    measuring.current = true;
    readout.current++;
    randomPool.cancel();
    update({ view: "reading", progress: { step: "reading", fraction: 0 }, report: undefined, problem: undefined, selection });
    let report: DictionaryReport;
    try {
      const measured = await measureGeometryOnPool(pool, ref, size, { mode: selection.mode }, progressOf(isCurrent));
      if (!isCurrent()) return;
      measuring.current = false;
      report = {
        file: { name: opened.name, format: opened.format, bytes: opened.bytes },
        matrix: { name: matrix.name, dtype: matrix.dtype, shape: matrix.shape, axis: selection.axis },
        measured,
      };
      const g = measured.geometry;
      update({
        report,
        announcement: `Measured ${matrix.name}: ${formatCount(g.live)} live latents of ${formatCount(g.n)} numbers, RMS |cos| ${estimate(g.rmsOverlap.value, g.rmsOverlap.se).text}.`,
      });
    } catch (error) {
      if (isCurrent()) measuring.current = false;
      return fail(isCurrent, error);
    }
    await runReadouts(id, report);
  };

  /**
   * Reads a cfg.json: what it says, and L0 from its k when it names one. Returns false when it
   * could not (the problem is then on screen).
   */
  const takeConfig = async (file: File, isCurrent: () => boolean): Promise<boolean> => {
    try {
      if (file.size > MAX_CONFIG_BYTES) {
        throw new DictionaryFileError(
          "config",
          `${file.name} is ${describeBytes(file.size)}: too large for an SAE's cfg.json (a few hundred bytes).`,
        );
      }
      const config = parseSaeConfig(await file.text(), file.name);
      if (!isCurrent()) return false;
      if (config.l0 !== undefined) setL0Text(String(config.l0));
      update({
        config: { name: file.name, config, used: false },
        configNote:
          config.l0 !== undefined
            ? `L0 = ${config.l0}, from ${file.name}’s ${config.l0Source}.`
            : `${file.name} names no L0 (no TopK k${config.architecture === undefined ? "" : `; architecture ${config.architecture}`}): the L0 field keeps its value.`,
      });
      return true;
    } catch (error) {
      fail(isCurrent, error);
      return false;
    }
  };

  /** Opens a weights file and measures its default array. */
  const takeWeights = async (file: File, id: number): Promise<void> => {
    const isCurrent = () => measurement.current === id;
    update({ view: "reading", progress: { step: "reading", fraction: 0 }, opened: undefined, report: undefined, problem: undefined });
    let opened: OpenedFile;
    try {
      const found = await openOnPool(pool, file, file.name);
      if (!isCurrent()) return;
      opened = { ...found, file, name: file.name, bytes: file.size };
    } catch (error) {
      if (isCurrent()) measuring.current = false;
      return fail(isCurrent, error);
    }
    const matrix = opened.matrices[opened.defaultIndex]!;
    const selection: Selection = { index: opened.defaultIndex, axis: matrix.latentAxis, mode: current.current.state.selection.mode };
    update((s) => ({ opened, config: s.config === undefined ? undefined : { ...s.config, used: true } }));
    await runMeasurement(opened, selection, id);
  };

  /** Gives up whatever runs, for a new measurement (its number). */
  const startOver = (): number => {
    const id = ++measurement.current;
    measuring.current = true;
    readout.current++;
    pool.cancel();
    randomPool.cancel();
    return id;
  };

  /**
   * The files the reader chose or dropped: at most one weights file and one cfg.json. A cfg.json
   * applies to the weights given with it, or to the next weights given alone (alone, it also reads
   * the measured dictionary out again at its L0); weights given alone after a cfg.json was used
   * forget it.
   */
  const takeFiles = async (files: readonly File[]): Promise<void> => {
    if (files.length === 0) return;
    const weights = files.filter((f) => !isConfig(f));
    const configs = files.filter(isConfig);
    if (weights.length > 1 || configs.length > 1) {
      const id = startOver();
      measuring.current = false;
      const many = weights.length > 1 ? weights : configs;
      fail(
        () => measurement.current === id,
        new DictionaryFileError(
          "request",
          `One ${weights.length > 1 ? "weights file" : "cfg.json"} at a time, please: ${many.map((f) => f.name).join(", ")} were given together.`,
        ),
      );
      return;
    }
    if (weights.length === 0) {
      await takeConfig(configs[0]!, () => true);
      return;
    }
    const id = startOver();
    const isCurrent = () => measurement.current === id;
    if (configs.length === 1) {
      if (!(await takeConfig(configs[0]!, isCurrent))) {
        if (isCurrent()) measuring.current = false;
        return;
      }
    } else if (current.current.state.config?.used === true) {
      update({ config: undefined, configNote: undefined });
    }
    await takeWeights(weights[0]!, id);
  };

  /** Measures again: another array, axis or mode of the open file, or the same one after a cancel. */
  const select = (change: Partial<Selection>) => {
    const opened = current.current.state.opened;
    const base = current.current.state.selection;
    let selection: Selection = { ...base, ...change };
    if (change.index !== undefined && change.index !== base.index && opened !== undefined && change.axis === undefined) {
      selection = { ...selection, axis: opened.matrices[change.index]!.latentAxis };
    }
    if (opened === undefined) {
      update({ selection });
      return;
    }
    void runMeasurement(opened, selection, startOver());
  };

  const measure = () => {
    const opened = current.current.state.opened;
    if (opened === undefined) {
      startOver();
      measuring.current = false;
      update({ view: "error", progress: undefined, problem: "Choose a weights file first, or drop one on this box.", announcement: "" });
      return;
    }
    select({});
  };

  const cancel = () => {
    if (measuring.current) {
      measurement.current++;
      measuring.current = false;
    }
    readout.current++;
    pool.cancel();
    randomPool.cancel();
    update({ view: "cancelled", progress: undefined, announcement: "Cancelled: what was measured before stays on screen." });
  };

  // A new L0 reads out again, after a pause, the geometry as it is.
  useEffect(() => {
    const report = current.current.state.report;
    if (report === undefined || measuring.current) return;
    const checked = checkL0(l0Text, report.measured.geometry.live);
    if (checked.ok && report.readouts?.l === checked.l) return;
    const forMeasurement = measurement.current;
    const timer = setTimeout(
      () => {
        // Only the dictionary still on screen: a file given since has taken its place.
        if (current.current.state.report?.measured === report.measured) void runReadouts(forMeasurement, report);
      },
      checked.ok ? rerunDelayMs : 0,
    );
    return () => clearTimeout(timer);
    // Only a new L0 reads out again: the runs themselves read the latest of everything.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [l0Text]);

  const configProblems = (() => {
    const { opened, config, selection } = state;
    if (opened === undefined || config === undefined) return [];
    return checkConfigAgainst(config.config, shapeAlong(opened.matrices[selection.index]!, selection.axis));
  })();

  return { state, l0Text, setL0Text, takeFiles, select, measure, cancel, configProblems, workers };
}
