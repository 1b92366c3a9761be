/**
 * Timings of the toy model's phase diagrams and dimensionality sweep (src/features/toy-model/engine/),
 * in Node on one thread and split in two parts running at once (as a page splits them across two Web
 * Workers: the same V8 and the same code), side by side with numpy training the same models:
 *
 *     node scripts/bench-toy-phase.ts            # everything (about ten minutes on 2 cores)
 *     node scripts/bench-toy-phase.ts --quick    # only the split runs the goals need (npm run bench runs this part)
 *     node scripts/bench-toy-phase.ts --survey   # only the restart survey behind the tests' margin
 *
 * Lines: the job, wall-clock and CPU seconds on one thread, wall-clock seconds split in two
 * processes and each part's CPU seconds (the machine is shared: with other work running, the
 * largest part's CPU time is what the wall clock shows on free cores), and numpy's seconds for the
 * same training (python3 scripts/checks/toy_phase.py --bench / --bench-sweep, one thread; the grid
 * is timed on 2 of its 20 rows and scaled, since numpy needs minutes for the whole of it), and the
 * theory boundary the build draws. Then the goals: each of the page's grids within 20 s on 2
 * workers, the sweep within a minute, and the build-time runs within 60 s. The jobs are the page's
 * (src/features/toy-model/engine/phase-scenario.ts): the two-neuron grid is 12 × 12.
 *
 * The survey trains every cell of the 20 × 20 one-neuron grid from 16 starts (8 mirror pairs, each
 * pair on its own data stream), 1 000 steps each, and prints, by the theory's margin, the smallest
 * share of pairs whose better model is in the predicted phase: the evidence for the tests' cut.
 */
