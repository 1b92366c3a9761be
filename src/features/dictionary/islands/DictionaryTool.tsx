import { useEffect, useId, useMemo, useRef, useState } from "preact/hooks";
import { formatCount } from "../../../numbers/format.ts";
import { RunControls } from "../../../ui/RunControls.tsx";
import { RunDownloads } from "../../../ui/RunDownloads.tsx";
import { TextField } from "../../../ui/TextField.tsx";
import type { WorkerLike } from "../../../ui/useWorkerJob.ts";
import { workerCount } from "../../../ui/worker-pool.ts";
import { describeBytes } from "../engine/errors.ts";
import { dictionaryCsv, dictionaryFileName, dictionaryJson } from "../engine/export.ts";
import { checkL0 } from "../engine/l0.ts";
import { chooseMode, DEFAULT_SUBSET, DEFAULT_WORST_SAMPLE } from "../engine/measure.ts";
import { holdersFor, shapeAlong } from "../engine/measure-on-pool.ts";
import { DEFAULT_TOKENS } from "../engine/readouts.ts";
import { dictionaryOutputs } from "../engine/results.ts";
import { DictionaryFigures } from "./DictionaryFigures.tsx";
import { DictionaryTables } from "./DictionaryTables.tsx";
import { useDictionaryRun, type MeasureMode, type OpenedFile, type RunProgress, type Selection } from "./useDictionaryRun.ts";

export interface DictionaryToolProps {
  /** How to start a measuring worker; the default is the dictionary engine's module worker. For tests. */
  createWorker?: () => WorkerLike;
  /** How to start a worker of the simulation's large readout (random directions' TopK). For tests. */
  createRandomWorker?: () => WorkerLike;
  /** Workers per pool; the default follows navigator.hardwareConcurrency (at most 8). For tests. */
  workers?: number;
  /** Tokens the readouts read (default 1 000). */
  tokens?: number;
  /** Pause after the last change of L0 before its readouts start, in ms (default 400). */
  rerunDelayMs?: number;
}

function startWorker(): WorkerLike {
  return new Worker(new URL("../engine/dictionary-worker.ts", import.meta.url), { type: "module" }) as unknown as WorkerLike;
}

function startRandomWorker(): WorkerLike {
  return new Worker(new URL("../../simulation/engine/readout-worker.ts", import.meta.url), { type: "module" }) as unknown as WorkerLike;
}

const STEPS: Record<RunProgress["step"], string> = {
  reading: "reading the file",
  pairs: "measuring every pair",
  worst: "measuring each sampled latent against all",
  readouts: "reading out tokens",
  random: "simulating random directions",
};

const MODES: Record<MeasureMode, string> = {
  auto: "automatic",
  exact: "exact",
  sampled: "sampled",
};

/** What a run will do with the chosen array, in a sentence. */
function planOf(opened: OpenedFile, selection: Selection, workers: number): string {
  const matrix = opened.matrices[selection.index]!;
  const { m, n } = shapeAlong(matrix, selection.axis);
  const mode = selection.mode === "auto" ? chooseMode(m, n) : selection.mode;
  if (mode === "exact") {
    const holders = holdersFor(workers, m, n);
    return (
      `Exact: every pair of up to ${formatCount(m)} latents, on ${formatCount(holders)} ${holders === 1 ? "worker" : "workers"} ` +
      `(each holds the latents as unit vectors, ${describeBytes(m * n * 4)}).`
    );
  }
  return (
    `Sampled: every pair of ${formatCount(Math.min(m, DEFAULT_SUBSET))} latents drawn at random, and the largest |cos| of ` +
    `${formatCount(Math.min(m, DEFAULT_WORST_SAMPLE))} others against all ${formatCount(m)}, streamed from the file on ${formatCount(workers)} ` +
    `${workers === 1 ? "worker" : "workers"}.`
  );
}

/** Whether a drag carries files (not text or a link being dragged). */
/** One of the tool's drop-down settings, labelled; `options` are its values and their words. Its id is `${idBase}-${name}`. */
function SelectField({
  idBase,
  name,
  label,
  value,
  options,
  onPick,
}: {
  idBase: string;
  name: string;
  label: string;
  value: string;
  options: readonly (readonly [string, string])[];
  onPick: (value: string) => void;
}) {
  return (
    <div class="field">
      <label for={`${idBase}-${name}`}>{label}</label>
      <select id={`${idBase}-${name}`} name={name} value={value} onChange={(e) => onPick(e.currentTarget.value)}>
        {options.map(([optionValue, words]) => (
          <option key={optionValue} value={optionValue}>
            {words}
          </option>
        ))}
      </select>
    </div>
  );
}

