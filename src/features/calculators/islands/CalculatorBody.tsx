import type { ComponentChildren } from "preact";
import { useId, useState } from "preact/hooks";
import { formatNumber } from "../../../numbers/format.ts";
import { PARAMETERS } from "../../../numbers/parameters.ts";
import { CALCULATORS, VERDICT, type CalculatorName, type OutputSpec } from "../registry.ts";
import type { CalculatorResults } from "../engine/results.ts";
import type { ParameterName } from "../../../numbers/parameters.ts";
import type { Scenario } from "../../../numbers/scenario.ts";
import { Fields } from "../../../ui/Fields.tsx";
import { InverseQuestion } from "./InverseQuestion.tsx";
import { Presets } from "../../../ui/Presets.tsx";
import { Results } from "./Results.tsx";
import { useLaterResults } from "./useLaterResults.ts";
import { useScenario } from "../../../ui/useScenario.ts";

interface Props {
  name: CalculatorName;
  /** The section's id: its anchor on a page. */
  id?: string;
  /**
   * What follows the results, for the scenario and results on screen (`pending` while some results
   * are still the previous scenario's): the figure and links on a page, a link back in a widget.
   */
  children?: (scenario: Scenario, results: CalculatorResults, pending: boolean) => ComponentChildren;
}

/**
 * A calculator's working parts, built from its entry in src/features/calculators/registry.ts: title,
 * presets, fields with sliders, results and verdict, and an optional "work backwards" question.
 * The scenario is the page's shared one (in the address). One live region says the calculator's
 * main news, and only after the reader changes a value here: a linked view or another
 * calculator's change is shown, not announced. Shared by the page's island (Calculator.tsx) and
 * the self-contained widget for forum posts (src/site/embed/widget.tsx).
 */
export function CalculatorBody({ name, id, children }: Props) {
  const spec = CALCULATORS[name];
  const [state, setField, pending] = useScenario([...spec.fields, ...(spec.inverse?.fields ?? [])]);
  const [touched, setTouched] = useState(false);
  const onInput = (field: ParameterName, text: string) => {
    setTouched(true);
    setField(field, text);
  };
  const later = useLaterResults(name, spec.laterResults, state.scenario);
  const fast = spec.results(state.scenario);
  const results = later ? { ...fast, outputs: { ...fast.outputs, ...later.outputs } } : fast;
  // Busy: every slow output while they are the previous scenario's; then those still being refined.
  const recomputing = later?.stale ? laterNames(spec.outputs, fast) : later?.refining.size ? later.refining : undefined;
  const inverseFields = spec.inverse?.fields ?? [];
  // While a field holds what cannot be read, everything below stays on the last valid input: faded,
  // and said so, so that no one takes it for the answer to what is typed.
  const invalid = spec.fields.some((f) => state.errors[f] !== undefined);
  const lastValid = spec.fields.map((f) => `${PARAMETERS[f].symbol} = ${formatNumber(state.scenario[f])}`).join(", ");
  const staleNoteId = useId();
  return (
    <section id={id} class="calculator" data-calculator={name} data-view aria-label={spec.title} aria-busy={pending ? "true" : undefined}>
      <p class="calculator__title">{spec.title}</p>
      <div class="calculator__presets">
        {spec.presets.map((group) => (
          <Presets key={group.label} group={group} current={state.scenario} onPick={onInput} />
        ))}
      </div>
      <Fields fields={spec.fields} state={state} onInput={onInput} />
      {invalid && (
        <p class="calculator__stale-note" id={staleNoteId}>
          The results below are for the last valid input, {lastValid}: correct the field above to update them.
        </p>
      )}
      <div class={invalid ? "calculator__stale" : undefined} aria-describedby={invalid ? staleNoteId : undefined}>
        <Results outputs={spec.outputs} results={results} pending={recomputing} />
        {spec.inverse && (
          <InverseQuestion summary={spec.inverse.summary} hasError={inverseFields.some((f) => state.errors[f] !== undefined)}>
            <Fields fields={inverseFields} state={state} onInput={onInput} sliders={false} />
            <Results outputs={spec.inverse.outputs} results={results} />
          </InverseQuestion>
        )}
        <p class="visually-hidden" aria-live="polite">
          {touched ? spec.announce(results) : ""}
        </p>
        {children?.(state.scenario, results, later?.stale ?? false)}
      </div>
    </section>
  );
}

/** The outputs computed later: those the fast results leave out. */
function laterNames(outputs: readonly OutputSpec[], fast: CalculatorResults): ReadonlySet<string> {
  return new Set(outputs.map((o) => o.name).filter((name) => name !== VERDICT.name && fast.outputs[name] === undefined));
}
