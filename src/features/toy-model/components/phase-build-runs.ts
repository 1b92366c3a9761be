/**
 * The toy-model page's phase diagrams, dimensionality sweep and theory boundary, trained once for
 * the build and kept in a cache on disk (node_modules/.cache/trained-toy-models/), so that later
 * builds (the test suite's second build under a sub-path, a dev server's reloads) read them instead
 * of training again. A cached result is named by a hash of its job and of every source file the
 * training runs (the toy model's engine, the mathematics, the job machinery): any change to them
 * trains afresh. Missing results are trained by phase-build-runner.ts in a process of its own, on
 * every core, while the build waits (about a minute of two cores for all of them). Deterministic:
 * seeded, so a fresh cache gives the same results. Build time only.
 */
import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import type { DimensionalitySweepResult } from "../engine/dimensionality-sweep.ts";
import type { PhaseDiagramResult, PhaseDiagramShape } from "../engine/phase-diagram.ts";
import { BOUNDARY_IMPORTANCES, PAGE_SWEEP, PHASE_DIAGRAM_GRIDS } from "../engine/phase-scenario.ts";
import type { BoundaryPoint } from "../engine/phase-theory.ts";
import type { BuildJob, BuildRequest } from "./phase-build-runner.ts";

/** The project's root: builds, dev servers and tests all run from it (as src/site/palette.ts assumes). */
const ROOT = process.cwd();
const CACHE_DIR = join(ROOT, "node_modules", ".cache", "trained-toy-models");
const RUNNER = join(ROOT, "src", "features", "toy-model", "components", "phase-build-runner.ts");

/** The build's runs, by what the page shows. */
export interface PhaseBuildRuns {
  readonly diagrams: Readonly<Record<PhaseDiagramShape, PhaseDiagramResult>>;
  readonly sweep: DimensionalitySweepResult;
  /** The optimal theory's boundary p_opt(r), at {@link BOUNDARY_IMPORTANCES}. */
  readonly boundary: BoundaryPoint[];
}

const JOBS = {
  "one-neuron": { kind: "phase-diagram", settings: PHASE_DIAGRAM_GRIDS["one-neuron"] },
  "two-neurons": { kind: "phase-diagram", settings: PHASE_DIAGRAM_GRIDS["two-neurons"] },
  sweep: { kind: "dimensionality-sweep", settings: PAGE_SWEEP },
  boundary: { kind: "boundary", importances: BOUNDARY_IMPORTANCES },
} as const satisfies Record<string, BuildJob>;

/**
 * Every source file the runner executes: the runner and, transitively, each file it imports by a
 * relative path (the engine, the mathematics, the job machinery; type-only imports included, which
 * costs at most a needless retraining). Sorted, relative to the root.
 */
function runnerSources(): string[] {
  const seen = new Set<string>();
  const visit = (file: string) => {
    if (seen.has(file)) return;
    seen.add(file);
    const source = readFileSync(file, "utf8");
    for (const match of source.matchAll(/\bfrom\s*["'](\.{1,2}\/[^"']+)["']/g)) visit(resolve(dirname(file), match[1]!));
  };
  visit(RUNNER);
  return [...seen].map((file) => relative(ROOT, file)).sort();
}

/** A hash of the sources the training runs: their names and contents. */
function sourceDigest(): string {
  const hash = createHash("sha256");
  for (const file of runnerSources())
    hash
      .update(`${file}\0`)
      .update(readFileSync(join(ROOT, file)))
      .update("\0");
  return hash.digest("hex");
}

let runs: PhaseBuildRuns | undefined;

/** The build's runs: read from the cache, after training whatever it lacks. */
export function phaseBuildRuns(): PhaseBuildRuns {
  if (runs !== undefined) return runs;
  const digest = sourceDigest();
  const tasks = Object.entries(JOBS).map(([name, job]) => ({
    name,
    key: `${name}-${createHash("sha256").update(digest).update(JSON.stringify(job)).digest("hex").slice(0, 16)}`,
    job: job as BuildJob,
  }));
  const file = (key: string) => join(CACHE_DIR, `${key}.json`);
  const missing = tasks.filter((task) => !existsSync(file(task.key)));
  if (missing.length > 0) {
    console.log(`[trained-toy-models] training ${missing.map((t) => t.name).join(", ")} for the build (cached in ${relative(ROOT, CACHE_DIR)}/)`);
    const request: BuildRequest = { cacheDir: CACHE_DIR, tasks: missing.map(({ key, job }) => ({ key, job })) };
    execFileSync(process.execPath, [RUNNER, JSON.stringify(request)], { stdio: ["ignore", "inherit", "inherit"] });
  }
  const read = (name: string) => JSON.parse(readFileSync(file(tasks.find((t) => t.name === name)!.key), "utf8")) as unknown;
  runs = {
    diagrams: { "one-neuron": read("one-neuron") as PhaseDiagramResult, "two-neurons": read("two-neurons") as PhaseDiagramResult },
    sweep: read("sweep") as DimensionalitySweepResult,
    boundary: read("boundary") as BoundaryPoint[],
  };
  return runs;
}