function carriesFiles(event: DragEvent): boolean {
  return Array.from(event.dataTransfer?.types ?? []).includes("Files");
}

/**
 * Measures a real dictionary, read from the reader's own file in their browser: a picker (and the
 * whole box as a drop target) for the weights and, optionally, the cfg.json beside them; the array
 * to measure, its latent axis where the file does not say it, and the mode; the L0 field; Measure,
 * Cancel and the progress; then the numbers against random directions and the floors, two figures
 * and the files to take away. The file never leaves the browser: Web Workers read it in blocks.
 * Conventions the tests rely on: the root's data-state, input[type=file], input[name=l0], each
 * number an <output name data-value data-se>, problems in a role=alert inside the root.
 */
export default function DictionaryTool({
  createWorker = startWorker,
  createRandomWorker = startRandomWorker,
  workers = workerCount(),
  tokens = DEFAULT_TOKENS,
  rerunDelayMs = 400,
}: DictionaryToolProps) {
  const run = useDictionaryRun({ createWorker, createRandomWorker, workers, tokens, rerunDelayMs });
  const { state, l0Text } = run;
  const root = useRef<HTMLElement>(null);
  const picker = useRef<HTMLInputElement>(null);
  const runButton = useRef<HTMLButtonElement>(null);
  const [dragging, setDragging] = useState(false);
  const id = useId();

  // Files chosen in the prerendered picker before the island woke: take them now.
  useEffect(() => {
    const files = picker.current?.files;
    if (files && files.length > 0) void run.takeFiles(Array.from(files));
    // Only once, at hydration.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  // A file dropped beside the box would make the browser open it in place of the page: refuse the
  // drop there (the box itself takes it).
  useEffect(() => {
    const outside = (event: DragEvent) => {
      if (!carriesFiles(event) || root.current?.contains(event.target as Node)) return;
      event.preventDefault();
      if (event.dataTransfer) event.dataTransfer.dropEffect = "none";
    };
    window.addEventListener("dragover", outside);
    window.addEventListener("drop", outside);
    return () => {
      window.removeEventListener("dragover", outside);
      window.removeEventListener("drop", outside);
    };
  }, []);

  const { opened, selection, report } = state;
  const live = report?.measured.geometry.live;
  const checkedL0 = checkL0(l0Text, live);
  const running = state.view === "reading" || state.view === "measuring";
  const matrix = opened?.matrices[selection.index];
  const offerAxis = matrix !== undefined && (!matrix.latentAxisKnown || run.configProblems.some((p) => p.includes("switch")));
  const outputs = useMemo(() => (report === undefined ? undefined : dictionaryOutputs(report)), [report]);
  const results = useMemo(
    () =>
      report === undefined || outputs === undefined ? (
        <p class="dictionary__empty">{opened === undefined ? "No dictionary measured yet: choose or drop a file." : "Not measured yet."}</p>
      ) : (
        <>
          <DictionaryTables report={report} outputs={outputs} />
          <DictionaryFigures geometry={report.measured.geometry} l0={report.readouts?.l} />
          <RunDownloads
            what="these results"
            csv={() => ({ name: dictionaryFileName(report, "csv"), text: dictionaryCsv(report) })}
            json={() => ({ name: dictionaryFileName(report, "json"), text: dictionaryJson(report, window.location.href) })}
          />
        </>
      ),
    [report, outputs, opened],
  );

  const progress = state.progress ?? { step: "reading" as const, fraction: 0 };
  const problemId = `${id}-problem`;
  const privacyId = `${id}-privacy`;
  return (
    <section
      class={`dictionary${dragging ? " dictionary--dragging" : ""}`}
      ref={root}
      data-dictionary
      data-state={state.view}
      aria-label="Measure a dictionary from your own file"
      onDragOver={(event) => {
        if (!carriesFiles(event)) return;
        event.preventDefault();
        if (event.dataTransfer) event.dataTransfer.dropEffect = "copy";
        setDragging(true);
      }}
      onDragLeave={(event) => {
        if (!root.current?.contains(event.relatedTarget as Node | null)) setDragging(false);
      }}
      onDrop={(event) => {
        if (!carriesFiles(event)) return;
        event.preventDefault();
        setDragging(false);
        void run.takeFiles(Array.from(event.dataTransfer?.files ?? []));
      }}
    >
      <p class="calculator__title">Measure a dictionary</p>
      <p class="dictionary__needs-js">
        This tool needs JavaScript, which is off: with it, the page reads the file you choose here, in your browser, and sends nothing anywhere.
      </p>
      <div class="dictionary__controls">
        <div class="dictionary__picker">
          <label for={`${id}-file`}>The SAE’s weights (.safetensors, .npz or .npy), and the cfg.json beside them if there is one</label>
          <input
            ref={picker}
            id={`${id}-file`}
            type="file"
            multiple
            accept=".safetensors,.npz,.npy,.json"
            aria-describedby={state.problem === undefined ? privacyId : `${problemId} ${privacyId}`}
            onChange={(event) => void run.takeFiles(Array.from(event.currentTarget.files ?? []))}
          />
          <p id={privacyId} class="dictionary__privacy">
            Or drop them on this box. The page reads the file itself, in Web Workers on your computer: nothing is uploaded.
          </p>
          {state.problem !== undefined && (
            <p id={problemId} class="field__error" role="alert">
              {state.problem}
            </p>
          )}
        </div>
        {opened !== undefined && (
          <div class="dictionary__file">
            <p>
              {opened.name}: {opened.format}, {describeBytes(opened.bytes)}.
              {matrix !== undefined && ` ${matrix.name} is ${matrix.shape[0]} × ${matrix.shape[1]} ${matrix.dtype}; ${matrix.latentAxisReason}.`}
            </p>
            {state.configNote !== undefined && <p>{state.configNote}</p>}
            {run.configProblems.length > 0 && (
              <ul class="dictionary__warnings">
                {run.configProblems.map((problem) => (
                  <li key={problem}>{problem}</li>
                ))}
              </ul>
            )}
          </div>
        )}
        {opened === undefined && state.configNote !== undefined && <p class="dictionary__file">{state.configNote} Now give the weights.</p>}
        <form
          class="fields"
          onSubmit={(event) => {
            event.preventDefault();
            run.measure();
          }}
        >
          <TextField
            name="l0"
            label="L0: latents on per token, for the readouts"
            text={l0Text}
            error={checkedL0.ok ? undefined : checkedL0.message}
            inputMode="numeric"
            onInput={(_name, text) => run.setL0Text(text)}
          />
          {opened !== undefined && opened.matrices.length > 1 && (
            <SelectField
              idBase={id}
              name="matrix"
              label="Array to measure"
              value={String(selection.index)}
              options={opened.matrices.map((m, index) => [String(index), `${m.name} (${formatCount(m.shape[0])} × ${formatCount(m.shape[1])})`])}
              onPick={(value) => run.select({ index: Number(value) })}
            />
          )}
          {offerAxis && matrix !== undefined && (
            <SelectField
              idBase={id}
              name="axis"
              label="Its latents are"
              value={String(selection.axis)}
              options={[
                ["0", `the rows: ${formatCount(matrix.shape[0])}`],
                ["1", `the columns: ${formatCount(matrix.shape[1])}`],
              ]}
              onPick={(value) => run.select({ axis: Number(value) as 0 | 1 })}
            />
          )}
          <SelectField
            idBase={id}
            name="mode"
            label="Mode"
            value={selection.mode}
            options={Object.entries(MODES)}
            onPick={(value) => run.select({ mode: value as MeasureMode })}
          />
        </form>
        <RunControls
          classes={{ actions: "dictionary__actions", run: "dictionary__run", cancel: "dictionary__cancel" }}
          runLabel="Measure"
          runButton={runButton}
          onRun={run.measure}
          onCancel={() => {
            run.cancel();
            runButton.current?.focus();
          }}
          status={running ? "running" : state.view === "done" || state.view === "cancelled" ? state.view : "idle"}
          lastRun={report !== undefined}
          progress={
            <span class="dictionary__progress">
              <progress max={1} value={progress.fraction} aria-label="Measurement progress" />
              <span aria-hidden="true">
                {" "}
                {Math.round(progress.fraction * 100)}%, {STEPS[progress.step]}
              </span>
            </span>
          }
          jobError={undefined}
          failure={undefined}
        />
        {opened !== undefined && <p class="dictionary__plan">{planOf(opened, selection, run.workers)}</p>}
      </div>
      <p class="visually-hidden" aria-live="polite">
        {state.announcement}
      </p>
      {results}
    </section>
  );
}
