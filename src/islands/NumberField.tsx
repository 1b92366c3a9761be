import { useRef } from "preact/hooks";
import { formatNumber, PARAMETERS, type ParameterName } from "../core/index.ts";
import { STEPS, stepOf, valueAt, type SliderRange } from "./slider-scale.ts";
import { TextField } from "./TextField.tsx";

interface Props {
  name: ParameterName;
  /** Visible label; the symbol is added in front of it. */
  label: string;
  text: string;
  /** The last valid value, which the slider shows while the text is invalid. */
  value: number;
  error?: string | undefined;
  slider?: SliderRange;
  onInput: (name: ParameterName, text: string) => void;
}

/**
 * One parameter: a text box that accepts anything the reader types (validated by the core,
 * never injected as HTML), an optional log-scale slider, and the error message tied to both.
 */
export function NumberField({ name, label, text, value, error, slider, onInput }: Props) {
  const symbol = PARAMETERS[name].symbol;
  // The step the reader last moved the slider to. Several steps can round to one value (n = 8 at
  // steps 0 and 1), so snapping the thumb back to stepOf(value) would trap a reader moving it one
  // step at a time (arrow keys); keep their step while it still shows the current value.
  const movedTo = useRef<number | undefined>(undefined);
  const step =
    slider && movedTo.current !== undefined && valueAt(slider, movedTo.current) === value
      ? movedTo.current
      : slider && stepOf(slider, value);
  return (
    <TextField
      name={name}
      label={
        <>
          <var>{symbol}</var> {label}
        </>
      }
      text={text}
      error={error}
      onInput={onInput}
      companion={(errorId) =>
        slider && (
          <input
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
