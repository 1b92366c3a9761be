import type { ComponentChildren } from "preact";
import { useEffect, useId, useRef, useState } from "preact/hooks";
import { formatCount, formatNumber, formatPercent } from "../core/format.ts";
import { epsilon, maxActiveFeatures, typicalNoise, worstNoise } from "../core/formulas.ts";
import { parseSetting } from "../core/validate.ts";
import { SIMULATION_SCENARIO } from "../core/scenario.ts";
import { SIMULATION_SETTINGS, type ParameterName, type SimulationSettingName } from "../core/parameters.ts";
import { expectedMaxOverlap, meanAbsOverlap, rmsOverlap } from "../core/simulation/closed-forms.ts";
import { DEFAULT_SEED, DEFAULT_TRIALS, validateSweep, type SimulationField } from "../core/simulation/params.ts";
import type { SimulationPhase } from "../core/simulation/engine.ts";
import { summarizeSweep, type SweepResult, type SweepSummary } from "../core/simulation/sweep.ts";
import { describeNoiseModelsFigure, describeOverlapHistogram, overlapMarks, type MeasuredOverlaps } from "../plot/figure-text.ts";
import { FIELD_LABELS } from "./fields.ts";
import { NumberField } from "./NumberField.tsx";
import { TextField } from "./TextField.tsx";
import { useScenario } from "./useScenario.ts";
import { writeAddress } from "./address.ts";

/** What the island needs of a Web Worker: the test seam (tests pass a fake). */
export interface WorkerLike {
  postMessage(message: unknown): void;
  terminate(): void;
  onmessage: ((event: { data: unknown }) => void) | null;
  onerror: ((event: unknown) => void) | null;
}

interface Props {
  /** The run made when the page was built: shown (as the last completed run) until the reader runs one. */
  initial?: SweepSummary;
  /** The figures for `initial`, rendered at build time (Astro slots). */
  noise?: ComponentChildren;
  histogram?: ComponentChildren;
  /** How to start the worker; the default is the engine's module worker. For tests. */
  createWorker?: () => WorkerLike;
}

type Status = "idle" | "running" | "done" | "cancelled";

/** The last completed run: its numbers, and (for runs made here) its overlaps for the histogram. */
interface LastRun {
  readonly summary: SweepSummary;
  readonly overlaps?: MeasuredOverlaps;
  readonly seconds?: number;
}

const MODEL_FIELDS = ["n", "m", "l"] as const satisfies readonly ParameterName[];
const SETTINGS = ["seed", "trials"] as const satisfies readonly SimulationSettingName[];
const PHASES: Record<SimulationPhase, string> = { embedding: "drawing the features", overlaps: "measuring all pairs", readout: "reading the features" };

/**
 * Why a dynamic import: the engine (and its WebAssembly) runs in the worker, and Plot is needed only
 * to redraw the figures after a run; neither is downloaded before the reader asks for a run.
 */
type FigureModule = typeof import("./render-simulation-figures.ts");
let figureModule: Promise<FigureModule> | undefined;
const loadFigures = (): Promise<FigureModule> => (figureModule ??= import("./render-simulation-figures.ts"));

function startWorker(): WorkerLike {
  return new Worker(new URL("../core/simulation/worker.ts", import.meta.url), { type: "module" }) as unknown as WorkerLike;
}

/** The seed and trials the page is prerendered with. */
const DEFAULT_SETTINGS: Readonly<Record<SimulationSettingName, string>> = { seed: String(DEFAULT_SEED), trials: String(DEFAULT_TRIALS) };

function readSettings(query: URLSearchParams): Record<SimulationSettingName, string> {
  return { seed: query.get("seed") ?? DEFAULT_SETTINGS.seed, trials: query.get("trials") ?? DEFAULT_SETTINGS.trials };
}


