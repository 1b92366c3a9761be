import { formatCount, formatNumber } from "../../../numbers/format.ts";
import type { DimensionalitySweepResult } from "../engine/dimensionality-sweep.ts";
import { STICKY_GEOMETRIES } from "../engine/feature-dimensionality.ts";
import type { SweepSummary } from "../engine/phase-summary.ts";
import { FRACTION_TEXT } from "../figures/phase-text.ts";

/** What the table's columns say, in words: above the table, outside the box that scrolls sideways. */
export const SWEEP_TABLE_LEGEND =
  "One row per model, densest first, all features equally important. “Features with Dᵢ at” counts the features whose dimensionality " +
  "is at each sticky fraction (within half the distance to the nearest other one); the post’s count is the most features whose " +
  "l = m(1 − S) active at once stays within n/(8 ln m).";

/** A number, or a dash where the model has none (fewer than two kept features have no overlap). */
function maybe(x: number | undefined): string {
  return x === undefined ? "—" : formatNumber(x);
}

/**
 * The sweep's models as a table, the figures' accessible alternative: per model its sparsity,
 * n/‖W‖²_F, how many features have Dᵢ at each sticky fraction, and the post's view (features kept
 * per neuron against the post's count, the RMS overlap against the Welch floor). Each row carries
 * its full-precision 1/(1 − S) and n/‖W‖²_F as data attributes. Rendered at build time for the
 * build's sweep and by the island after a run.
 */
export function SweepTable({ sweep, summary }: { sweep: DimensionalitySweepResult; summary: SweepSummary }) {
  const { n, m } = sweep.settings;
  return (
    <table class="toy-phase__sweep">
      <caption>
        Each model: n = {formatCount(n)}, m = {formatCount(m)}.
      </caption>
      <thead>
        <tr>
          <th scope="col">1/(1 − S)</th>
          <th scope="col">S</th>
          <th scope="col">n/‖W‖²_F</th>
          <th scope="col">features with Dᵢ at</th>
          <th scope="col">kept, ‖Wᵢ‖ &gt; ½</th>
          <th scope="col">kept per neuron</th>
          <th scope="col">the post’s count per neuron</th>
          <th scope="col">RMS |cos|, kept</th>
          <th scope="col">Welch floor</th>
          <th scope="col">loss, last steps</th>
        </tr>
      </thead>
      <tbody>
        {sweep.points.map((point, i) => {
          const stuck = STICKY_GEOMETRIES.filter((g) => (summary.stuck[i]?.[g.label] ?? 0) > 0)
            .map((g) => `${FRACTION_TEXT[g.label]}: ${formatCount(summary.stuck[i]![g.label]!)}`)
            .join(", ");
          return (
            <tr
              key={point.index}
              data-inverse-density={String(point.inverseDensity)}
              data-dimensions-per-feature={String(point.dimensionsPerFeature)}
            >
              <th scope="row">{formatNumber(point.inverseDensity)}</th>
              <td>{formatNumber(1 - point.density)}</td>
              <td>{formatNumber(point.dimensionsPerFeature)}</td>
              <td>{stuck === "" ? "none" : stuck}</td>
              <td>{formatCount(point.post.represented)}</td>
              <td>{formatNumber(point.post.featuresPerNeuron)}</td>
              <td>{formatNumber(point.post.postFeaturesPerNeuron)}</td>
              <td>{maybe(point.post.rmsOverlap)}</td>
              <td>{maybe(point.post.welchFloor)}</td>
              <td>{formatNumber(point.finalLoss)}</td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
