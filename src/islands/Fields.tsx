import type { ParameterName } from "../core/index.ts";
import { FIELD_LABELS, SLIDERS } from "./fields.ts";
import { NumberField } from "./NumberField.tsx";
import type { ScenarioState } from "./scenario-store.ts";

interface Props {
  fields: readonly ParameterName[];
  state: ScenarioState;
  onInput: (name: ParameterName, text: string) => void;
  /** Fields with sliders; others are text only. */
  sliders?: boolean;
}

/** The input fields of a calculator, in order. Typing never submits anything. */
export function Fields({ fields, state, onInput, sliders = true }: Props) {
  return (
    <form class="fields" onSubmit={(e) => e.preventDefault()}>
      {fields.map((name) => (
        <NumberField
          key={name}
          name={name}
          label={FIELD_LABELS[name]}
          text={state.texts[name]}
          value={state.scenario[name]}
          error={state.errors[name]}
          slider={sliders ? SLIDERS[name] : undefined}
          onInput={onInput}
        />
      ))}
    </form>
  );
}