/**
 * The live simulation: m random unit vectors in ℝⁿ, all their pairwise overlaps, and readouts
 * with l features active, at the reader's l and a few values around it (a sweep). Runs in a Web
 * Worker started on the first Run; shows progress, can be cancelled, and keeps the last completed
 * run on screen until a new one completes. n, m and l are the page's shared scenario (in the
 * address, as everywhere); the seed and the number of trials are the simulation's own, also in
 * the address, so a link reproduces a run exactly.
 */
export default function Simulation({ initial, noise, histogram, createWorker = startWorker }: Props) {
  const [scenario, setField] = useScenario(MODEL_FIELDS, SIMULATION_SCENARIO);
  const [settings, setSettings] = useState<Record<SimulationSettingName, string>>(DEFAULT_SETTINGS);
  const [status, setStatus] = useState<Status>("idle");
  const [progress, setProgress] = useState<{ fraction: number; phase: SimulationPhase }>({ fraction: 0, phase: "embedding" });
  const [last, setLast] = useState<LastRun | undefined>(initial ? { summary: initial } : undefined);
  const [failure, setFailure] = useState<string | undefined>();
  const [announcement, setAnnouncement] = useState("");
  const worker = useRef<WorkerLike | undefined>(undefined);
  const job = useRef(0);
  const running = useRef<number | undefined>(undefined);
  const runButton = useRef<HTMLButtonElement>(null);
  const root = useRef<HTMLElement>(null);
  const jobMessageId = useId();

  useEffect(() => {
    // Adopt the address's seed and trials, except where the reader typed into the prerendered
    // box before the island woke (TextField has already reported that text, valid or not).
    const fromAddress = readSettings(new URLSearchParams(window.location.search));
    setSettings((before) => {
      const next = { ...before };
      for (const name of SETTINGS) if (before[name] === DEFAULT_SETTINGS[name]) next[name] = fromAddress[name];
      return next;
    });
    return () => worker.current?.terminate();
  }, []);

  const s = scenario.scenario;
  const parsed = { seed: parseSetting("seed", settings.seed), trials: parseSetting("trials", settings.trials) };
  const settingErrors: Partial<Record<SimulationSettingName, string>> = {};
  for (const name of SETTINGS) {
    const p = parsed[name];
    if (!p.ok) settingErrors[name] = p.message;
  }
  const inputValid = Object.keys(scenario.errors).length === 0 && Object.keys(settingErrors).length === 0;
  const seed = parsed.seed.ok ? parsed.seed.value : DEFAULT_SEED;
  const trials = parsed.trials.ok ? parsed.trials.value : DEFAULT_TRIALS;
  const checked = inputValid ? validateSweep({ n: s.n, m: s.m, l: s.l, seed, trials }) : undefined;
  // Where the refusal of an oversized (or otherwise impossible) job is shown: next to its field,
  // or next to the Run button when it is the product of several fields.
  const jobError = checked && !checked.ok ? checked.error : undefined;
  const errorFor = (field: SimulationField): string | undefined => (jobError?.field === field ? jobError.message : undefined);

  const onSetting = (name: SimulationSettingName, text: string) => {
    setSettings((before) => ({ ...before, [name]: text }));
    const p = parseSetting(name, text);
    if (p.ok) writeAddress({ [name]: p.value });
  };

  const onMessage = (event: { data: unknown }) => {
    const message = event.data as { type?: string; id?: unknown; progress?: { fraction: number; phase: SimulationPhase }; result?: SweepResult; seconds?: number; error?: { message: string } };
    if (message === null || typeof message !== "object" || message.id !== running.current) return;
    if (message.type === "progress" && message.progress) {
      setProgress({ fraction: message.progress.fraction, phase: message.progress.phase });
    } else if (message.type === "done" && message.result) {
      running.current = undefined;
      const result = message.result;
      setLast({ summary: summarizeSweep(result), overlaps: result.overlaps, seconds: message.seconds });
      setStatus("done");
      setAnnouncement(`Done: ${formatCount(result.params.m)} features in ${formatCount(result.params.n)} dimensions measured.`);
    } else if (message.type === "cancelled") {
      running.current = undefined;
      setStatus("cancelled");
    } else if (message.type === "error") {
      running.current = undefined;
      setFailure(message.error?.message ?? "The simulation failed.");
      setStatus("idle");
    }
  };

  const run = () => {
    if (!checked?.ok) {
      // Nothing starts; the message is already next to the field (or the button). Take the reader there.
      root.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
      return;
    }
    const { n, m, l } = checked.params;
    try {
      if (worker.current === undefined) {
        const started = createWorker();
        started.onmessage = onMessage;
        started.onerror = () => {
          running.current = undefined;
          worker.current?.terminate();
          worker.current = undefined;
          setFailure("The simulation could not start in this browser (its worker failed to load). The numbers shown are from the last completed run.");
          setStatus("idle");
        };
        worker.current = started;
      }
      job.current += 1;
      running.current = job.current;
      worker.current.postMessage({ type: "sweep", id: job.current, n, m, l, seed, trials });
    } catch (error) {
      setFailure(`The simulation could not start: ${error instanceof Error ? error.message : String(error)}`);
      return;
    }
    setFailure(undefined);
    setProgress({ fraction: 0, phase: "embedding" });
    setStatus("running");
    setAnnouncement("Running…");
    writeAddress({ n, m, l, seed, trials });
    // Fetch Plot while the worker computes, so the figures redraw as soon as the run is done.
    void loadFigures().catch(() => undefined);
  };

  const cancel = () => {
    if (running.current !== undefined) worker.current?.postMessage({ type: "cancel", id: running.current });
    running.current = undefined;
    setStatus("cancelled");
    setAnnouncement("Cancelled: the results of the last completed run are still shown.");
    runButton.current?.focus();
  };

  const levels = checked?.ok ? checked.params.levels : undefined;
  return (
    <section class="simulation" ref={root} data-simulation data-state={status} aria-label="Simulation of random embeddings">
      <p class="calculator__title">Simulation: random features, measured</p>
      <form class="fields" onSubmit={(e) => { e.preventDefault(); run(); }}>
        {MODEL_FIELDS.map((name) => (
          <NumberField
            key={name}
            name={name}
            label={FIELD_LABELS[name]}
            text={scenario.texts[name]}
            value={s[name]}
            error={scenario.errors[name] ?? errorFor(name)}
            onInput={setField}
          />
        ))}
        {SETTINGS.map((name) => (
          <SettingField key={name} name={name} text={settings[name]} error={settingErrors[name] ?? errorFor(name)} onInput={onSetting} />
        ))}
      </form>
      <div class="simulation__actions">
        <button type="button" class="simulation__run" ref={runButton} onClick={run} aria-describedby={errorFor("job") ? jobMessageId : undefined}>
          Run
        </button>
        {status === "running" && (
          <button type="button" class="simulation__cancel" onClick={cancel}>
            Cancel
          </button>
        )}
        {status === "running" && (
          <span class="simulation__progress">
            <progress max={1} value={progress.fraction} aria-label="Simulation progress" />
            <span aria-hidden="true"> {Math.round(progress.fraction * 100)}%, {PHASES[progress.phase]}</span>
          </span>
        )}
      </div>
      {errorFor("job") && (
        <p id={jobMessageId} class="field__error" role="alert">
          {errorFor("job")}
        </p>
      )}
      {failure && (
        <p class="field__error" role="alert">
          {failure}
        </p>
      )}
      {levels && (
        <p class="simulation__plan">
          A run draws {formatCount(s.m)} random unit vectors in {formatCount(s.n)} dimensions, measures all{" "}
          {formatCount((s.m * (s.m - 1)) / 2)} pairs, and reads every feature on {formatCount(trials)} random inputs at each of l ={" "}
          {levels.map(formatCount).join(", ")}.
        </p>
      )}
      <p class="visually-hidden" aria-live="polite">
        {announcement}
      </p>
      {last ? <RunTables last={last} /> : <p>No run yet: press Run.</p>}
      {last && <RunFigures last={last} initial={initial} noise={noise} histogram={histogram} />}
    </section>
  );
}