import { spawn, spawnSync } from "node:child_process";
import { loadavg } from "node:os";
import { resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { STICKY_GEOMETRIES } from "../src/features/toy-model/engine/feature-dimensionality.ts";
import {
  mergeDimensionalitySweeps,
  trainDimensionalitySweep,
  type DimensionalitySweepResult,
  type DimensionalitySweepSettings,
} from "../src/features/toy-model/engine/dimensionality-sweep.ts";
import {
  DENSITY_RANGE,
  IMPORTANCE_RANGE,
  logCellCentres,
  mergePhaseDiagrams,
  trainPhaseDiagram,
  type PhaseDiagramResult,
  type PhaseDiagramSettings,
} from "../src/features/toy-model/engine/phase-diagram.ts";
import { expectedLossOneNeuron, oneNeuronPhase, optimalBoundaryDensity, optimalPhases } from "../src/features/toy-model/engine/phase-theory.ts";
import { BOUNDARY_IMPORTANCES, PAGE_SWEEP, PHASE_DIAGRAM_GRIDS } from "../src/features/toy-model/engine/phase-scenario.ts";
import { createSmallBatch, createSmallTrainer, drawSmallBatch, smallUpdate } from "../src/features/toy-model/engine/small-model-trainer.ts";

type Job = { kind: "phase"; settings: PhaseDiagramSettings } | { kind: "sweep"; settings: DimensionalitySweepSettings };

/** Runs a job's generator to its end (as a worker's drive loop would, without the pauses). */
function runJob(job: Job): PhaseDiagramResult | DimensionalitySweepResult {
  const steps = job.kind === "phase" ? trainPhaseDiagram(job.settings) : trainDimensionalitySweep(job.settings);
  for (;;) {
    const next = steps.next();
    if (next.done) return next.value;
  }
}

/**
 * A job split into `threads` parts, each in a process of its own (as a page splits it across Web
 * Workers: the same V8 and code): the wall-clock seconds, each part's CPU seconds (on a machine
 * shared with other work, the largest of them is what the wall clock would be with free cores),
 * and the merged result.
 */
async function onThreads(
  job: Job,
  threads: number,
): Promise<{ seconds: number; cpu: number[]; result: PhaseDiagramResult | DimensionalitySweepResult }> {
  const script = fileURLToPath(import.meta.url);
  const start = performance.now();
  const parts = await Promise.all(
    Array.from({ length: threads }, (_, part) => {
      const child = spawn(process.execPath, [script, "--part", JSON.stringify({ ...job, settings: { ...job.settings, part, parts: threads } })]);
      let out = "";
      child.stdout.on("data", (chunk: Buffer) => (out += chunk.toString()));
      return new Promise<{ cpu: number; result: PhaseDiagramResult | DimensionalitySweepResult }>((resolve, reject) => {
        child.once("error", reject);
        child.once("close", (code) =>
          code === 0
            ? resolve(JSON.parse(out) as { cpu: number; result: PhaseDiagramResult | DimensionalitySweepResult })
            : reject(new Error(`part ${part} failed`)),
        );
      });
    }),
  );
  const seconds = (performance.now() - start) / 1000;
  const results = parts.map((p) => p.result);
  const result =
    job.kind === "phase" ? mergePhaseDiagrams(results as PhaseDiagramResult[]) : mergeDimensionalitySweeps(results as DimensionalitySweepResult[]);
  return { seconds, cpu: parts.map((p) => p.cpu), result };
}

/** One thread, in this process: wall-clock and CPU seconds. */
function onOneThread(job: Job): { seconds: number; cpu: number } {
  const cpu = process.cpuUsage();
  const start = performance.now();
  runJob(job);
  const used = process.cpuUsage(cpu);
  return { seconds: (performance.now() - start) / 1000, cpu: (used.user + used.system) / 1e6 };
}

function numpy(args: string[], env: Record<string, string> = {}): Record<string, number> | undefined {
  const script = fileURLToPath(new URL("./checks/toy_phase.py", import.meta.url));
  const run = spawnSync("python3", [script, ...args], {
    encoding: "utf8",
    env: { ...process.env, OMP_NUM_THREADS: "1", OPENBLAS_NUM_THREADS: "1", MKL_NUM_THREADS: "1", ...env },
  });
  if (run.status !== 0) return undefined;
  return JSON.parse(run.stdout.trim().split("\n").at(-1)!) as Record<string, number>;
}

const fmt = (x: number | undefined) => (x === undefined ? "—" : x.toFixed(1).padStart(6));
const cpus = (x: number[]) => `(${x.map((v) => v.toFixed(1)).join(" + ")})`.padEnd(13);

/** The grid as text: a character per cell (1, 2, S), and the theory beside it ("." where its margin is under 0.3). */
function picture(result: PhaseDiagramResult): string {
  const char: Record<string, string> = { "feature-1": "1", "feature-2": "2", superposition: "S", neither: "0" };
  const lines: string[] = [];
  for (let row = result.importances.length - 1; row >= 0; row--) {
    const cells = result.cells.filter((cell) => cell.row === row);
    const trained = cells.map((cell) => char[cell.phase]).join("");
    const theory = cells.map((cell) => (cell.theory!.margin < 0.3 ? "." : char[cell.theory!.phase])).join("");
    lines.push(`  r = ${result.importances[row]!.toFixed(2).padStart(5)}  ${trained}   ${theory}`);
  }
  lines.push(`  p = ${result.densities[0]!.toFixed(3)} … ${result.densities.at(-1)!.toFixed(3)} (log axis, left to right); trained | theory`);
  return lines.join("\n");
}

function survey(): void {
  const densities = logCellCentres(DENSITY_RANGE[0], DENSITY_RANGE[1], 20);
  const importances = logCellCentres(IMPORTANCE_RANGE[0], IMPORTANCE_RANGE[1], 20);
  const buckets = [0, 0.05, 0.1, 0.2, 0.3, 0.4, 0.6, 1];
  const worst = new Array<number>(buckets.length - 1).fill(1);
  const counts = new Array<number>(buckets.length - 1).fill(0);
  for (const importance of importances) {
    for (const density of densities) {
      const theory = optimalPhases(density, importance);
      let found = 0;
      for (let pair = 0; pair < 8; pair++) {
        const batch = createSmallBatch(2, 1 - density, 100 + pair);
        const trainers = [[], [1]].map((mirrored) =>
          createSmallTrainer({ n: 1, m: 2, importances: [1, importance], sparsity: 1 - density, seed: 100 + pair, mirrored }, batch),
        );
        for (let s = 0; s < 1000; s++) {
          drawSmallBatch(batch);
          for (const t of trainers) smallUpdate(t);
        }
        const best = trainers
          .map((t) => {
            const [w1, w2] = t.state.w as unknown as [number, number];
            const [b1, b2] = t.state.b as unknown as [number, number];
            return { phase: oneNeuronPhase(w1, w2), loss: expectedLossOneNeuron({ w1, w2, b1, b2 }, density, importance) };
          })
          .reduce((a, c) => (c.loss < a.loss ? c : a));
        if (best.phase === theory.phase) found++;
      }
      const bucket = buckets.findIndex((edge, i) => theory.margin > edge && theory.margin <= buckets[i + 1]!);
      if (bucket < 0) continue;
      counts[bucket]!++;
      worst[bucket] = Math.min(worst[bucket]!, found / 8);
    }
  }
  console.log("Restart survey: 400 cells, 8 mirror pairs of 1 000 steps each");
  console.log("  margin        cells  smallest share of pairs in the predicted phase   4 pairs all miss, at most");
  for (let i = 0; i < counts.length; i++) {
    if (counts[i] === 0) continue;
    console.log(
      `  (${buckets[i]}, ${buckets[i + 1]}]`.padEnd(16) +
        `${counts[i]}`.padStart(5) +
        `${worst[i]!.toFixed(3)}`.padStart(14) +
        `${((1 - worst[i]!) ** 4).toExponential(1)}`.padStart(44),
    );
  }
}

/** A goal of the bench, met or missed, with its figure (as scripts/bench.ts prints its own). */
export interface ToyPhaseGoal {
  readonly label: string;
  readonly met: boolean;
  readonly figure: string;
}

/**
 * The bench: the page's one-neuron grid, its two-neuron grid and its sweep, each split in two
 * processes (as the page splits them across two workers), and with `quick` false also on one
 * thread and in numpy; then the pictures, and the goals, which it returns. `quick` runs only the
 * split runs the goals need (about a minute and a half of two cores).
 */
export async function benchToyPhase({ quick }: { quick: boolean }): Promise<ToyPhaseGoal[]> {
  const grid: Job = { kind: "phase", settings: PHASE_DIAGRAM_GRIDS["one-neuron"] };
  const twoNeurons: Job = { kind: "phase", settings: PHASE_DIAGRAM_GRIDS["two-neurons"] };
  const sweep: Job = { kind: "sweep", settings: PAGE_SWEEP };
  console.log(
    `load average at the start: ${loadavg()
      .map((x) => x.toFixed(1))
      .join(", ")} (2 cores)`,
  );
  console.log("job                                              1 thread   (CPU)   2 parts   (CPU each)    numpy (1 thread)");

  const gridOne = quick ? undefined : onOneThread(grid);
  const gridTwo = await onThreads(grid, 2);
  const numpyGrid = quick ? undefined : numpy(["--bench"], { TOY_PHASE_BENCH_ROWS: "2" });
  console.log(
    `one neuron, 20 × 20 cells × 8 restarts × 1 000   ${fmt(gridOne?.seconds)}    ${fmt(gridOne?.cpu)}   ${fmt(gridTwo.seconds)}  ${cpus(gridTwo.cpu)}    ${fmt(numpyGrid?.fullGridSeconds)} (scaled from ${numpyGrid?.rows ?? "—"} rows)`,
  );
  const twoOne = quick ? undefined : onOneThread(twoNeurons);
  const twoTwo = await onThreads(twoNeurons, 2);
  console.log(
    `two neurons, 12 × 12 cells × 8 restarts × 1 000  ${fmt(twoOne?.seconds)}    ${fmt(twoOne?.cpu)}   ${fmt(twoTwo.seconds)}  ${cpus(twoTwo.cpu)}`,
  );
  const sweepOne = quick ? undefined : onOneThread(sweep);
  const sweepTwo = await onThreads(sweep, 2);
  const numpySweep = quick ? undefined : numpy(["--bench-sweep"]);
  console.log(
    `dimensionality sweep, n = 10, m = 100, 14 × 2 000 ${fmt(sweepOne?.seconds)}    ${fmt(sweepOne?.cpu)}   ${fmt(sweepTwo.seconds)}  ${cpus(sweepTwo.cpu)}    ${fmt(numpySweep?.seconds)}`,
  );
  const boundaryCpu = process.cpuUsage();
  const boundaryStart = performance.now();
  for (const importance of BOUNDARY_IMPORTANCES) optimalBoundaryDensity(importance);
  const boundaryUsed = process.cpuUsage(boundaryCpu);
  const boundary = { seconds: (performance.now() - boundaryStart) / 1000, cpu: (boundaryUsed.user + boundaryUsed.system) / 1e6 };
  console.log(`theory boundary, ${BOUNDARY_IMPORTANCES.length} importances                  ${fmt(boundary.seconds)}    ${fmt(boundary.cpu)}`);

  console.log("\nThe one-neuron grid (trained | theory):");
  console.log(picture(gridTwo.result as PhaseDiagramResult));
  const cells = (gridTwo.result as PhaseDiagramResult).cells;
  const far = cells.filter((cell) => cell.theory!.margin > 0.3);
  console.log(
    `  ${cells.filter((cell) => cell.phase === cell.theory!.phase).length} of ${cells.length} cells agree with the theory; ` +
      `${far.filter((cell) => cell.phase === cell.theory!.phase).length} of ${far.length} with margin > 0.3`,
  );

  console.log("\nThe dimensionality sweep:");
  for (const point of (sweepTwo.result as DimensionalitySweepResult).points) {
    const near = (f: number) => point.dimensionalities.filter((d) => Math.abs(d - f) <= 0.02).length;
    const counts = STICKY_GEOMETRIES.map((g) => `${g.label}: ${near(g.fraction)}`).join(", ");
    const post = point.post;
    console.log(
      `  1/(1−S) = ${point.inverseDensity.toFixed(2).padStart(5)}  n/‖W‖² = ${point.dimensionsPerFeature.toFixed(3)}  Dᵢ within 0.02 of ${counts}` +
        `  | kept ${String(post.represented).padStart(3)} = ${post.featuresPerNeuron.toFixed(1)}/neuron, post's count ${post.postFeaturesPerNeuron.toFixed(2)}/neuron` +
        ` (l = ${post.activeFeatures.toFixed(1)}, l_max = ${post.postMaxActive.toFixed(2)}); RMS overlap ${post.rmsOverlap?.toFixed(3) ?? "—"}, Welch ${post.welchFloor?.toFixed(3) ?? "—"}`,
    );
  }

  // With other work on the machine the wall clock of the split runs says little; the largest
  // part's CPU time is what two free cores take.
  const free = (run: { cpu: number[] }) => Math.max(...run.cpu);
  // The build runs every part and the boundary on a pool of two threads: half their CPU time in all.
  const build =
    (gridTwo.cpu.reduce((a, b) => a + b, 0) + twoTwo.cpu.reduce((a, b) => a + b, 0) + sweepTwo.cpu.reduce((a, b) => a + b, 0) + boundary.cpu) / 2;
  const wall = (run: { seconds: number }) => `[${run.seconds.toFixed(1)} s on this machine]`;
  return [
    { label: "the one-neuron grid on 2 workers ≤ 20 s", met: free(gridTwo) <= 20, figure: `${free(gridTwo).toFixed(1)} s ${wall(gridTwo)}` },
    { label: "the two-neuron grid on 2 workers ≤ 20 s", met: free(twoTwo) <= 20, figure: `${free(twoTwo).toFixed(1)} s ${wall(twoTwo)}` },
    { label: "the sweep on 2 workers under a minute", met: free(sweepTwo) < 60, figure: `${free(sweepTwo).toFixed(1)} s ${wall(sweepTwo)}` },
    { label: "build-time runs (both grids, sweep, boundary) on 2 threads ≤ 60 s", met: build <= 60, figure: `${build.toFixed(1)} s` },
  ];
}

async function main(): Promise<void> {
  if (process.argv.includes("--survey")) {
    survey();
    return;
  }
  const goals = await benchToyPhase({ quick: process.argv.includes("--quick") });
  console.log(`\nGoals (two free cores: the largest part's CPU time; the wall clock on this shared machine in brackets):`);
  for (const g of goals) console.log(`  ${g.met ? "met   " : "MISSED"}  ${g.label.padEnd(66)} ${g.figure}`);
}

// Last, once everything above is defined: a child process runs its part; run directly, the bench;
// imported (scripts/bench.ts), nothing.
const partAt = process.argv.indexOf("--part");
if (partAt >= 0) {
  const cpu = process.cpuUsage();
  const result = runJob(JSON.parse(process.argv[partAt + 1]!) as Job);
  const used = process.cpuUsage(cpu);
  process.stdout.write(JSON.stringify({ cpu: (used.user + used.system) / 1e6, result }));
} else if (process.argv[1] !== undefined && fileURLToPath(import.meta.url) === resolve(process.argv[1])) {
  await main();
}
