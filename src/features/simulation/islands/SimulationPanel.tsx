import type { ComponentChildren, RefObject } from "preact";
import type { ParameterName } from "../../../numbers/parameters.ts";
import { SIMULATION_SCENARIO } from "../../../numbers/scenario.ts";
import { Fields } from "../../../ui/Fields.tsx";
import { RunControls, type RunControlClasses, type RunControlsWiring } from "../../../ui/RunControls.tsx";
import type { ScenarioState, setField } from "../../../ui/scenario-store.ts";
import { useRunActions } from "../../../ui/useRunActions.ts";
import { useScenario } from "../../../ui/useScenario.ts";
import type { JobStatus } from "../../../ui/useWorkerJob.ts";
import { SimulationProgress } from "./SimulationProgress.tsx";

/** The model's fields and the run's settings, all in the page's shared scenario (and the address): both kinds of run. */
export const FIELDS = ["n", "m", "l", "seed", "trials"] as const satisfies readonly ParameterName[];

/** The row of buttons and its buttons (simulation.css). */
const RUN_CLASSES: RunControlClasses = { actions: "simulation__actions", run: "simulation__run", cancel: "simulation__cancel" };

/** A refusal of the core's, or the job as it will run. */
type Checked<P> =
  { readonly ok: true; readonly params: P } | { readonly ok: false; readonly error: { readonly field: string; readonly message: string } };

/** What the panel shows of the scenario and the job: `useSimulationPanel` gives it. */
interface PanelWiring {
  root: RefObject<HTMLElement>;
  /** The scenario as useScenario gives it, and the fields' extra messages (a refused job's). */
  state: ScenarioState;
  onInput: typeof setField;
  pending: boolean;
  fieldErrors: Partial<Record<ParameterName, string>>;
  controls: RunControlsWiring;
}

/**
 * The page's scenario for a run of the simulation, checked by `validate` (the sweep's or the
 * readout's limits), with a refusal put next to its field and a cancel announced with `announce`.
 * Gives the scenario, the checked job (undefined while a field is invalid), `focusInvalid` for a
 * Run pressed anyway, and the panel's wiring.
 */
export function useSimulationPanel<P>({
  job,
  validate,
  announce,
  lastRun,
}: {
  job: { readonly status: JobStatus; readonly failure: string | undefined; cancel(): void };
  validate: (input: { n: number; m: number; l: number; seed: number; trials: number }) => Checked<P>;
  announce: (text: string) => void;
  lastRun: boolean;
}) {
  const [state, setField, pending] = useScenario(FIELDS, SIMULATION_SCENARIO);
  const s = state.scenario;
  const inputValid = Object.keys(state.errors).length === 0;
  const checked = inputValid ? validate({ n: s.n, m: s.m, l: s.l, seed: s.seed, trials: s.trials }) : undefined;
  // Where the refusal of an oversized (or otherwise impossible) job is shown: next to its field,
  // or next to the Run button when it is the product of several fields.
  const jobError = checked && !checked.ok ? checked.error : undefined;
  const { root, fieldErrors, focusInvalid, controls } = useRunActions({ job, jobError, fields: FIELDS, announce, lastRun });
  const wiring: PanelWiring = { root, state, onInput: setField, pending, fieldErrors, controls };
  return { scenario: s, checked, focusInvalid, wiring };
}

interface Props extends PanelWiring {
  /** A readout-only run marks its panel (data-mode); a sweep is the default and is not marked. */
  mode?: "readout";
  /** What to run (a sweep, or readouts only) and the presets, drawn above the Run button. */
  choice: ComponentChildren;
  onRun: () => void;
  /** The running job's share done and its phase in words. */
  progress: { readonly fraction: number; readonly phase: string };
  /** What a run of the settings on screen will do, when they are valid. */
  plan: ComponentChildren;
  announcement: string;
  /** The last run's results, below. */
  children: ComponentChildren;
}

/**
 * The simulation's panel, whichever kind of run it holds (SweepRun.tsx, ReadoutRun.tsx): its
 * title, the fields, the choice of run, Run and Cancel with the progress, the plan, what is
 * announced, then the run's results.
 */
export function SimulationPanel({
  mode,
  root,
  state,
  onInput,
  pending,
  fieldErrors,
  choice,
  onRun,
  controls,
  progress,
  plan,
  announcement,
  children,
}: Props) {
  return (
    <section
      class="simulation"
      ref={root}
      data-simulation
      data-view
      data-mode={mode}
      data-state={controls.status}
      aria-label="Simulation of random embeddings"
      aria-busy={pending ? "true" : undefined}
    >
      <p class="calculator__title">Simulation: random features, measured</p>
      <Fields fields={FIELDS} state={state} onInput={onInput} sliders={false} extraErrors={fieldErrors} onSubmit={onRun} />
      {choice}
      <RunControls
        classes={RUN_CLASSES}
        runLabel="Run"
        onRun={onRun}
        progress={<SimulationProgress fraction={progress.fraction} phase={progress.phase} />}
        {...controls}
      />
      {plan}
      <p class="visually-hidden" aria-live="polite">
        {announcement}
      </p>
      {children}
    </section>
  );
}
