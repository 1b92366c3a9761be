import type { ComponentChildren } from "preact";
import { useState } from "preact/hooks";
import { formatCount } from "../../../numbers/format.ts";
import type { SweepJob } from "../engine/run.ts";
import type { SimulationPhase } from "../engine/stats.ts";
import { sweepCsv, sweepFileName, sweepJson } from "../engine/export.ts";
import { summarizeSweep, validateSweep, type SweepSummary } from "../engine/sweep.ts";
import type { LastRun } from "./last-run.ts";
import { RunDownloads } from "../../../ui/RunDownloads.tsx";
import { RunFigures, simulationFigures } from "./SimulationFigures.tsx";
import { SimulationPanel, useSimulationPanel } from "./SimulationPanel.tsx";
import { RunTables } from "./SimulationTables.tsx";
import { useWorkerJob, type WorkerLike } from "../../../ui/useWorkerJob.ts";

export interface SweepRunProps {
  /** The run made when the page was built: shown (as the last completed run) until the reader runs one. */
  initial?: SweepSummary;
  /** The figures for `initial`, rendered at build time (Astro slots). */
  noise?: ComponentChildren;
  histogram?: ComponentChildren;
  /** How to start the worker; the default is the engine's module worker. For tests. */
  createWorker?: () => WorkerLike;
  /** What to run (this, or readouts only) and the presets, drawn above the Run button. */
  choice: ComponentChildren;
}

const PHASES: Record<SimulationPhase, string> = {
  embedding: "drawing the features",
  overlaps: "measuring all pairs",
  readout: "reading the features",
};

function startWorker(): WorkerLike {
  return new Worker(new URL("../engine/worker.ts", import.meta.url), { type: "module" }) as unknown as WorkerLike;
}

/**
 * The simulation's sweep: m random unit vectors in ℝⁿ, all their pairwise overlaps, and readouts
 * with l features active, at the reader's l and a few values around it. Runs in a Web Worker
 * started on the first Run; shows progress, can be cancelled, and keeps the last completed run on
 * screen until a new one completes. n, m, l, the seed and the number of trials are the page's
 * shared scenario (in the address, as everywhere), so a link reproduces a run exactly.
 */
export function SweepRun({ initial, noise, histogram, createWorker = startWorker, choice }: SweepRunProps) {
  const [last, setLast] = useState<LastRun | undefined>(initial ? { summary: initial } : undefined);
  const [announcement, setAnnouncement] = useState("");
  const job = useWorkerJob<SweepJob>(
    createWorker,
    (result, seconds) => {
      setLast({ summary: summarizeSweep(result), overlaps: result.overlaps, seconds });
      setAnnouncement(`Done: ${formatCount(result.params.m)} features in ${formatCount(result.params.n)} dimensions measured.`);
    },
    "The simulation",
  );

  const panel = useSimulationPanel({ job, validate: validateSweep, announce: setAnnouncement, lastRun: last !== undefined });
  const { checked, scenario: s } = panel;

  const run = () => {
    if (!checked?.ok) return panel.focusInvalid();
    const { n, m, l, seed, trials } = checked.params;
    if (!job.start({ n, m, l, seed, trials })) return;
    setAnnouncement("Running…");
    // Fetch Plot while the worker computes, so the figures redraw as soon as the run is done.
    void simulationFigures.load().catch(() => undefined);
  };

  const lValues = checked?.ok ? checked.params.lValues : undefined;
  const progress = job.progress ?? { fraction: 0, phase: "embedding" as const };
  return (
    <SimulationPanel
      choice={choice}
      onRun={run}
      {...panel.wiring}
      progress={{ fraction: progress.fraction, phase: PHASES[progress.phase] }}
      plan={
        lValues && (
          <p class="simulation__plan">
            A run draws {formatCount(s.m)} random unit vectors in {formatCount(s.n)} dimensions, measures all {formatCount((s.m * (s.m - 1)) / 2)}{" "}
            pairs, and reads every feature on {formatCount(s.trials)} random inputs at each of l = {lValues.map(formatCount).join(", ")}.
          </p>
        )
      }
      announcement={announcement}
    >
      {last ? <RunTables last={last} /> : <p>No run yet: press Run.</p>}
      {last && (
        <RunDownloads
          what="this run"
          csv={() => ({ name: sweepFileName(last.summary, "csv"), text: sweepCsv(last.summary) })}
          json={() => ({ name: sweepFileName(last.summary, "json"), text: sweepJson(last.summary, window.location.href) })}
        />
      )}
      {last && <RunFigures last={last} initial={initial} noise={noise} histogram={histogram} />}
    </SimulationPanel>
  );
}
