/**
 * Trains and measures toy models with the site's TypeScript core, for scripts/checks/toy_model.py
 * (which runs the same jobs in numpy and prints both side by side). Usage:
 *
 *     node scripts/checks/toy-model-results.ts '[{"n":2,"m":5,"sparsity":0.99,"importance":0.9,"steps":4000,"seed":0}]'
 *
 * Prints one JSON object per job (the measurements without the per-feature arrays and the Gram
 * matrix, plus the training time).
 */
import { measureToyModel } from "../../src/features/toy-model/engine/measure.ts";
import { trainToyModelSync } from "../../src/features/toy-model/engine/train.ts";

const jobs = JSON.parse(process.argv[2] ?? "[]") as Record<string, unknown>[];
for (const job of jobs) {
  const start = performance.now();
  const outcome = trainToyModelSync(job);
  if (!outcome.ok) throw new Error(outcome.error.message);
  const seconds = (performance.now() - start) / 1000;
  // The per-feature arrays and the Gram matrix are for figures; the check compares the summary.
  const { norms: _norms, superposition: _superposition, gram: _gram, ...measured } = measureToyModel(outcome.result);
  const b = outcome.result.b;
  console.log(
    JSON.stringify({
      settings: outcome.result.settings,
      kernel: outcome.result.kernel,
      seconds,
      finalLoss: outcome.result.finalLoss,
      meanBias: b.reduce((a, v) => a + v, 0) / b.length,
      ...measured,
    }),
  );
}
