import type { ComponentChildren } from "preact";
import { useState } from "preact/hooks";
import { calculatorAnchor, CALCULATORS, type CalculatorName } from "../calculators/registry.ts";
import type { ParameterName } from "../core/index.ts";
import { CopyViewLink } from "./CopyViewLink.tsx";
import { Fields } from "./Fields.tsx";
import { InverseQuestion } from "./InverseQuestion.tsx";
import { LiveFigure } from "./LiveFigure.tsx";
import { Presets } from "./Presets.tsx";
import { Results } from "./Results.tsx";
import { useScenario } from "./useScenario.ts";

interface Props {
  name: CalculatorName;
  /** The figure rendered at build time (an Astro slot): shown until the figure goes live. */
  figure?: ComponentChildren;
}

/**
 * Every calculator of the site, built from its entry in src/calculators/registry.ts: title,
 * presets, fields with sliders, results and verdict, an optional "work backwards" question, the
 * figure, and a link to this view. The scenario is the page's shared one (in the address).
 * One live region per calculator says its main news, and only after the reader changes a value
 * here: a linked view or another calculator's change is shown, not announced.
 */
export default function Calculator({ name, figure }: Props) {
  const spec = CALCULATORS[name];
  const [state, setField, pending] = useScenario([...spec.fields, ...(spec.inverse?.fields ?? [])]);
  const [touched, setTouched] = useState(false);
  const onInput = (field: ParameterName, text: string) => {
    setTouched(true);
    setField(field, text);
  };
  const s = state.scenario;
  const results = spec.results(s);
  const anchor = calculatorAnchor(name);
  const inverseFields = spec.inverse?.fields ?? [];
  return (
    <section id={anchor} class="calculator" data-calculator={name} data-view aria-label={spec.title} aria-busy={pending ? "true" : undefined}>
      <p class="calculator__title">{spec.title}</p>
      <Presets group={spec.presets} current={s} onPick={onInput} />
      <Fields fields={spec.fields} state={state} onInput={onInput} />
      <Results outputs={spec.outputs} results={results} />
      {spec.inverse && (
        <InverseQuestion summary={spec.inverse.summary} hasError={inverseFields.some((f) => state.errors[f] !== undefined)}>
          <Fields fields={inverseFields} state={state} onInput={onInput} sliders={false} />
          <Results outputs={spec.inverse.outputs} results={results} />
        </InverseQuestion>
      )}
      <p class="visually-hidden" aria-live="polite">
        {touched ? spec.announce(results) : ""}
      </p>
      <LiveFigure figure={name} scenario={s} prerendered={figure} description={spec.figure.describe(s)} caption={spec.figure.caption} />
      <CopyViewLink target={anchor} what={spec.title.toLowerCase()} />
    </section>
  );
}
