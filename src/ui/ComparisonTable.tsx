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
  /** The measured cell's own <output>, when it carries more than these (the dictionary's largest pair). */
  measuredCell?: ComponentChildren;
  /** The prediction as the reader sees it (text, or an element of its own such as an <output>). */
  predictedText: ComponentChildren;
  ratioText: string;
}

/** The four column headings, the default a simulation's. */
const SIMULATION_COLUMNS = ["quantity", "measured", "predicted", "ratio"] as const;

/**
 * A run's quantities, measured against predicted (the sweep's and the readout-only run's first
 * table, the dictionary's tables against random directions). The ratios come in as text: each run
 * words a missing prediction its own way. `children` are the rows after these (how often all m
 * features were read right). Each cell carries its column's name (data-label); `stacked` gives the
 * table the layout of page.css's stacked-table on a phone, each row a card.
 */
export function ComparisonTable({
  caption,
  rows,
  children,
  columns = SIMULATION_COLUMNS,
  stacked = false,
}: {
  caption: ComponentChildren;
  rows: readonly ComparisonRow[];
  children?: ComponentChildren;
  columns?: readonly [string, string, string, string];
  stacked?: boolean;
}) {
  return (
    <table class={stacked ? "simulation__table stacked-table" : "simulation__table"}>
      <caption>{caption}</caption>
      <thead>
        <tr>
          {columns.map((column) => (
            <th scope="col" key={column}>
              {column}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => (
          <tr key={row.name}>
            <th scope="row">
              {row.label}
              <span class="simulation__model">{row.model}</span>
            </th>
            <td data-label={columns[1]}>
              {row.measuredCell ?? <Measured name={row.name} value={row.measured} text={row.measuredText} se={row.se} />}
            </td>
            <td data-label={columns[2]}>{row.predictedText}</td>
            <td data-label={columns[3]}>{row.ratioText}</td>
          </tr>
        ))}
        {children}
      </tbody>
    </table>
  );
}
