import type { ComponentChildren } from "preact";
import { useState } from "preact/hooks";
import { formatCount, grouped } from "../../../numbers/format.ts";
import { largeReadoutCsv, largeReadoutFileName, largeReadoutJson } from "../engine/export.ts";
import type { ReadoutPhase } from "../engine/large-readout.ts";
import { BLOCK_ROWS } from "../engine/readout-kernel.ts";
import { largeReadoutPredictions } from "../engine/readout-predictions.ts";
import { validateLargeReadout } from "../engine/readout-params.ts";
import { bestThreshold } from "../../../math/thresholds.ts";
import { ReadoutTables, type LastReadout } from "./ReadoutTables.tsx";
import { RunDownloads } from "../../../ui/RunDownloads.tsx";
import { SimulationPanel, useSimulationPanel } from "./SimulationPanel.tsx";
import { useReadoutWorkers } from "./useReadoutWorkers.ts";
import type { WorkerLike } from "../../../ui/useWorkerJob.ts";
import { workerCount } from "../../../ui/worker-pool.ts";

export interface ReadoutRunProps {
  /** How to start a worker; the default is the engine's range worker. For tests. */
  createWorker?: () => WorkerLike;
  /** Workers to split a run across; the default follows navigator.hardwareConcurrency (at most 8). */
  workers?: number;
  /** What to run (this, or all pairs) and the presets, drawn above the Run button. */
  choice: ComponentChildren;
}

const PHASES: Record<ReadoutPhase, string> = {
  inputs: "building the inputs",
  features: "reading the features",
};

function startWorker(): WorkerLike {
  return new Worker(new URL("../engine/readout-worker.ts", import.meta.url), { type: "module" }) as unknown as WorkerLike;
}

/**
 * The readout-only simulation, at the scale of real sparse autoencoders: every one of m random
 * directions (up to 2^24, regenerated on demand, never stored) read against `trials` random inputs,
 * the work split across Web Workers, one per core. Progress, cancel, limits and downloads as for a
 * sweep; the result does not depend on how many workers ran it.
 */
export function ReadoutRun({ createWorker = startWorker, workers = workerCount(), choice }: ReadoutRunProps) {
  const [last, setLast] = useState<LastReadout | undefined>(undefined);
  const [announcement, setAnnouncement] = useState("");
  const job = useReadoutWorkers(createWorker, workers, (result, seconds, parts) => {
    setLast({ result, seconds, parts });
    setAnnouncement(`Done: ${grouped(result.params.m, 0)} features read on ${formatCount(result.params.trials)} inputs.`);
  });

  const panel = useSimulationPanel({ job, validate: validateLargeReadout, announce: setAnnouncement, lastRun: last !== undefined });
  const { checked, scenario: s } = panel;

  const run = () => {
    if (!checked?.ok) return panel.focusInvalid();
    // The second threshold the run reads at: the best single one for the shape (a few
    // milliseconds, so only on Run); ½ where no threshold inside (0, 1) is best (l = 1, l = m).
    const { n, m, l } = checked.params;
    const best = bestThreshold(n, m, l).threshold;
    if (!job.start({ ...checked.params, threshold: best > 0 && best < 1 ? best : 0.5 })) return;
    setAnnouncement("Running…");
  };

  const progress = job.progress ?? { fraction: 0, phase: "inputs" as const };
  return (
    <SimulationPanel
      mode="readout"
      choice={choice}
      onRun={run}
      {...panel.wiring}
      progress={{ fraction: progress.fraction, phase: PHASES[progress.phase] }}
      plan={
        checked?.ok && (
          <p class="simulation__plan">
            A run makes {grouped(s.m, 0)} random directions in {formatCount(s.n)} dimensions, {BLOCK_ROWS} at a time and never all at once, and reads
            every one on {formatCount(s.trials)} random inputs with l = {formatCount(s.l)} features on: {formatCount(s.m * s.trials)} readouts, shared
            among {formatCount(workers)} {workers === 1 ? "worker" : "workers"} (one per processor core).
          </p>
        )
      }
      announcement={announcement}
    >
      {last ? <ReadoutTables last={last} /> : <p>No readout-only run yet: press Run.</p>}
      {last && (
        <RunDownloads
          what="this run"
          csv={() => ({
            name: largeReadoutFileName(last.result, "csv"),
            text: largeReadoutCsv(last.result, largeReadoutPredictions(last.result.params)),
          })}
          json={() => ({
            name: largeReadoutFileName(last.result, "json"),
            text: largeReadoutJson(last.result, largeReadoutPredictions(last.result.params), window.location.href),
          })}
        />
      )}
    </SimulationPanel>
  );
}
