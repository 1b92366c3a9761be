import type { ComponentChildren } from "preact";
import { sparsityResults } from "../core/index.ts";
import { describeSparsityFigure } from "../plot/figure-text.ts";
import { CopyViewLink } from "./CopyViewLink.tsx";
import { Fields } from "./Fields.tsx";
import { LiveFigure } from "./LiveFigure.tsx";
import { ResultOutput } from "./ResultOutput.tsx";
import { useScenario } from "./useScenario.ts";
import { WidthPresets } from "./WidthPresets.tsx";

const FIELDS = ["n", "m", "l"] as const;

/** Noise ε√l, the sparsity limits n/(8 ln m) and e^(n/8), and the width l active features need. */
export default function SparsityCalculator({ figure }: { figure?: ComponentChildren }) {
  const [state, setField] = useScenario(FIELDS);
  const s = state.scenario;
  const r = sparsityResults(s);
  return (
    <section id="calc-sparsity" class="calculator" data-calculator="sparsity" aria-label="Sparsity calculator">
      <p class="calculator__title">Sparsity calculator</p>
      <WidthPresets current={s.n} onPick={(n) => setField("n", String(n))} />
      <Fields fields={FIELDS} state={state} onInput={setField} />
      <dl class="results">
        <ResultOutput name="noise" label={<>noise from <var>l</var> active features, ε√l</>} result={r.noise} />
        <ResultOutput name="worst-noise" label={<>worst of the <var>m</var> readouts, random features, √(2 ln m · l / n)</>} result={r["worst-noise"]} />
        <ResultOutput name="typical-noise" label={<>typical readout, random features, √(l / n)</>} result={r["typical-noise"]} />
        <div class="result">
          <dt>verdict</dt>
          <dd>
            <output name="verdict" aria-live="polite" data-value={r.beats ? "signal" : "noise"} class={r.beats ? "verdict verdict--ok" : "verdict verdict--bad"}>
              {r.beats ? "the signal (1) beats the noise" : "the noise drowns the signal (ε√l ≥ 1)"}
            </output>
          </dd>
        </div>
        <ResultOutput name="l-max" label={<>most features active at once, n / (8 ln m)</>} result={r["l-max"]} />
        <ResultOutput name="m-max" label={<>most features in all, e^(n/8)</>} result={r["m-max"]} />
        <ResultOutput name="n-min" label={<>neurons needed for this <var>m</var> and <var>l</var>, 8 l ln m</>} result={r["n-min"]} />
      </dl>
      <LiveFigure
        figure="sparsity"
        scenario={s}
        prerendered={figure}
        description={describeSparsityFigure(s)}
        caption={<>The largest number of active features, n / (8 ln m), against the number of neurons n, for your m; your (n, l) is the dot.</>}
      />
      <CopyViewLink target="calc-sparsity" what="sparsity calculator" />
    </section>
  );
}
