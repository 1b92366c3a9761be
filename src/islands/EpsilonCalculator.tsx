import type { ComponentChildren } from "preact";
import { epsilonResults } from "../core/index.ts";
import { describeEpsilonFigure } from "../plot/figure-text.ts";
import { CopyViewLink } from "./CopyViewLink.tsx";
import { Fields } from "./Fields.tsx";
import { InverseQuestion } from "./InverseQuestion.tsx";
import { LiveFigure } from "./LiveFigure.tsx";
import { ResultOutput } from "./ResultOutput.tsx";
import { useScenario } from "./useScenario.ts";
import { WidthPresets } from "./WidthPresets.tsx";

const FIELDS = ["n", "m", "eps"] as const;

/** ε = √(8 ln m / n) for the reader's n and m, and the inverse: width for a target ε. */
export default function EpsilonCalculator({ figure }: { figure?: ComponentChildren }) {
  const [state, setField] = useScenario(FIELDS);
  const s = state.scenario;
  const r = epsilonResults(s);
  return (
    <section id="calc-epsilon" class="calculator" data-calculator="epsilon" aria-label="Interference calculator">
      <p class="calculator__title">Interference calculator</p>
      <WidthPresets current={s.n} onPick={(n) => setField("n", String(n))} />
      <Fields fields={["n", "m"]} state={state} onInput={setField} />
      <dl class="results">
        <ResultOutput name="epsilon" label={<>interference <var>ε</var> = √(8 ln m / n)</>} result={r.epsilon} announce />
      </dl>
      <InverseQuestion summary="Work backwards from a target ε" hasError={state.errors.eps !== undefined}>
        <Fields fields={["eps"]} state={state} onInput={setField} sliders={false} />
        <dl class="results">
          <ResultOutput name="n-for-eps" label={<>neurons needed for <var>m</var> features, 8 ln m / ε²</>} result={r["n-for-eps"]} />
          <ResultOutput name="m-for-eps" label={<>features that fit in <var>n</var> neurons, e^(nε²/8)</>} result={r["m-for-eps"]} />
        </dl>
      </InverseQuestion>
      <LiveFigure
        figure="epsilon"
        scenario={s}
        prerendered={figure}
        description={describeEpsilonFigure(s)}
        caption={<>Interference ε against the number of features m (log axis), for your n (bold) and the widths of real models.</>}
      />
      <CopyViewLink target="calc-epsilon" what="interference calculator" />
    </section>
  );
}
