import type { ParameterName } from "../numbers/parameters.ts";
import type { Scenario } from "../numbers/scenario.ts";

/** A button that loads a scenario: a real model's width, say. */
export interface Preset {
  readonly label: string;
  /** A short detail after the label, such as the width. */
  readonly detail: string;
  readonly values: Partial<Scenario>;
}

export interface PresetGroup {
  /** What the group of buttons does, for assistive technology. */
  readonly label: string;
  readonly presets: readonly Preset[];
}

interface Props {
  group: PresetGroup;
  current: Scenario;
  onPick: (name: ParameterName, text: string) => void;
}

/** Buttons that load a preset scenario (a real model's width, say); the one on screen is pressed. */
export function Presets({ group, current, onPick }: Props) {
  return (
    <div class="presets" role="group" aria-label={group.label}>
      {group.presets.map((preset) => {
        const values = Object.entries(preset.values) as [ParameterName, number][];
        return (
          <button
            type="button"
            key={`${preset.label} ${preset.detail}`}
            aria-pressed={values.every(([name, value]) => current[name] === value)}
            onClick={() => {
              for (const [name, value] of values) onPick(name, String(value));
            }}
          >
            {preset.label} <span class="presets__n">{preset.detail}</span>
          </button>
        );
      })}
    </div>
  );
}
