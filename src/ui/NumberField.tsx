import { useEffect, useRef } from "preact/hooks";
import { formatNumber } from "../numbers/format.ts";
import { PARAMETERS, type ParameterName } from "../numbers/parameters.ts";
import { STEPS, stepOf, valueAt } from "./slider-scale.ts";
import { TextField } from "./TextField.tsx";

interface Props {
  name: ParameterName;
  text: string;
  /** The last valid value, which the slider shows while the text is invalid. */
  value: number;
  error?: string | undefined;
  /** Show the parameter's log-scale slider, when it has one. */
  slider?: boolean;
  onInput: (name: ParameterName, text: string) => void;
}

/**
 * One parameter: a text box that accepts anything the reader types (validated by the core,
 * never injected as HTML), an optional log-scale slider, and the error message tied to both.
 * Label, slider range and tooltip come from the parameter table (src/numbers/parameters.ts).
 */
export function NumberField({ name, text, value, error, slider: withSlider = true, onInput }: Props) {
  const spec = PARAMETERS[name];
  const { symbol, label } = spec;
  const slider = withSlider ? spec.slider : undefined;
  // The step the reader last moved the slider to. Several steps can round to one value (n = 8 at
  // steps 0 and 1), so snapping the thumb back to stepOf(value) would trap a reader moving it one
  // step at a time (arrow keys); keep their step while it still shows the current value.
  const movedTo = useRef<number | undefined>(undefined);
  const step =
    slider && movedTo.current !== undefined && valueAt(slider, movedTo.current) === value ? movedTo.current : slider && stepOf(slider, value);
  // The island wakes on the reader's first touch: keys pressed on the slider while it was loading
  // (arrow keys, Page Up/Down, Home, End) have moved the prerendered slider with no one listening.
  // Adopt where they took it instead of losing them (TextField does the same for typed text).
  const sliderBox = useRef<HTMLInputElement>(null);
  useEffect(() => {
    const moved = sliderBox.current?.valueAsNumber;
    if (slider && moved !== undefined && Number.isFinite(moved) && moved !== step) {
      movedTo.current = moved;
      onInput(name, String(valueAt(slider, moved)));
    }
    // Only once, at hydration.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);
  return (
    <TextField
      name={name}
      label={
        // A simulation's settings are words already ("seed", "trials"), not symbols to define.
        spec.group === "simulation" ? (
          label
        ) : (
          <>
            <var>{symbol}</var> {label}
          </>
        )
      }
      text={text}
      error={error}
      inputMode={spec.group === "simulation" ? "numeric" : "decimal"}
      title={spec.group === "simulation" ? spec.meaning : undefined}
      onInput={onInput}
      companion={(errorId) =>
        slider && (
          <input
            ref={sliderBox}
            type="range"
            class="field__slider"
            min={0}
            max={STEPS}
            step={1}
            value={step}
            aria-label={`${symbol}, ${label} (slider)`}
            aria-valuetext={`${symbol} = ${formatNumber(value)}`}
            aria-describedby={errorId}
            onInput={(e) => {
              movedTo.current = Number(e.currentTarget.value);
              onInput(name, String(valueAt(slider, movedTo.current)));
            }}
          />
        )
      }
    />
  );
}
