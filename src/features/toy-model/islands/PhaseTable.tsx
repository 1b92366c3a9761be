import { formatNumber } from "../../../numbers/format.ts";
import type { PhaseDiagramResult } from "../engine/phase-diagram.ts";
import { extraFeature, PHASE_STYLES, phaseStyle } from "../figures/phase-text.ts";

/** What a cell of {@link PhaseTable} shows, in words: said above the table, outside the box that scrolls sideways. */
export function phaseTableLegend(shape: PhaseTableData["settings"]["shape"]): string {
  const letters = Object.values(PHASE_STYLES[shape])
    .map((style) => `${style.letter}: ${style.label}`)
    .join("; ");
  return (
    `One row per importance r of ${extraFeature(shape)}, largest first; one column per feature density 1 − S (cell centres). ` +
    `${letters}.${shape === "one-neuron" ? " A × marks a cell whose phase is not the one the theory predicts." : ""}`
  );
}

/** What the table needs of a trained grid (every cell present). */
export type PhaseTableData = Pick<PhaseDiagramResult, "settings" | "densities" | "importances" | "cells">;

/**
 * A trained phase diagram as a table, the figure's accessible alternative: one row per relative
 * importance (largest first, as the figure has it), one column per density, each cell a
 * `<td data-phase data-density data-importance>` (full-precision values) showing its phase's
 * letter (the legend above the table says what each means; the stylesheet colours the cell by its
 * data-phase); for one neuron also `data-theory`, and a × where the trained phase is not the
 * theory's, said in words to screen readers. Rendered at build time for
 * the build's run (inside the island, as static HTML) and by the island after a run.
 */
export function PhaseTable({ result }: { result: PhaseTableData }) {
  const { shape, densityCells, importanceCells } = result.settings;
  const byIndex = new Map(result.cells.map((cell) => [cell.index, cell]));
  const rows = Array.from({ length: importanceCells }, (_, k) => importanceCells - 1 - k);
  return (
    <table class="toy-phase__grid">
      <caption>Rows: r of {extraFeature(shape)}; columns: 1 − S.</caption>
      <thead>
        <tr>
          <th scope="col">r \ 1 − S</th>
          {result.densities.map((density, column) => (
            <th scope="col" key={column}>
              {formatNumber(density, 2)}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => (
          <tr key={row}>
            <th scope="row">{formatNumber(result.importances[row]!, 2)}</th>
            {Array.from({ length: densityCells }, (_, column) => {
              const cell = byIndex.get(row * densityCells + column);
              if (cell === undefined) return <td key={column}>—</td>;
              const style = phaseStyle(shape, cell.phase);
              const differs = cell.theory !== undefined && cell.theory.phase !== cell.phase;
              return (
                <td
                  key={column}
                  data-phase={cell.phase}
                  data-density={String(cell.density)}
                  data-importance={String(cell.importance)}
                  data-theory={cell.theory?.phase}
                >
                  {style.letter}
                  {differs && (
                    <>
                      <span aria-hidden="true">×</span>
                      <span class="visually-hidden"> (the theory’s phase: {phaseStyle(shape, cell.theory!.phase).label})</span>
                    </>
                  )}
                </td>
              );
            })}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
