import type { ComponentChildren, RefObject } from "preact";
import type { ParameterName } from "../../../numbers/parameters.ts";
import { Fields } from "../../../ui/Fields.tsx";
import { RunControls, type RunControlClasses, type RunControlsWiring } from "../../../ui/RunControls.tsx";
import type { ScenarioState, setField } from "../../../ui/scenario-store.ts";
import { SimulationProgress } from "./SimulationProgress.tsx";

/** The model's fields and the run's settings, all in the page's shared scenario (and the address): both kinds of run. */
export const FIELDS = ["n", "m", "l", "seed", "trials"] as const satisfies readonly ParameterName[];

/** The row of buttons and its buttons (simulation.css). */
const RUN_CLASSES: RunControlClasses = { actions: "simulation__actions", run: "simulation__run", cancel: "simulation__cancel" };

interface Props {
  /** A readout-only run marks its panel (data-mode); a sweep is the default and is not marked. */
  mode?: "readout";
  root: RefObject<HTMLElement>;
  /** The scenario as useScenario gives it, and the fields' extra messages (a refused job's). */
  state: ScenarioState;
  onInput: typeof setField;
  pending: boolean;
  fieldErrors: Partial<Record<ParameterName, string>>;
  /** What to run (a sweep, or readouts only) and the presets, drawn above the Run button. */
  choice: ComponentChildren;
  onRun: () => void;
  controls: RunControlsWiring;
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
