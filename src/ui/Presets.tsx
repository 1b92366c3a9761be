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
  /**
   * A long group (the published SAEs) folds behind this summary, and opens by itself while one of
   * its presets is the scenario on screen.
   */
  readonly folded?: string;
}

interface Props {
  group: PresetGroup;
  current: Scenario;
  onPick: (name: ParameterName, text: string) => void;
}

/** Buttons that load a preset scenario (a real model's width, say); the one on screen is pressed. */
export function Presets({ group, current, onPick }: Props) {
  const pressed = group.presets.map((preset) =>
    (Object.entries(preset.values) as [ParameterName, number][]).every(([name, value]) => current[name] === value),
  );
  const buttons = (
    <div class="presets" role="group" aria-label={group.label}>
      {group.presets.map((preset, i) => (
        <button
          type="button"
          key={`${preset.label} ${preset.detail}`}
          aria-pressed={pressed[i]}
          onClick={() => {
            for (const [name, value] of Object.entries(preset.values) as [ParameterName, number][]) onPick(name, String(value));
          }}
        >
          {preset.label} <span class="presets__n">{preset.detail}</span>
        </button>
      ))}
    </div>
  );
  if (group.folded === undefined) return buttons;
  return (
    <details class="presets__folded" open={pressed.includes(true) || undefined}>
      <summary>{group.folded}</summary>
      {buttons}
    </details>
  );
}
