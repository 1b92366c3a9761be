import { formatNumber } from "../numbers/format.ts";

/**
 * A measured number as an <output> with its full-precision data-value (and its standard error as
 * data-se, when it has one), or a dash when there is none.
 */
export function Measured({ name, value, text, se }: { name: string; value: number | undefined; text?: string; se?: number }) {
  return (
    <output name={name} data-value={value} data-se={se}>
      {value === undefined ? "—" : (text ?? formatNumber(value))}
    </output>
  );
}
