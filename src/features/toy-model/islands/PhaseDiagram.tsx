import type { ComponentChildren } from "preact";
import { useRef, useState } from "preact/hooks";
import { formatCount } from "../../../numbers/format.ts";
import { mergePhaseDiagrams, validatePhaseDiagram, type PhaseDiagramResult, type PhaseDiagramShape } from "../engine/phase-diagram.ts";
import { PHASE_DIAGRAM_FIELDS, PHASE_FIELD_OF, phaseDiagramJobs } from "../engine/phase-scenario.ts";
import { summarizePhaseDiagram, type PhaseDiagramSummary } from "../engine/phase-summary.ts";
import type { BoundaryPoint } from "../engine/phase-theory.ts";
import { agreementText, describePhaseDiagram, gridText, restartsText, shapeText } from "../figures/phase-text.ts";
import { FigureDownloads } from "../../../ui/FigureDownloads.tsx";
import { lazyFigures } from "../../../ui/lazy-figures.ts";
import { RedrawnPlot } from "../../../ui/RedrawnPlot.tsx";
import { drawInTurn, useRedrawnFigures } from "../../../ui/useRedrawnFigures.ts";
import type { WorkerLike } from "../../../ui/useWorkerJob.ts";
import { madeText, PhaseRunControls, usePhaseRun } from "./phase-run.tsx";
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

/**
 * A phase diagram of the toy model trained in the reader's browser: the grid of one shape (one
 * neuron and two features, or two neurons and three), each cell trained from a few restarts, split
 * across Web Workers (one per core) with progress and Cancel. The seed and the restarts per cell
 * are the page's shared scenario (in the address). Shows the last completed run — at first the
 * build's — as a figure (prerendered, redrawn after a run here), a sentence on how it agrees with
 * the theory and how often restarts disagreed, and a table of every cell.
 */
export default function PhaseDiagram({ shape, initial, boundary, figure, table, createWorker, workers }: Props) {
  const [last, setLast] = useState<LastRun>({ summary: initial });
  const phase = usePhaseRun({
    fields: PHASE_DIAGRAM_FIELDS,
    fieldOf: PHASE_FIELD_OF,
    jobs: (scenario, parts) => phaseDiagramJobs(shape, scenario, parts).map((settings) => ({ job: "phase-diagram", ...settings })),
    check: validatePhaseDiagram,
    merge: mergePhaseDiagrams,
    onDone: (result, seconds, workers) => {
      const summary = summarizePhaseDiagram(result);
      setLast({ summary, result, seconds, workers });
      return `Done: ${formatCount(summary.cells)} cells trained. ${agreementText(summary)}`;
    },
    what: "The phase diagram",
    starting: "Training the grid…",
    createWorker,
    workers,
  });

  const hosts = useRef<{ "phase-diagram"?: HTMLElement | null }>({});
  const { drawn, failed } = useRedrawnFigures(last, (isCurrent) => {
    const { result, summary } = last;
    if (result === undefined) return undefined;
    return figures.load().then(async (mod) => {
      const done = await drawInTurn(["phase-diagram"], hosts.current, isCurrent, (host) => mod.renderPhaseDiagram(host, result, summary, boundary));
      return done ? summary : undefined;
    });
  });
  const live = drawn !== undefined;
  const shown = drawn ?? initial;

  // Every run of a shape trains the same grid.
  const gridCells = last.summary.cells;

  return (
    <section
      class="toy-model toy-phase"
      ref={phase.root}
      data-phase-diagram={shape}
      data-view
      data-state={phase.job.status}
      aria-label={`Phase diagram of toy models with ${shapeText(shape)}, trained in your browser`}
      aria-busy={phase.pending ? "true" : undefined}
    >
      <p class="calculator__title">Phase diagram: {shapeText(shape)}</p>
      <PhaseRunControls
        run={phase}
        count={(p) => ("cells" in p ? p.cells.length : 0)}
        total={gridCells}
        unit="cells"
        label="Training progress of the grid"
      />
      <figure class="figure" data-figure="phase-diagram">
        <RedrawnPlot live={live} hosts={hosts} name="phase-diagram" prerendered={figure} />
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
