/**
 * The site's speed budgets, each twice: the target a reader should get (`target`, reported met or
 * missed by `npm run bench:site`), and the guard the performance tests hold in every run, CI
 * included (`guard`): a margin wide enough to hold on a 2-core machine with one core kept busy by
 * another process, and still narrow enough to catch a gross regression (a figure drawn twice per
 * step, Plot loaded before the first answer, a worker that ignores cancel). Wall-clock timings on a
 * shared machine vary by 2–3× from run to run; a test must fail for the page, not for the machine.
 */

export interface Budget {
  /** What is measured, as the bench prints it. */
  readonly what: string;
  readonly unit: "ms" | "KB";
  /** What the site aims for on a quiet machine. */
  readonly target: number;
  /** What the performance tests assert: the target with room for a loaded machine. */
  readonly guard: number;
}

export const BUDGETS = {
  /** Bytes, not time: the same on any machine, so target and guard are one. */
  jsBeforeInteraction: { what: "JavaScript run before interaction (gzip)", unit: "KB", target: 15, guard: 15 },
  /** One 60 Hz frame per slider step. */
  sliderStepP50: { what: "slider step, typical (median of each step's takes, p50)", unit: "ms", target: 16, guard: 50 },
  sliderStepP95: { what: "slider step, slowest (p95)", unit: "ms", target: 16, guard: 100 },
  firstTouchDesktop: { what: "first touch to result, this machine", unit: "ms", target: 100, guard: 400 },
  firstTouchMobile: { what: "first touch to result, mobile emulation (4× CPU, slow 4G)", unit: "ms", target: 300, guard: 1200 },
  /** A task longer than 50 ms is a "long task": input waits for it. */
  longestTask: { what: "longest main-thread task during a run", unit: "ms", target: 50, guard: 250 },
  cancelStops: { what: "Cancel to every worker stopped", unit: "ms", target: 100, guard: 500 },
  /** The goal for the 20 × 20 one-neuron grid (8 models of 1 000 steps per cell) on 2 cores:
   * about 13 s of a core per half when the cores are free. */
  phaseGrid: { what: "the one-neuron phase grid trained in the browser, Run to done", unit: "ms", target: 20_000, guard: 90_000 },
  linkedView: { what: "page load to every calculator on the link's numbers", unit: "ms", target: 1000, guard: 5000 },
  /**
   * The dictionary page on a generated 16 384 × 2 304 float32 decoder (Gemma Scope 2B 16k's
   * shape), exact mode: the goal of 30 s on this machine's two cores; the guard catches a
   * kernel or a split that no longer works (one worker, or the JavaScript kernel, is 3–4× slower).
   */
  dictionaryExact: { what: "16 384 × 2 304 dictionary, file to geometry, exact", unit: "ms", target: 30_000, guard: 150_000 },
} as const satisfies Record<string, Budget>;

export type BudgetName = keyof typeof BUDGETS;

/**
 * ε's n slider, whose slowest steps (p95) measured 14–23 ms on this machine: it redraws a figure of
 * six curves and their labels on every step. Reported against the one-frame target all the same.
 */
export const KNOWN_SLOW_SLIDERS: ReadonlySet<string> = new Set(["epsilon n"]);

/** "met" or "missed", with the figure against its target, for the bench's report. */
export function againstTarget(name: BudgetName, value: number): string {
  const budget = BUDGETS[name];
  const shown = budget.unit === "KB" ? value.toFixed(1) : value.toFixed(0);
  return `${value <= budget.target ? "met   " : "MISSED"} ${budget.what}: ${shown} ${budget.unit} (target ${budget.target} ${budget.unit})`;
}
