/**
 * The build's phase diagrams, dimensionality sweep and theory boundary, trained in a process of
 * their own on every core (worker threads running the same engine code as the page's Web
 * Workers), each result written to the build cache as JSON. Started, and waited for, by
 * phase-build-runs.ts when the cache lacks a result; not imported by anything:
 *
 *     node src/features/toy-model/components/phase-build-runner.ts '{"cacheDir": "…", "tasks": [{"key": "…", "job": {…}}]}'
 *
 * Each phase diagram and sweep is split into two parts, as the page splits it across two workers
 * (the parts' results do not depend on the split); the parts of every task go to a pool of
 * threads, longest first, and a task's file is written (atomically: a temporary file renamed)
 * once all its parts are in. Exits 1 with the error on stderr if anything fails.
 */
import { mkdirSync, renameSync, writeFileSync } from "node:fs";
import { availableParallelism } from "node:os";
import { join } from "node:path";
import { isMainThread, parentPort, Worker } from "node:worker_threads";
import {
  mergeDimensionalitySweeps,
  trainDimensionalitySweep,
  type DimensionalitySweepResult,
  type DimensionalitySweepSettings,
} from "../engine/dimensionality-sweep.ts";
import { mergePhaseDiagrams, trainPhaseDiagram, type PhaseDiagramResult, type PhaseDiagramSettings } from "../engine/phase-diagram.ts";
import { optimalBoundaryDensity, type BoundaryPoint } from "../engine/phase-theory.ts";

/** A build-time job: a phase diagram, a sweep, or the theory's boundary at these importances. */
export type BuildJob =
  | { readonly kind: "phase-diagram"; readonly settings: PhaseDiagramSettings }
  | { readonly kind: "dimensionality-sweep"; readonly settings: DimensionalitySweepSettings }
  | { readonly kind: "boundary"; readonly importances: readonly number[] };

/** What the runner is asked: where the cache is, and each job with the key its file is named by. */
export interface BuildRequest {
  readonly cacheDir: string;
  readonly tasks: readonly { readonly key: string; readonly job: BuildJob }[];
}

/** How many parts each job is split into (the page's two workers). */
const PARTS = 2;

/** One part of one task, as a worker thread receives it. */
type Part =
  | { readonly kind: "phase-diagram" | "dimensionality-sweep"; readonly settings: object }
  | { readonly kind: "boundary"; readonly importances: number[] };

/** Runs one part to its end. */
function runPart(part: Part): unknown {
  if (part.kind === "boundary") return part.importances.map((importance) => ({ importance, density: optimalBoundaryDensity(importance) }));
  const job =
    part.kind === "phase-diagram"
      ? trainPhaseDiagram(part.settings as PhaseDiagramSettings)
      : trainDimensionalitySweep(part.settings as DimensionalitySweepSettings);
  for (;;) {
    const next = job.next();
    if (next.done) return next.value;
  }
}

/** A task's parts, with a rough weight (so that the pool starts the longest first). */
function partsOf(job: BuildJob): { part: Part; weight: number }[] {
  if (job.kind === "boundary") {
    return Array.from({ length: PARTS }, (_, k) => ({
      part: { kind: "boundary", importances: job.importances.filter((_, i) => i % PARTS === k) },
      weight: 1,
    }));
  }
  // Seconds of one core here, roughly: the sweep's halves take about twice a grid's.
  const weight = job.kind === "dimensionality-sweep" ? 27 : 13;
  return Array.from({ length: PARTS }, (_, part) => ({ part: { kind: job.kind, settings: { ...job.settings, part, parts: PARTS } }, weight }));
}

/** Puts a task's parts together, in part order. */
function merge(job: BuildJob, results: unknown[]): unknown {
  if (job.kind === "phase-diagram") return mergePhaseDiagrams(results as PhaseDiagramResult[]);
  if (job.kind === "dimensionality-sweep") return mergeDimensionalitySweeps(results as DimensionalitySweepResult[]);
  return (results as BoundaryPoint[][]).flat().sort((a, b) => a.importance - b.importance);
}

async function main(request: BuildRequest): Promise<void> {
  mkdirSync(request.cacheDir, { recursive: true });
  const queue = request.tasks
    .flatMap((task, t) => partsOf(task.job).map((p, index) => ({ ...p, task: t, index })))
    .sort((a, b) => b.weight - a.weight);
  const results = request.tasks.map((task) => new Array<unknown>(partsOf(task.job).length));
  const left = results.map((parts) => parts.length);
  const threads = Math.max(1, Math.min(availableParallelism(), queue.length));
  const started = performance.now();
  const finish = (t: number) => {
    const { key, job } = request.tasks[t]!;
    const file = join(request.cacheDir, `${key}.json`);
    const temporary = `${file}.${process.pid}.tmp`;
    writeFileSync(temporary, JSON.stringify(merge(job, results[t]!)));
    renameSync(temporary, file);
    console.log(`  ${job.kind} trained and cached (${((performance.now() - started) / 1000).toFixed(1)} s)`);
  };
  await Promise.all(
    Array.from(
      { length: threads },
      () =>
        new Promise<void>((resolve, reject) => {
          const worker = new Worker(new URL(import.meta.url));
          const next = () => {
            const item = queue.shift();
            if (item === undefined) {
              void worker.terminate().then(() => resolve());
              return;
            }
            worker.once("message", (result: unknown) => {
              results[item.task]![item.index] = result;
              if (--left[item.task]! === 0) finish(item.task);
              next();
            });
            worker.postMessage(item.part);
          };
          worker.once("error", reject);
          next();
        }),
    ),
  );
}

if (isMainThread) {
  const request = JSON.parse(process.argv[2] ?? "{}") as BuildRequest;
  main(request).catch((error: unknown) => {
    console.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
    process.exit(1);
  });
} else {
  parentPort!.on("message", (part: Part) => parentPort!.postMessage(runPart(part)));
}
