import type { PresetGroup } from "../../../ui/Presets.tsx";
import { formatCount } from "../../../numbers/format.ts";
import type { ParameterName } from "../../../numbers/parameters.ts";
import type { Scenario } from "../../../numbers/scenario.ts";
import { saeNameParts, SPARSE_AUTOENCODERS } from "../../../facts/real-saes.ts";
import { MAX_LARGE_FEATURES } from "../engine/readout-params.ts";
import { MAX_PAIR_FEATURES } from "../engine/params.ts";
import { Presets } from "../../../ui/Presets.tsx";

/** What a run measures: all pairs and a sweep of l, or readouts only, at the scale of real SAEs. */
export type RunMode = "sweep" | "readout";

/** The shapes of the published SAEs (src/facts/real-saes.ts), each under its one name: n, m and L0 as l. */
const SAE_SHAPES: PresetGroup = {
  label: "Set n, m and l to the shape of a published sparse autoencoder (readouts only)",
  presets: SPARSE_AUTOENCODERS.map((sae) => {
    const { whose, which } = saeNameParts(sae);
    return { label: whose, detail: which, values: { n: sae.n, m: sae.m, l: sae.l0 } };
  }),
  folded: `n, m and l of a published sparse autoencoder (${SPARSE_AUTOENCODERS.length}), readouts only`,
};

interface Props {
  mode: RunMode;
  onMode: (mode: RunMode) => void;
  scenario: Scenario;
  onPick: (name: ParameterName, text: string) => void;
}

/**
 * The choice of run, as two toggle buttons (each reachable by Tab, unlike a radio group's
 * options), and the SAE shapes as presets: picking one sets n, m and l and switches to readouts
 * only (all pairs of a million features cannot be measured here).
 */
export function RunChoice({ mode, onMode, scenario, onPick }: Props) {
  const option = (value: RunMode, label: string, detail: string) => (
    <button type="button" data-mode={value} aria-pressed={mode === value} onClick={() => onMode(value)}>
      {label} <span class="presets__n">{detail}</span>
    </button>
  );
  return (
    <div class="simulation__choice">
      <div class="presets simulation__modes" role="group" aria-label="What to run">
        {option("sweep", "All pairs, and readouts at several l", `up to ${formatCount(MAX_PAIR_FEATURES)} features`)}
        {option("readout", "Readouts only, at the scale of real SAEs", `up to ${formatCount(MAX_LARGE_FEATURES)} features`)}
      </div>
      <Presets
        group={SAE_SHAPES}
        current={scenario}
        onPick={(field, text) => {
          onPick(field, text);
          onMode("readout");
        }}
      />
    </div>
  );
}
