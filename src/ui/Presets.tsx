import { useEffect, useRef } from "preact/hooks";
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

/** Whether `preset` is the scenario on screen. */
function isCurrent(preset: Preset, current: Scenario): boolean {
  return (Object.entries(preset.values) as [ParameterName, number][]).every(([name, value]) => current[name] === value);
}

/**
 * Presets that load a scenario (a real model's width, say), in two forms of which the stylesheet
 * shows one by the room there is (calculators.css, `.presets`): a row of buttons, the one on
 * screen pressed; and, in a narrow box (a phone, an embed), one drop-down list, so that a dozen
 * buttons do not fill the first screen before the fields and results.
 */
export function Presets({ group, current, onPick }: Props) {
  const pick = (preset: Preset) => {
    for (const [name, value] of Object.entries(preset.values) as [ParameterName, number][]) onPick(name, String(value));
  };
  const chosen = group.presets.findIndex((p) => isCurrent(p, current));
  // The island wakes on the reader's first touch: a preset picked from the list while it was
  // loading changed the prerendered list with no one listening. Load it now instead of losing it
  // (the fields adopt typed text the same way).
  const list = useRef<HTMLSelectElement>(null);
  useEffect(() => {
    const picked = list.current?.value;
    const preset = picked ? group.presets[Number(picked)] : undefined;
    if (preset && Number(picked) !== chosen) pick(preset);
    // Only once, at hydration.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);
  const presets = (
    <div class="presets" role="group" aria-label={group.label}>
      <div class="presets__buttons">
        {group.presets.map((preset) => (
          <button type="button" key={preset.label + preset.detail} aria-pressed={isCurrent(preset, current)} onClick={() => pick(preset)}>
            {preset.label} <span class="presets__n">{preset.detail}</span>
          </button>
        ))}
      </div>
      <select
        ref={list}
        class="presets__pick"
        aria-label={group.label}
        value={chosen < 0 ? "" : String(chosen)}
        onChange={(e) => {
          const preset = group.presets[Number(e.currentTarget.value)];
          if (e.currentTarget.value !== "" && preset) pick(preset);
        }}
      >
        <option value="" disabled={chosen >= 0}>
          {group.label}…
        </option>
        {group.presets.map((preset, i) => (
          <option key={preset.label + preset.detail} value={String(i)}>
            {preset.label} {preset.detail}
          </option>
        ))}
      </select>
    </div>
  );
  if (group.folded === undefined) return presets;
  return (
    <details class="presets__folded" open={chosen >= 0 || undefined}>
      <summary>{group.folded}</summary>
      {presets}
    </details>
  );
}
