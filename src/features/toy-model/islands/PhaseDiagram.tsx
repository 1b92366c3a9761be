import type { ComponentChildren } from "preact";
import { useRef, useState } from "preact/hooks";
import { formatCount, formatNumber } from "../../../numbers/format.ts";
import { mergePhaseDiagrams, validatePhaseDiagram, type PhaseDiagramResult, type PhaseDiagramShape } from "../engine/phase-diagram.ts";
import type { ToyPhaseJob } from "../engine/phase-jobs.ts";
import { PHASE_DIAGRAM_FIELDS, PHASE_FIELD_OF, phaseDiagramJobs } from "../engine/phase-scenario.ts";
import { summarizePhaseDiagram, type PhaseDiagramSummary } from "../engine/phase-summary.ts";
import type { BoundaryPoint } from "../engine/phase-theory.ts";
import { TOY_MODEL_SCENARIO } from "../engine/scenario.ts";
import { agreementText, describePhaseDiagram, gridText, restartsText, shapeText } from "../figures/phase-text.ts";
import { nextTask } from "../../../compute/jobs/drive.ts";
import { Fields } from "../../../ui/Fields.tsx";
import { FigureDownloads } from "../../../ui/FigureDownloads.tsx";
import { lazyFigures } from "../../../ui/lazy-figures.ts";
import { RunControls } from "../../../ui/RunControls.tsx";
import { useRedrawnFigures } from "../../../ui/useRedrawnFigures.ts";
import { useRunActions } from "../../../ui/useRunActions.ts";
import { useScenario } from "../../../ui/useScenario.ts";
import { splitWorkerCount, useSplitWorkerJob } from "../../../ui/useSplitWorkerJob.ts";
import type { WorkerLike } from "../../../ui/useWorkerJob.ts";
import { PhaseTable, phaseTableLegend } from "./PhaseTable.tsx";

/** Why a dynamic import: Plot is needed only to redraw the figure after a run made here. */
const figures = lazyFigures(() => import("./render-phase-figures.ts"));

interface Props {
  shape: PhaseDiagramShape;
  /** The build's run, summarised: shown (as the last completed run) until the reader runs one. */
  initial: PhaseDiagramSummary;
  /** The optimal theory's boundary, drawn over a one-neuron diagram (computed at build time). */
  boundary?: BoundaryPoint[];
  /** The build's figure and table (Astro slots), shown until a run made here replaces them. */
  figure?: ComponentChildren;
  table?: ComponentChildren;
  /** How to start a worker; the default is the phase jobs' module worker. For tests. */
  createWorker?: () => WorkerLike;
  /** Workers a run is split across; the default follows the processor's cores. For tests. */
  workers?: number;
}

/** The last completed run: its summary, and for a run made here the grid itself and its time. */
interface LastRun {
  readonly summary: PhaseDiagramSummary;
  readonly result?: PhaseDiagramResult;
  readonly seconds?: number;
  readonly workers?: number;
}

type Field = (typeof PHASE_DIAGRAM_FIELDS)[number] | "job";

function startWorker(): WorkerLike {
  return new Worker(new URL("../engine/phase-worker.ts", import.meta.url), { type: "module" }) as unknown as WorkerLike;
}

/** "made when this page was built" or "12.3 s in your browser on 2 workers". */
function madeText(last: LastRun): string {
  if (last.seconds === undefined) return "made when this page was built";
  const workers = last.workers === 1 ? "1 worker" : `${formatCount(last.workers ?? 1)} workers`;
  return `${formatNumber(last.seconds, 3)} s in your browser on ${workers}`;
}

/**
 * A phase diagram of the toy model trained in the reader's browser: the grid of one shape (one
 * neuron and two features, or two neurons and three), each cell trained from a few restarts, split
 * across Web Workers (one per core) with progress and Cancel. The seed and the restarts per cell
 * are the page's shared scenario (in the address). Shows the last completed run — at first the
 * build's — as a figure (prerendered, redrawn after a run here), a sentence on how it agrees with
 * the theory and how often restarts disagreed, and a table of every cell.
 */
