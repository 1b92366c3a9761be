import type { ComponentChildren } from "preact";
import { useLayoutEffect, useState } from "preact/hooks";
import { SIMULATION_SCENARIO } from "../../../numbers/scenario.ts";
import type { SweepSummary } from "../engine/sweep.ts";
import { writeAddress } from "../../../ui/address.ts";
import { ReadoutRun } from "./ReadoutRun.tsx";
import { RunChoice, type RunMode } from "./RunChoice.tsx";
import { FIELDS } from "./SimulationPanel.tsx";
import { SweepRun } from "./SweepRun.tsx";
import { useScenario } from "../../../ui/useScenario.ts";
import type { WorkerLike } from "../../../ui/useWorkerJob.ts";

export type { WorkerLike };

interface Props {
  /** The run made when the page was built: shown (as the last completed sweep) until the reader runs one. */
  initial?: SweepSummary;
  /** The figures for `initial`, rendered at build time (Astro slots). */
  noise?: ComponentChildren;
  histogram?: ComponentChildren;
  /** How to start the sweep's worker; the default is the engine's module worker. For tests. */
  createWorker?: () => WorkerLike;
  /** How to start a readout-only run's workers; the default is the range worker. For tests. */
  createReadoutWorker?: () => WorkerLike;
  /** Workers a readout-only run is split across; the default follows the processor's cores. For tests. */
  workers?: number;
  /** The page's words on what a sweep shows, and on what a readout-only run shows (Astro slots): each follows its mode. */
  sweepNotes?: ComponentChildren;
  readoutNotes?: ComponentChildren;
}

/** The address parameter that keeps the choice of run: `run=readout` for readouts only. */
export const RUN_PARAMETER = "run";

/**
 * The live simulation, in one of two modes the reader chooses (and the address keeps): a sweep
 * (all pairs, and readouts at several l, up to 16 384 features) or readouts only, at the scale of
 * real sparse autoencoders (SweepRun.tsx, ReadoutRun.tsx). Both share the page's scenario; the
 * page's words on what to look for follow the mode.
 */
export default function Simulation({ initial, noise, histogram, createWorker, createReadoutWorker, workers, sweepNotes, readoutNotes }: Props) {
  const [mode, setMode] = useState<RunMode>("sweep");
  const [state, setField] = useScenario(FIELDS, SIMULATION_SCENARIO);
  // The prerendered page shows a sweep; a linked view may ask for readouts only.
  useLayoutEffect(() => {
    if (new URLSearchParams(window.location.search).get(RUN_PARAMETER) === "readout") setMode("readout");
  }, []);
  const choose = (next: RunMode) => {
    if (next === mode) return;
    setMode(next);
    writeAddress({ [RUN_PARAMETER]: next });
  };
  const choice = <RunChoice mode={mode} onMode={choose} scenario={state.scenario} onPick={setField} />;
  // The words below the panel describe what the mode on screen draws: a readout-only run has no
  // figures and no sweep table to point at.
  return mode === "readout" ? (
    <>
      <ReadoutRun createWorker={createReadoutWorker} workers={workers} choice={choice} />
      {readoutNotes}
    </>
  ) : (
    <>
      <SweepRun initial={initial} noise={noise} histogram={histogram} createWorker={createWorker} choice={choice} />
      {sweepNotes}
    </>
  );
}
