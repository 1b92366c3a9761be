/**
 * A training run as files: its settings and seed (enough to train the same model again), what was
 * measured against the post, each feature's direction length, superposition and bias, the loss
 * curve, and (in JSON) the weights themselves.
 */
import { toCsv, toJson } from "../../../numbers/export.ts";
import { REPRESENTED_NORM } from "./geometry.ts";
import { importances } from "./model.ts";
import type { ToyModelSettings } from "./settings.ts";
import { summarizeToyModel, type ToyModelRun } from "./summary.ts";

/** The file name of a run's export, from its settings: "toy-model-n20-m80-S0.99-r0.9-steps3000-seed0.csv". */
export function toyModelFileName(s: ToyModelSettings, extension: "csv" | "json"): string {
  return `toy-model-n${s.n}-m${s.m}-S${s.sparsity}-r${s.importance}-steps${s.steps}-seed${s.seed}.${extension}`;
}

/** One row per feature (1 = the most important), with its importance rⁱ⁻¹, norm, superposition and bias. */
function featureRows({ result, measured }: ToyModelRun) {
  const weight = importances(result.settings.m, result.settings.importance);
  return measured.norms.map((norm, i) => ({
    feature: i + 1,
    importance: weight[i]!,
    norm,
    represented: norm > REPRESENTED_NORM,
    superposition: measured.superposition[i]!,
    bias: result.b[i]!,
  }));
}

/** One row per feature, each with the run's settings and seed (a spreadsheet needs nothing else). */
export function toyModelCsv(run: ToyModelRun): string {
  const { n, m, sparsity, importance: r, steps, seed } = run.result.settings;
  const rows = featureRows(run).map((f) => ({ n, m, sparsity, importance_decay: r, steps, seed, ...f }));
  return toCsv(
    ["n", "m", "sparsity", "importance_decay", "steps", "seed", "feature", "importance", "norm", "represented", "superposition", "bias"],
    rows,
  );
}

/**
 * The whole run: settings and seed, the measurements with the post's yardsticks (the page's
 * table), each feature, the loss curve, and W (n rows of m numbers) and b. `source` is the address
 * of the page that made it, when there is one.
 */
export function toyModelJson(run: ToyModelRun, source?: string): string {
  const { result } = run;
  const { n, m } = result.settings;
  return toJson({
    what: "A toy model of superposition (Elhage et al. 2022) trained on sparse inputs, measured against the costs in Linsefors's post",
    source,
    settings: result.settings,
    model: "h = W x, output ReLU(Wᵀh + b), loss Σᵢ rⁱ (xᵢ − outputᵢ)², Adam, batches of 1,024",
    measured: summarizeToyModel(run),
    features: featureRows(run),
    lossCurve: result.history,
    W: Array.from({ length: n }, (_, k) => result.W.slice(k * m, (k + 1) * m)),
    b: result.b,
  });
}
