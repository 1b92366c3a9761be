import type { ComponentChildren } from "preact";
import { useRef, useState } from "preact/hooks";
import { formatCount } from "../../../numbers/format.ts";
import {
  mergeDimensionalitySweeps,
  validateDimensionalitySweep,
  type DimensionalitySweepResult,
  type DimensionalitySweepSettings,
} from "../engine/dimensionality-sweep.ts";
import { SWEEP_FIELD_OF, SWEEP_FIELDS, sweepJobs } from "../engine/phase-scenario.ts";
import { summarizeSweep, type SweepSummary } from "../engine/phase-summary.ts";
import { plateausText } from "../figures/phase-text.ts";
import { FigureDownloads } from "../../../ui/FigureDownloads.tsx";
import { lazyFigures } from "../../../ui/lazy-figures.ts";
import { RedrawnPlot } from "../../../ui/RedrawnPlot.tsx";
import { drawInTurn, useRedrawnFigures } from "../../../ui/useRedrawnFigures.ts";
import type { WorkerLike } from "../../../ui/useWorkerJob.ts";
import { madeText, PhaseRunControls, usePhaseRun } from "./phase-run.tsx";
import type { SweepFigureName } from "./render-phase-figures.ts";
import { SWEEP_TABLE_LEGEND, SweepTable } from "./SweepTable.tsx";

/** Why a dynamic import: Plot is needed only to redraw the figures after a run made here. */
const figures = lazyFigures(() => import("./render-phase-figures.ts"));

/** The build's sweep as the island is handed it: its settings and summary (the figures and table are slots). */
export interface BuiltSweep {
  readonly settings: DimensionalitySweepSettings;
  readonly summary: SweepSummary;
}

interface Props {
  initial: BuiltSweep;
  /** The build's figures and table (Astro slots), shown until a run made here replaces them. */
  dimensionality?: ComponentChildren;
  postCount?: ComponentChildren;
  overlaps?: ComponentChildren;
  table?: ComponentChildren;
  /** How to start a worker; the default is the phase jobs' module worker. For tests. */
  createWorker?: () => WorkerLike;
  /** Workers a run is split across; the default follows the processor's cores. For tests. */
  workers?: number;
}

interface LastRun extends BuiltSweep {
  readonly sweep?: DimensionalitySweepResult;
  readonly seconds?: number;
  readonly workers?: number;
}

const FIGURES: readonly { name: SweepFigureName; file: string; caption: string }[] = [
  {
    name: "dimensionality",
    file: "toy-phase-dimensionality",
    caption:
      "Dimensions per feature against 1/(1 − S): n/‖W‖²_F for each model (the line), and each feature’s Dᵢ (dots, larger where several " +
      "features share a value; dropped features sit at 0). Dashed lines: the sticky fractions and the figures they belong to.",
  },
  {
    name: "post-count",
    file: "toy-phase-post-count",
    caption:
      "The post’s view of the same models: features kept per neuron, against the most features per neuron the post’s sparsity limit " +
      "l = m(1 − S) ≤ n/(8 ln m) allows at that density.",
  },
  {
    name: "overlaps",
    file: "toy-phase-overlaps",
    caption:
      "How much the kept features overlap: their RMS |cos| against the Welch floor for that many directions (0 while there are no more of " +
      "them than neurons), and random directions’ 1/√n.",
  },
];

/** "n = 10, m = 100, 14 models of 2,000 steps, seed 0". */
function sweepText(settings: DimensionalitySweepSettings): string {
  return (
    `n = ${formatCount(settings.n)}, m = ${formatCount(settings.m)}, ${formatCount(settings.points)} models of ` +
    `${formatCount(settings.steps)} steps, seed ${String(settings.seed)}`
  );
}

/**
 * The feature-dimensionality sweep trained in the reader's browser: toy models of equally important
 * features at densities along a sweep, split across Web Workers (one per core) with progress and
 * Cancel; the seed is the page's shared scenario (in the address). Shows the last completed sweep —
 * at first the build's — as three figures (prerendered, redrawn after a run here), its plateaus in
 * words, and a table of every model.
 */
export default function DimensionalitySweep({ initial, dimensionality, postCount, overlaps, table, createWorker, workers }: Props) {
  const [last, setLast] = useState<LastRun>(initial);
  const phase = usePhaseRun({
    fields: SWEEP_FIELDS,
    fieldOf: SWEEP_FIELD_OF,
    jobs: (scenario, parts) => sweepJobs(scenario, parts).map((settings) => ({ job: "dimensionality-sweep", ...settings })),
    check: validateDimensionalitySweep,
    merge: mergeDimensionalitySweeps,
    onDone: (sweep, seconds, workers) => {
      const summary = summarizeSweep(sweep);
      setLast({ settings: sweep.settings, summary, sweep, seconds, workers });
      return `Done: ${formatCount(sweep.points.length)} models trained. ${plateausText(summary)}`;
    },
    what: "The sweep",
    starting: "Training the sweep…",
    createWorker,
    workers,
  });

  const hosts = useRef<Partial<Record<SweepFigureName, HTMLDivElement | null>>>({});
  const { drawn, failed } = useRedrawnFigures(last, (isCurrent) => {
    const { sweep, summary } = last;
    if (sweep === undefined) return undefined;
    return figures.load().then(async (mod) => {
      const names = FIGURES.map((spec) => spec.name);
      const done = await drawInTurn(names, hosts.current, isCurrent, (host, name) => mod.renderSweepFigure(host, name, sweep, summary));
      return done ? summary : undefined;
    });
  });
  const live = drawn !== undefined;
  const prerendered: Record<SweepFigureName, ComponentChildren> = { dimensionality, "post-count": postCount, overlaps };

  return (
    <section
      class="toy-model toy-phase"
      ref={phase.root}
      data-dimensionality-sweep
      data-view
      data-state={phase.job.status}
      aria-label="Feature dimensionality of toy models, trained in your browser"
      aria-busy={phase.pending ? "true" : undefined}
    >
      <p class="calculator__title">
        Feature dimensionality: {formatCount(initial.settings.n)} neurons, {formatCount(initial.settings.m)} features
      </p>
      <PhaseRunControls
        run={phase}
        count={(p) => ("points" in p ? p.points.length : 0)}
        total={last.settings.points}
        unit="models"
        label="Training progress of the sweep"
      />
      <p class="toy-phase__summary" data-sweep-summary>
        Last completed sweep: {sweepText(last.settings)}, {madeText(last)}. {plateausText(last.summary)}
      </p>
      {failed && <p class="figure__error">The figures could not be redrawn for the last run; the table below has its numbers.</p>}
      {FIGURES.map((spec) => (
        <figure class="figure" key={spec.name} data-figure={spec.name}>
          <RedrawnPlot live={live} hosts={hosts} name={spec.name} prerendered={prerendered[spec.name]} />
          <figcaption>{spec.caption}</figcaption>
          <FigureDownloads file={spec.file} />
        </figure>
      ))}
      <details class="toy-phase__details">
        <summary>The models as a table</summary>
        <p class="toy-phase__legend">{SWEEP_TABLE_LEGEND}</p>
        <div class="toy-phase__scroll" role="region" aria-label="Every model of the dimensionality sweep" tabindex={0}>
          {last.sweep ? <SweepTable sweep={last.sweep} summary={last.summary} /> : table}
        </div>
      </details>
    </section>
  );
}