/** A text field for the seed or the number of trials. */
function SettingField({ name, text, error, onInput }: { name: SimulationSettingName; text: string; error: string | undefined; onInput: (name: SimulationSettingName, text: string) => void }) {
  return (
    <TextField
      name={name}
      label={name === "seed" ? "seed of the random numbers" : "random inputs per value of l (trials)"}
      text={text}
      error={error}
      inputMode="numeric"
      title={SIMULATION_SETTINGS[name].meaning}
      onInput={onInput}
    />
  );
}

/** A measured number as an <output> with its full-precision data-value, or a dash when there is none. */
function Measured({ name, value, text }: { name: string; value: number | undefined; text?: string }) {
  return (
    <output name={name} data-value={value}>
      {value === undefined ? "—" : (text ?? formatNumber(value))}
    </output>
  );
}

function ratio(measured: number | undefined, predicted: number): string {
  return measured === undefined ? "—" : `${formatNumber(measured / predicted)}×`;
}

/** The last run: measured against predicted, then the readouts at each l of the sweep. */
function RunTables({ last }: { last: LastRun }) {
  const r = last.summary;
  const { n, m, l } = r;
  const limit = maxActiveFeatures(n, m);
  const rows: { label: ComponentChildren; name: string; measured: number | undefined; predicted: number; model: ComponentChildren }[] = [
    { label: "RMS overlap of two features", name: "rms-overlap", measured: r.rmsOverlap, predicted: rmsOverlap(n), model: "1/√n" },
    { label: "mean |overlap|", name: "mean-abs-overlap", measured: r.meanAbsOverlap, predicted: meanAbsOverlap(n), model: "√(2/(πn))" },
    { label: "largest |overlap| of all pairs", name: "max-overlap", measured: r.maxOverlap, predicted: expectedMaxOverlap(n, m), model: <>√(4 ln m / n); the post’s ε = {formatNumber(epsilon(n, m))}</> },
    { label: "RMS readout noise, inactive feature", name: "rms-noise", measured: r.rmsNoise, predicted: typicalNoise(n, l), model: "typical: √(l/n)" },
    { label: "worst noise of the m readouts (mean)", name: "worst-noise", measured: r.worstNoise, predicted: worstNoise(n, m, l), model: "worst of m: √(2 ln m · l/n)" },
  ];
  return (
    <>
      <table class="simulation__table">
        <caption>
          Last completed run: n = {formatCount(n)}, m = {formatCount(m)}, l = {formatCount(l)}, seed {formatCount(r.seed)}, {formatCount(r.trials)} trials
          {last.seconds !== undefined ? `, ${formatNumber(last.seconds, 2)} s in your browser` : ", made when this page was built"}.
        </caption>
        <thead>
          <tr>
            <th scope="col">quantity</th>
            <th scope="col">measured</th>
            <th scope="col">predicted</th>
            <th scope="col">ratio</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.name}>
              <th scope="row">
                {row.label}
                <span class="simulation__model">{row.model}</span>
              </th>
              <td>
                <Measured name={row.name} value={row.measured} />
              </td>
              <td>{formatNumber(row.predicted)}</td>
              <td>{ratio(row.measured, row.predicted)}</td>
            </tr>
          ))}
          <tr>
            <th scope="row">
              all m features read right
              <span class="simulation__model">threshold ½; expected nearly always below l = n/(8 ln m) = {formatNumber(limit)}</span>
            </th>
            <td>
              <Measured name="all-correct" value={r.allCorrectFraction} text={formatPercent(r.allCorrectFraction)} />
            </td>
            <td>{l < limit ? "mostly yes" : "mostly no"}</td>
            <td>
              {formatCount(r.allCorrect)} of {formatCount(r.trials)}
            </td>
          </tr>
        </tbody>
      </table>
      <table class="simulation__table simulation__sweep">
        <caption>The readouts at each l of the run, measured ÷ predicted (the points of the figure below).</caption>
        <thead>
          <tr>
            <th scope="col">l</th>
            <th scope="col">RMS noise ÷ √(l/n)</th>
            <th scope="col">worst ÷ √(2 ln m · l/n)</th>
            <th scope="col">all m right</th>
          </tr>
        </thead>
        <tbody>
          {r.points.map((p) => (
            <tr key={p.l} class={p.l === l ? "simulation__yours" : undefined}>
              <th scope="row">{formatCount(p.l)}{p.l === l ? " (yours)" : ""}</th>
              <td>{p.inactiveRms === undefined ? "—" : formatNumber(p.inactiveRms / typicalNoise(n, p.l))}</td>
              <td>{formatNumber(p.worstMean / worstNoise(n, m, p.l))}</td>
              <td>{formatPercent(p.allCorrectFraction)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}

/**
 * The two figures of the last run: the prerendered SVGs for the build's run, redrawn in the browser
 * (Plot loaded on demand) after a run made here. Why two boxes: the live SVG goes into a box Preact
 * renders empty and never touches, and the prerendered one is dropped once it is drawn. Captions
 * and text descriptions follow what is drawn, so they never describe a run the figure does not show.
 */
function RunFigures({ last, initial, noise, histogram }: { last: LastRun; initial?: SweepSummary; noise?: ComponentChildren; histogram?: ComponentChildren }) {
  const noiseHost = useRef<HTMLDivElement>(null);
  const histogramHost = useRef<HTMLDivElement>(null);
  const [drawn, setDrawn] = useState<SweepSummary | undefined>(undefined);
  const [failed, setFailed] = useState(false);
  useEffect(() => {
    const { summary, overlaps } = last;
    if (overlaps === undefined) return;
    let current = true;
    loadFigures()
      .then(async (mod) => {
        if (!current || !noiseHost.current || !histogramHost.current) return;
        mod.renderNoiseModels(noiseHost.current, summary, summary.points);
        // A task of its own for the second figure: two drawings in one task would hold up input.
        await new Promise((resolve) => setTimeout(resolve, 0));
        if (!current || !histogramHost.current) return;
        mod.renderOverlapHistogram(histogramHost.current, summary, overlaps);
        setDrawn(summary);
        setFailed(false);
      })
      .catch(() => current && setFailed(true));
    return () => {
      current = false;
    };
  }, [last]);
  const live = drawn !== undefined;
  const shown = drawn ?? initial;
  const pairs = shown ? (shown.m * (shown.m - 1)) / 2 : 0;
  return (
    <div class="simulation__figures">
      {failed && <p class="figure__error">The figures could not be redrawn for the last run; the tables above have its numbers.</p>}
      <figure class="figure">
        <div class="figure__plot" ref={noiseHost} hidden={!live} />
        {!live && <div class="figure__plot">{noise}</div>}
        {shown && (
          <figcaption>
            Readout noise against l for n = {formatCount(shown.n)}, m = {formatCount(shown.m)}: the post’s ε√l (dashed), the worst of
            the m readouts (red; squares measured) and a typical readout (blue; circles measured).
            <span class="visually-hidden"> {describeNoiseModelsFigure(shown, shown.points)}</span>
          </figcaption>
        )}
      </figure>
      <figure class="figure">
        <div class="figure__plot" ref={histogramHost} hidden={!live} />
        {!live && <div class="figure__plot">{histogram}</div>}
        {shown && (
          <figcaption>
            All {formatCount(pairs)} pairwise overlaps of the run, counted (log scale), with{" "}
            {overlapMarks(shown.n, shown.m)
              .filter((mark) => mark.drawn)
              .map((mark) => `±${mark.label.replace(" (post)", "")}`)
              .join(", ")}{" "}
            marked.
            <span class="visually-hidden"> {describeOverlapHistogram(shown, { maxAbs: shown.maxOverlap, pairs })}</span>
          </figcaption>
        )}
      </figure>
    </div>
  );
}
