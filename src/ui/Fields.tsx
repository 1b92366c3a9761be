import type { ParameterName } from "../numbers/parameters.ts";
import { NumberField } from "./NumberField.tsx";
import type { ScenarioState } from "./scenario-store.ts";

interface Props {
  fields: readonly ParameterName[];
  state: ScenarioState;
  onInput: (name: ParameterName, text: string) => void;
  /** Give fields their slider where the parameter has one (default); text boxes only otherwise. */
  sliders?: boolean;
  /** Per-field messages beyond the field's own (a job too large for its limits, say). */
  extraErrors?: Partial<Record<ParameterName, string>>;
  /** Called on submit (Enter in a box); by default nothing is submitted. */
  onSubmit?: () => void;
}

/** The input fields of a calculator or a simulation, in order. Typing never reloads the page. */
export function Fields({ fields, state, onInput, sliders = true, extraErrors = {}, onSubmit }: Props) {
  return (
    <form
      class="fields"
      onSubmit={(e) => {
        e.preventDefault();
        onSubmit?.();
      }}
    >
      {fields.map((name) => (
        <NumberField
          key={name}
          name={name}
          text={state.texts[name]}
          value={state.scenario[name]}
          error={state.errors[name] ?? extraErrors[name]}
          slider={sliders}
          onInput={onInput}
        />
      ))}
    </form>
  );
}
