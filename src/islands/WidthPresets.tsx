import { formatCount, REFERENCE_WIDTHS } from "../core/index.ts";

interface Props {
  current: number;
  onPick: (n: number) => void;
}

/** Buttons that set n to the width of a real model. */
export function WidthPresets({ current, onPick }: Props) {
  return (
    <div class="presets" role="group" aria-label="Set n to the width of a real model">
      {REFERENCE_WIDTHS.map((w) => (
        <button type="button" aria-pressed={current === w.n} onClick={() => onPick(w.n)}>
          {w.label} <span class="presets__n">{formatCount(w.n)}</span>
        </button>
      ))}
    </div>
  );
}
