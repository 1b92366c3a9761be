import { useId } from "preact/hooks";
import type { PresetGroup } from "../calculators/registry.ts";
import { formatCount } from "../core/format.ts";
import type { ParameterName } from "../core/parameters.ts";
import type { Scenario } from "../core/scenario.ts";
import { SPARSE_AUTOENCODERS } from "../core/real-saes.ts";
import { MAX_LARGE_FEATURES } from "../core/simulation/readout-params.ts";
import { MAX_PAIR_FEATURES } from "../core/simulation/params.ts";
import { Presets } from "./Presets.tsx";

/** What a run measures: all pairs and a sweep of l, or readouts only, at the scale of real SAEs. */
export type RunMode = "sweep" | "readout";

/** A dictionary size as release names write it: 16k, 131k, 1M. */
function size(m: number): string {
  return m >= 2 ** 20 ? `${m / 2 ** 20}M` : `${Math.round(m / 1024)}k`;
}

/** The shapes of the published SAEs (src/core/real-saes.ts): n, m and L0 as l. */
const SAE_SHAPES: PresetGroup = {
  label: "Set n, m and l to the shape of a published sparse autoencoder (readouts only)",
  presets: SPARSE_AUTOENCODERS.map((sae) => ({
    label: `${sae.model}, ${size(sae.m)}`,
    detail: `L0 ${formatCount(sae.l0)}`,
    values: { n: sae.n, m: sae.m, l: sae.l0 },
  })),
};

interface Props {
  mode: RunMode;
  onMode: (mode: RunMode) => void;
  scenario: Scenario;
  onPick: (name: ParameterName, text: string) => void;
}

/**
 * The choice of run, as two radio buttons, and the SAE shapes as presets: picking one sets n, m
 * and l and switches to readouts only (all pairs of a million features cannot be measured here).
 */
export function RunChoice({ mode, onMode, scenario, onPick }: Props) {
  const name = useId();
  const option = (value: RunMode, label: string) => (
    <label class="simulation__mode">
      <input type="radio" name={name} value={value} checked={mode === value} onChange={() => onMode(value)} /> {label}
    </label>
  );
  return (
    <div class="simulation__choice">
      <fieldset class="simulation__modes">
        <legend>What to run</legend>
        {option("sweep", `All pairs, and readouts at several l (up to ${formatCount(MAX_PAIR_FEATURES)} features)`)}
        {option("readout", `Readouts only, at the scale of real sparse autoencoders (up to ${formatCount(MAX_LARGE_FEATURES)} features)`)}
      </fieldset>
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
