/**
 * What the trained toy models' page may claim across seeds: trains the two-neuron presets and the
 * page's default job (src/features/toy-model/engine/settings.ts) with seeds 0 … 9 (0 … 4 for the default, the
 * slower job) and prints, per run, which features are represented (‖Wᵢ‖ > ½), their lengths, the
 * antipodal pairs among them, and among the dropped features how many still have a length above
 * 0.1. Run by hand (about a minute):
 *
 *     node scripts/checks/toy-model-seeds.ts
 */
import { measureToyModel } from "../../src/features/toy-model/engine/measure.ts";
import { DEFAULT_TOY_MODEL, TOY_MODEL_PRESETS, type ToyModelSettings } from "../../src/features/toy-model/engine/settings.ts";
import { trainToyModelSync } from "../../src/features/toy-model/engine/train.ts";

function describe(settings: ToyModelSettings): string {
  const outcome = trainToyModelSync(settings);
  if (!outcome.ok) throw new Error(outcome.error.message);
  const measured = measureToyModel(outcome.result);
  const { norms, gram } = measured;
  const m = norms.length;
  const kept = norms.flatMap((norm, i) => (norm > 0.5 ? [i + 1] : []));
  const dropped = norms.flatMap((norm, i) => (norm > 0.5 ? [] : [i + 1]));
  // Antipodal: two kept features whose directions have cosine below −0.9.
  const pairs: string[] = [];
  for (let i = 0; i < m; i++) {
    for (let j = i + 1; j < m; j++) {
      if (norms[i]! > 0.5 && norms[j]! > 0.5 && gram[i]![j]! / (norms[i]! * norms[j]!) < -0.9) pairs.push(`${i + 1}↔${j + 1}`);
    }
  }
  const firstDropped = dropped[0];
  const keptAfterFirstDropped = firstDropped === undefined ? 0 : kept.filter((i) => i > firstDropped).length;
  const droppedWithLength = dropped.filter((i) => norms[i - 1]! > 0.1).length;
  return (
    `seed ${settings.seed}: kept ${kept.length} [${m <= 10 ? kept.join(" ") : `${kept.slice(0, 3).join(" ")} …`}]` +
    ` dropped [${m <= 10 ? dropped.join(" ") : dropped.slice(0, 6).join(" ") + (dropped.length > 6 ? " …" : "")}]` +
    ` first dropped ${firstDropped ?? "—"}, kept after it ${keptAfterFirstDropped}, dropped with length > 0.1: ${droppedWithLength} of ${dropped.length}` +
    (m <= 10 ? `; lengths ${norms.map((x) => x.toFixed(2)).join(" ")}; antipodal ${pairs.join(" ") || "none"}` : "") +
    `; loss ${outcome.result.finalLoss.toExponential(2)}`
  );
}

for (const preset of TOY_MODEL_PRESETS.filter((p) => p.settings.n === 2)) {
  console.log(`\n${preset.name} (preset seed ${preset.settings.seed})`);
  for (let seed = 0; seed < 10; seed++) console.log("  " + describe({ ...preset.settings, seed }));
}
console.log(
  `\nThe page's default job: n = ${DEFAULT_TOY_MODEL.n}, m = ${DEFAULT_TOY_MODEL.m}, S = ${DEFAULT_TOY_MODEL.sparsity}, ${DEFAULT_TOY_MODEL.steps} steps`,
);
for (let seed = 0; seed < 5; seed++) console.log("  " + describe({ ...DEFAULT_TOY_MODEL, seed }));
