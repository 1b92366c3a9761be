import type { ComponentChildren } from "preact";
import { useMemo, useRef, useState } from "preact/hooks";
import type { PresetGroup } from "../../../ui/Presets.tsx";
import { formatCount } from "../../../numbers/format.ts";
import type { ToyModelJob } from "../engine/run.ts";
import { TOY_MODEL_FIELDS, TOY_MODEL_SCENARIO, toyModelInput } from "../engine/scenario.ts";
import { TOY_MODEL_PRESETS, validateToyModel } from "../engine/settings.ts";
import { summarizeToyModel, type ToyModelSummary } from "../engine/summary.ts";
import { Fields } from "../../../ui/Fields.tsx";
import { Presets } from "../../../ui/Presets.tsx";
import { RunControls } from "../../../ui/RunControls.tsx";
import { TOY_RUN_CLASSES } from "./run-classes.ts";
import { TrainingProgress } from "./TrainingProgress.tsx";
import type { LastToyModelRun } from "./toy-model-last-run.ts";
import { useRunActions } from "../../../ui/useRunActions.ts";
import { useScenario } from "../../../ui/useScenario.ts";
import { ToyModelResults } from "./ToyModelResults.tsx";
import { useWorkerJob, type WorkerLike } from "../../../ui/useWorkerJob.ts";

interface Props {
  /** The run made when the page was built: shown (as the last completed run) until the reader trains one. */
  initial?: ToyModelSummary;
  /** Its figures, rendered at build time (Astro slots). */
  gram?: ComponentChildren;
  features?: ComponentChildren;
  loss?: ComponentChildren;
  /** How to start the worker; the default is the toy model's module worker. For tests. */
  createWorker?: () => WorkerLike;
}

/** The presets as button groups: the paper's two-neuron pictures, and the larger model. */
const PRESET_GROUPS: readonly PresetGroup[] = [
  { label: "Two neurons, five features, from dense to very sparse inputs", n: 2 },
  { label: "20 neurons, 80 features, 6,000 steps", n: 20 },
].map(({ label, n }) => ({
  label,
  presets: TOY_MODEL_PRESETS.filter((p) => p.settings.n === n).map((p) => ({
    label: p.label,
    detail: `seed ${p.settings.seed}`,
    values: p.settings,
  })),
}));

function startWorker(): WorkerLike {
  return new Worker(new URL("../engine/worker.ts", import.meta.url), { type: "module" }) as unknown as WorkerLike;
}

/**
 * A toy model of superposition trained in the reader's browser: n, m, the sparsity S, the
 * importance decay r, the steps and the seed (the page's shared scenario, so in the address, and a
 * link reproduces a run), presets for the classic pictures, training in a Web Worker with its loss
 * curve as it falls and a Cancel button, then the trained weights measured against the post, with
 * figures and files. The last completed run (at first the one made at build time) stays on screen
 * until a new one completes.
 */
export default function ToyModel({ initial, gram, features, loss, createWorker = startWorker }: Props) {
  const [state, setField, pending] = useScenario(TOY_MODEL_FIELDS, TOY_MODEL_SCENARIO);
  const [last, setLast] = useState<LastToyModelRun | undefined>(initial ? { summary: initial } : undefined);
  const [announcement, setAnnouncement] = useState("");
  const job = useWorkerJob<ToyModelJob>(
    createWorker,
    (run, seconds) => {
      const summary = summarizeToyModel(run);
      setLast({ summary, run, seconds });
      setAnnouncement(
        `Trained: ${formatCount(summary.represented)} of ${formatCount(summary.settings.m)} features represented in ${formatCount(summary.settings.n)} dimensions.`,
      );
    },
    "The training",
  );

  // Only this page's fields count: a link may carry other pages' parameters, even invalid ones.
  const inputValid = TOY_MODEL_FIELDS.every((name) => state.errors[name] === undefined);
  const checked = inputValid ? validateToyModel(toyModelInput(state.scenario)) : undefined;
  // A job the core refuses (a field beyond a limit, or too much work in all) is said next to its
  // field, or next to the Train button when the limit is on several fields at once.
  const jobError = checked && !checked.ok ? checked.error : undefined;
  const {
    root,
    fieldErrors,
    focusInvalid,
    controls: runControls,
  } = useRunActions({
    job,
    jobError,
    fields: TOY_MODEL_FIELDS,
    announce: setAnnouncement,
    lastRun: last !== undefined,
  });

  const train = () => {
    if (!checked?.ok) return focusInvalid();
    if (!job.start(checked.settings)) return;
    setAnnouncement("Training…");
    // Unlike the simulation, Plot is not loaded here but when the run is done (ToyModelFigures):
    // running its module is one task of tens of milliseconds, which would stall the progress and
    // the falling loss while the reader watches them.
  };

  // While a run's progress arrives, ten times a second, only the progress changes: the controls
  // and the results are kept as they are (the same elements, which Preact does not diff again).
  const submit = useRef(train);
  submit.current = train;
  const errorKey = jobError ? `${jobError.field} ${jobError.message}` : "";
  const controls = useMemo(
    () => (
      <>
        {PRESET_GROUPS.map((group) => (
          <div class="toy-model__presets" key={group.label}>
            <p class="toy-model__presets-label">{group.label}:</p>
            <Presets group={group} current={state.scenario} onPick={setField} />
          </div>
        ))}
        <Fields
          fields={TOY_MODEL_FIELDS}
          state={state}
          onInput={setField}
          sliders={false}
          extraErrors={fieldErrors}
          onSubmit={() => submit.current()}
        />
      </>
    ),
    // fieldErrors follows from state and errorKey.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [state, errorKey, setField],
  );
  const results = useMemo(
    () => <ToyModelResults last={last} initial={initial} prerendered={{ gram, features, loss }} />,
    [last, initial, gram, features, loss],
  );

  const view = job.failure !== undefined ? "error" : job.status;
  return (
    <section
      class="toy-model"
      ref={root}
      data-toy-model
      data-view
      data-state={view}
      aria-label="Toy model of superposition, trained in your browser"
      aria-busy={pending ? "true" : undefined}
    >
      <p class="calculator__title">Toy model: train it here</p>
      {controls}
      <RunControls
        classes={TOY_RUN_CLASSES}
        runLabel="Train"
        onRun={train}
        progress={<TrainingProgress progress={job.progress} />}
        {...runControls}
      />
      <p class="visually-hidden" aria-live="polite">
        {announcement}
      </p>
      {results}
    </section>
  );
}