export default function PhaseDiagram({ shape, initial, boundary, figure, table, createWorker = startWorker, workers }: Props) {
  const [state, setField, pending] = useScenario(PHASE_DIAGRAM_FIELDS, TOY_MODEL_SCENARIO);
  const [last, setLast] = useState<LastRun>({ summary: initial });
  const [announcement, setAnnouncement] = useState("");
  const parts = useRef(1);
  const job = useSplitWorkerJob<ToyPhaseJob>(
    createWorker,
    (results) => mergePhaseDiagrams(results as PhaseDiagramResult[]),
    (merged, seconds) => {
      const result = merged as PhaseDiagramResult;
      const summary = summarizePhaseDiagram(result);
      setLast({ summary, result, seconds, workers: parts.current });
      setAnnouncement(`Done: ${formatCount(summary.cells)} cells trained. ${agreementText(summary)}`);
    },
    "The phase diagram",
  );

  const inputValid = PHASE_DIAGRAM_FIELDS.every((name) => state.errors[name] === undefined);
  const checked = inputValid ? validatePhaseDiagram(phaseDiagramJobs(shape, state.scenario, 1)[0]!) : undefined;
  const jobError =
    checked && !checked.ok
      ? { field: (PHASE_FIELD_OF[checked.error.field as keyof typeof PHASE_FIELD_OF] ?? "job") as Field, message: checked.error.message }
      : undefined;
  const { root, runButton, errorFor, fieldErrors, focusInvalid, cancel } = useRunActions<Field>({
    jobError,
    fields: PHASE_DIAGRAM_FIELDS,
    cancelJob: () => job.cancel(),
    announce: setAnnouncement,
    // The build's run is on screen until the reader's own replaces it.
    lastRun: true,
  });

  const run = () => {
    if (!checked?.ok) return focusInvalid();
    parts.current = workers ?? splitWorkerCount();
    if (!job.start(phaseDiagramJobs(shape, state.scenario, parts.current).map((settings) => ({ job: "phase-diagram", ...settings })))) return;
    setAnnouncement("Training the grid…");
  };

  const host = useRef<HTMLDivElement>(null);
  const { drawn, failed } = useRedrawnFigures(last, (isCurrent) => {
    const { result, summary } = last;
    if (result === undefined) return undefined;
    return figures.load().then(async (mod) => {
      // A task of its own, after the results are on screen: the drawing would hold them up.
      await nextTask({ afterRendering: true });
      if (!isCurrent() || !host.current) return undefined;
      mod.renderPhaseDiagram(host.current, result, summary, boundary);
      return summary;
    });
  });
  const live = drawn !== undefined;
  const shown = drawn ?? initial;

  const cellsDone = job.progress.reduce((sum, p) => sum + (p !== undefined && "cells" in p ? p.cells.length : 0), 0);
  const fraction = job.progress.length === 0 ? 0 : job.progress.reduce((sum, p) => sum + (p?.fraction ?? 0), 0) / job.progress.length;
  // Every run of a shape trains the same grid.
  const gridCells = last.summary.cells;

  return (
    <section
      class="toy-model toy-phase"
      ref={root}
      data-phase-diagram={shape}
      data-view
      data-state={job.status}
      aria-label={`Phase diagram of toy models with ${shapeText(shape)}, trained in your browser`}
      aria-busy={pending ? "true" : undefined}
    >
      <p class="calculator__title">Phase diagram: {shapeText(shape)}</p>
      <Fields fields={PHASE_DIAGRAM_FIELDS} state={state} onInput={setField} sliders={false} extraErrors={fieldErrors} onSubmit={run} />
      <RunControls
        actionsClass="toy-model__actions"
        runClass="toy-model__train"
        cancelClass="toy-model__cancel"
        runLabel="Run"
        runButton={runButton}
        onRun={run}
        onCancel={cancel}
        status={job.status}
        lastRun
        progress={
          <span class="toy-model__progress">
            <progress max={1} value={fraction} aria-label="Training progress of the grid" />
            <span>
              {Math.round(fraction * 100)}%, {formatCount(cellsDone)} of {formatCount(gridCells)} cells
            </span>
          </span>
        }
        jobError={errorFor("job")}
        failure={job.failure}
      />
      <p class="visually-hidden" aria-live="polite">
        {announcement}
      </p>
      <figure class="figure" data-figure="phase-diagram">
        <div class="figure__plot" ref={host} hidden={!live} />
        {!live && <div class="figure__plot">{figure}</div>}
        {failed && <p class="figure__error">The figure could not be redrawn for the last run; the table below has every cell.</p>}
        <figcaption>
          {shape === "one-neuron"
            ? "What the best trained model does in each cell, with the theory’s boundary: solid where the exact expected loss says superposition stops winning, dashed for the three textbook solutions alone."
            : "What the best trained model does with feature 3 in each cell. No theory is drawn for this diagram."}{" "}
          Last completed run: {gridText(shown.settings)}, {madeText(live ? last : { summary: initial })}.
          <span class="visually-hidden"> {describePhaseDiagram(shown)}</span>
        </figcaption>
        <FigureDownloads file={`toy-phase-${shape}`} />
      </figure>
      <p class="toy-phase__summary" data-phase-summary>
        Last completed run: {gridText(last.summary.settings)}, {madeText(last)}. {agreementText(last.summary)} {restartsText(last.summary)}
      </p>
      <details class="toy-phase__details">
        <summary>The grid as a table</summary>
        <p class="toy-phase__legend">{phaseTableLegend(shape)}</p>
        <div class="toy-phase__scroll" role="region" aria-label={`Every cell of the ${shapeText(shape)} phase diagram`} tabindex={0}>
          {last.result ? <PhaseTable result={last.result} /> : table}
        </div>
      </details>
    </section>
  );
}
