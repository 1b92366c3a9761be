/**
 * What the phase diagram and the dimensionality sweep (PhaseDiagram.tsx, DimensionalitySweep.tsx)
 * share as run islands: the page's scenario, a job of the phase worker split across Web Workers
 * (one per core), the core's refusal put next to its field, the fields, Run and Cancel, what is
 * announced, the progress of the parts together, and the time a run took in words.
 */
import { useState } from "preact/hooks";
import type { ParameterName } from "../../../numbers/parameters.ts";
import type { Scenario } from "../../../numbers/scenario.ts";
import { formatCount, formatNumber } from "../../../numbers/format.ts";
import type { ToyPhaseInput, ToyPhaseJob, ToyPhaseProgress, ToyPhaseResult } from "../engine/phase-jobs.ts";
import { TOY_MODEL_SCENARIO } from "../engine/scenario.ts";
import { Fields } from "../../../ui/Fields.tsx";
import { RunControls } from "../../../ui/RunControls.tsx";
import { useRunActions } from "../../../ui/useRunActions.ts";
import { useScenario } from "../../../ui/useScenario.ts";
import { splitWorkerCount, useSplitWorkerJob } from "../../../ui/useSplitWorkerJob.ts";
import type { WorkerLike } from "../../../ui/useWorkerJob.ts";
import { TOY_RUN_CLASSES } from "./run-classes.ts";

function startPhaseWorker(): WorkerLike {
  return new Worker(new URL("../engine/phase-worker.ts", import.meta.url), { type: "module" }) as unknown as WorkerLike;
}

type Checked = { readonly ok: true } | { readonly ok: false; readonly error: { readonly field: string; readonly message: string } };

interface PhaseRunOptions<F extends ParameterName, R extends ToyPhaseResult> {
  /** The island's fields, in the page's scenario (and the address). */
  fields: readonly F[];
  /** The island's field for each setting of the core the reader sets; a refusal of any other is said next to Run. */
  fieldOf: Readonly<Partial<Record<string, F>>>;
  /** The run's parts on the reader's scenario, each tagged with its kind of job. */
  jobs: (scenario: Scenario, parts: number) => ToyPhaseInput[];
  /** The core's check of a run in one part (its limits are on the whole run). */
  check: (input: ToyPhaseInput) => Checked;
  /** The parts' results put together, in part order (as the engine's merge). */
  merge: (results: R[]) => R;
  /** A finished run: its result, wall-clock seconds and parts. Gives the words announced. */
  onDone: (result: R, seconds: number, parts: number) => string;
  /** The work in the messages a reader may see ("The sweep could not start …"), and what is announced on Run. */
  what: string;
  starting: string;
  /** How to start a worker (for tests; the default is the phase jobs' module worker) and how many a run is split across. */
  createWorker?: (() => WorkerLike) | undefined;
  workers?: number | undefined;
}

/**
 * A phase island's run: its scenario state, the split job, the announcement, the root's ref, the
 * fields' extra messages, RunControls' wiring and `run` (which takes the reader to an invalid field
 * instead of starting). A finished run (the build's) is always on screen, so a cancel says so.
 */
export function usePhaseRun<F extends ParameterName, R extends ToyPhaseResult>(options: PhaseRunOptions<F, R>) {
  const { fields, fieldOf, jobs, check, what, starting, createWorker = startPhaseWorker, workers } = options;
  const [state, setField, pending] = useScenario(fields, TOY_MODEL_SCENARIO);
  const [announcement, setAnnouncement] = useState("");
  const job = useSplitWorkerJob<ToyPhaseJob, R>(
    createWorker,
    (results) => options.merge(results as R[]),
    (result, seconds, parts) => setAnnouncement(options.onDone(result, seconds, parts)),
    what,
  );

  const inputValid = fields.every((name) => state.errors[name] === undefined);
  const checked = inputValid ? check(jobs(state.scenario, 1)[0]!) : undefined;
  const jobError = checked && !checked.ok ? { field: fieldOf[checked.error.field] ?? ("job" as const), message: checked.error.message } : undefined;
  const { root, fieldErrors, focusInvalid, controls } = useRunActions<F | "job">({
    job,
    jobError,
    fields,
    announce: setAnnouncement,
    // The build's run is on screen until the reader's own replaces it.
    lastRun: true,
  });

  const run = () => {
    if (!checked?.ok) return focusInvalid();
    if (!job.start(jobs(state.scenario, workers ?? splitWorkerCount()))) return;
    setAnnouncement(starting);
  };

  return { fields, state, setField, pending, job, announcement, root, fieldErrors, controls, run };
}

/** A phase island's run, as `usePhaseRun` gives it. */
export type PhaseRun = ReturnType<typeof usePhaseRun>;

/**
 * A phase island's fields, Run and Cancel, and what is announced. While the run goes, its progress:
 * a bar at the mean of its parts' fractions, and "40%, 3 of 14 models", where `count` is what a
 * part has finished (read from its progress) and `total` what the whole run trains.
 */
export function PhaseRunControls({
  run,
  count,
  total,
  unit,
  label,
}: {
  run: PhaseRun;
  count: (progress: ToyPhaseProgress) => number;
  total: number;
  unit: string;
  label: string;
}) {
  const parts = run.job.progress;
  const done = parts.reduce((sum, p) => sum + (p === undefined ? 0 : count(p)), 0);
  const fraction = parts.length === 0 ? 0 : parts.reduce((sum, p) => sum + (p?.fraction ?? 0), 0) / parts.length;
  return (
    <>
      <Fields fields={run.fields} state={run.state} onInput={run.setField} sliders={false} extraErrors={run.fieldErrors} onSubmit={run.run} />
      <RunControls
        classes={TOY_RUN_CLASSES}
        runLabel="Run"
        onRun={run.run}
        progress={
          <span class="toy-model__progress">
            <progress max={1} value={fraction} aria-label={label} />
            <span>
              {Math.round(fraction * 100)}%, {formatCount(done)} of {formatCount(total)} {unit}
            </span>
          </span>
        }
        {...run.controls}
      />
      <p class="visually-hidden" aria-live="polite">
        {run.announcement}
      </p>
    </>
  );
}

/** "made when this page was built" or "12.3 s in your browser on 2 workers". */
export function madeText(last: { readonly seconds?: number | undefined; readonly workers?: number | undefined }): string {
  if (last.seconds === undefined) return "made when this page was built";
  const workers = last.workers === 1 ? "1 worker" : `${formatCount(last.workers ?? 1)} workers`;
  return `${formatNumber(last.seconds, 3)} s in your browser on ${workers}`;
}
