import type { ComponentChildren } from "preact";
import { levelsResults } from "../core/index.ts";
import { describeLevelsFigure } from "../plot/figure-text.ts";
import { CopyViewLink } from "./CopyViewLink.tsx";
import { Fields } from "./Fields.tsx";
import { InverseQuestion } from "./InverseQuestion.tsx";
import { LiveFigure } from "./LiveFigure.tsx";
import { ResultOutput } from "./ResultOutput.tsx";
import { useScenario } from "./useScenario.ts";
import { WidthPresets } from "./WidthPresets.tsx";

const FIELDS = ["n", "m", "l", "a"] as const;

/** Noise a·ε·√l, distinguishable levels √(n/(8 l ln m)), and the width k levels need. */
export default function LevelsCalculator({ figure }: { figure?: ComponentChildren }) {
  const [state, setField] = useScenario([...FIELDS, "k"]);
  const s = state.scenario;
  const r = levelsResults(s);
  return (
    <section id="calc-levels" class="calculator" data-calculator="levels" aria-label="Activation-level calculator">
      <p class="calculator__title">Activation-level calculator</p>
      <WidthPresets current={s.n} onPick={(n) => setField("n", String(n))} />
      <Fields fields={FIELDS} state={state} onInput={setField} />
      <dl class="results">
        <ResultOutput name="noise" label={<>noise at amplitude <var>a</var>, a·ε·√l</>} result={r.noise} />
        <ResultOutput
          name="levels"
          label={<>distinguishable levels, √(n / (8 l ln m))</>}
          result={r.levels}
          announce
          hint={r.booleanIsh ? "boolean-ish: little more than on or off" : undefined}
        />
        <ResultOutput name="typical-levels" label={<>levels at the typical noise of random features, √(n / l)</>} result={r["typical-levels"]} />
      </dl>
      <InverseQuestion summary="Work backwards from a number of levels" hasError={state.errors.k !== undefined}>
        <Fields fields={["k"]} state={state} onInput={setField} sliders={false} />
        <dl class="results">
          <ResultOutput name="n-for-levels" label={<>neurons needed for <var>k</var> levels, 8 l k² ln m</>} result={r["n-for-levels"]} />
        </dl>
      </InverseQuestion>
      <LiveFigure
        figure="levels"
        scenario={s}
        prerendered={figure}
        description={describeLevelsFigure(s)}
        caption={<>Distinguishable levels against the number of active features l, for your n and m; below 2 levels (shaded) a feature is boolean-ish.</>}
      />
      <CopyViewLink target="calc-levels" what="activation-level calculator" />
    </section>
  );
}
