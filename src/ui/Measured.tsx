import { formatNumber } from "../numbers/format.ts";

/** A measured number as an <output> with its full-precision data-value, or a dash when there is none. */
export function Measured({ name, value, text }: { name: string; value: number | undefined; text?: string }) {
  return (
    <output name={name} data-value={value}>
      {value === undefined ? "—" : (text ?? formatNumber(value))}
    </output>
  );
}
