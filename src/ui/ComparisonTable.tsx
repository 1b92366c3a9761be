import type { ComponentChildren } from "preact";
import { Measured } from "./Measured.tsx";

/** One quantity of a run: what was measured, what the model predicts, and their ratio, as text. */
export interface ComparisonRow {
  label: ComponentChildren;
  model: ComponentChildren;
  name: string;
  measured: number | undefined;
  measuredText?: string;
  /** The measurement's standard error, written as data-se. */
  se?: number;
  predictedText: string;
  ratioText: string;
}

/**
 * A simulation run's quantities, measured against predicted (the sweep's and the readout-only
 * run's first table). The ratios come in as text: each run words a missing prediction its own way.
 * `children` are the rows after these (how often all m features were read right).
 */
export function ComparisonTable({
  caption,
  rows,
  children,
}: {
  caption: ComponentChildren;
  rows: readonly ComparisonRow[];
  children?: ComponentChildren;
}) {
  return (
    <table class="simulation__table">
      <caption>{caption}</caption>
      <thead>
        <tr>
          <th scope="col">quantity</th>
          <th scope="col">measured</th>
          <th scope="col">predicted</th>
          <th scope="col">ratio</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => (
          <tr key={row.name}>
            <th scope="row">
              {row.label}
              <span class="simulation__model">{row.model}</span>
            </th>
            <td>
              <Measured name={row.name} value={row.measured} text={row.measuredText} se={row.se} />
            </td>
            <td>{row.predictedText}</td>
            <td>{row.ratioText}</td>
          </tr>
        ))}
        {children}
      </tbody>
    </table>
  );
}
