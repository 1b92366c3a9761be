import { useMemo } from "preact/hooks";
import type { LogQuantity } from "../../../math/big-number.ts";
import { formatCount, formatLogQuantity, formatEstimate, formatNumber, formatPercent, formatProbability, grouped } from "../../../numbers/format.ts";
import { allRightResult, errorRateResults } from "../../../numbers/error-rate-results.ts";
import type { LargeReadoutResult } from "../engine/large-readout.ts";
import { largeReadoutPredictions } from "../engine/readout-predictions.ts";
import { ComparisonTable, type ComparisonRow } from "../../../ui/ComparisonTable.tsx";
import { Measured } from "../../../ui/Measured.tsx";

/** A finished readout-only run, as the page keeps it. */
export interface LastReadout {
  readonly result: LargeReadoutResult;
  /** Seconds it took in the reader's browser. */
  readonly seconds: number;
  /** Workers it was split across. */
  readonly parts: number;
}

/** Probabilities this small are shown as a power of ten and called what they are. */
const PRACTICALLY_NEVER = 1e-6;

/** A measured rate as a probability: "1.55%", "3.00 × 10⁻⁵", or "0". */
function rate(x: number): string {
  return x > 0 ? formatProbability({ log10: Math.log10(x), value: x }) : "0";
}

/** measured ÷ predicted, or a dash when either is missing or the prediction is 0 or below a double. */
function ratio(measured: number | undefined, predicted: number | undefined): string {
  return measured === undefined || predicted === undefined || !(predicted > 0) ? "—" : `${formatNumber(measured / predicted)}×`;
}

const probabilityValue = (p: LogQuantity | 0): number | undefined => (p === 0 ? 0 : p.value);

/** "6.22 ± 0.21": a mean and its standard error, or the mean alone with one input. */
const withError = formatEstimate;

/** A row of the table before its ratio: the ratio is worded from the prediction's value here. */
interface Row extends Omit<ComparisonRow, "ratioText"> {
  predicted: number | undefined;
}

/** The last readout-only run: each measured quantity against its prediction for random directions. */
export function ReadoutTables({ last }: { last: LastReadout }) {
  const { result: r, seconds, parts } = last;
  const { n, m, l, seed, trials } = r.params;
  // The rates integrate over |x|: a few milliseconds, once per run.
  const p = useMemo(() => largeReadoutPredictions(r.params), [r.params]);
  // The same rates as the sparsity calculator shows them: each with the digits its accuracy allows.
  const errorRates = useMemo(() => errorRateResults(n, m, l), [n, m, l]);
  const se = r.misreadsSd === undefined ? undefined : r.misreadsSd / Math.sqrt(trials);
  const rows: Row[] = [
    {
      label: "features misread per input",
      model: "expected count for random directions, threshold ½",
      name: "misreads",
      measured: r.misreadsMean,
      measuredText: se === undefined ? undefined : `${formatNumber(r.misreadsMean)} ± ${formatNumber(se, 2)}`,
      se,
      predicted: probabilityValue(p.expectedMisreads),
      predictedText: formatLogQuantity(p.expectedMisreads),
    },
    {
      label: (
        <>
          features misread per input at the best single threshold,{" "}
          <output name="best-threshold" data-value={r.params.threshold}>
            {formatNumber(r.params.threshold, 3)}
          </output>
        </>
      ),
      model: "expected count for random directions at that threshold",
      name: "misreads-best-threshold",
      measured: r.thresholdMisreadsMean,
      measuredText: withError(r.thresholdMisreadsMean, r.thresholdMisreadsSe),
      se: r.thresholdMisreadsSe,
      predicted: probabilityValue(p.misreadsAtThreshold),
      // The calculator's text when the run read at the best threshold (as the page runs it).
      predictedText:
        errorRates["best-threshold"].value === r.params.threshold
          ? errorRates["misreads-best-threshold"].text
          : formatLogQuantity(p.misreadsAtThreshold, 2),
    },
    {
      label: "features misread per input, TopK (the l largest readouts taken as on)",
      model: "mean-field prediction for random directions (within 6 % from 2 misreads up)",
      name: "misreads-topk",
      measured: r.topkMisreadsMean,
      measuredText: withError(r.topkMisreadsMean, r.topkMisreadsSe),
      se: r.topkMisreadsSe,
      predicted: p.topkMisreads === undefined ? undefined : probabilityValue(p.topkMisreads),
      predictedText: errorRates["misreads-topk"].text,
    },
    {
      label: "an inactive feature read as on",
      model: "p_false_on",
      name: "false-on",
      measured: r.falseOnRate,
      measuredText: r.falseOnRate === undefined ? undefined : rate(r.falseOnRate),
      predicted: probabilityValue(p.pFalseOn),
      predictedText: formatProbability(p.pFalseOn),
    },
    {
      label: "an active feature read as off",
      model: "p_false_off",
      name: "false-off",
      measured: r.falseOffRate,
      measuredText: rate(r.falseOffRate),
      predicted: probabilityValue(p.pFalseOff),
      predictedText: formatProbability(p.pFalseOff),
    },
    {
      label: "RMS readout noise, inactive feature",
      model: "typical: √(l/n)",
      name: "rms-noise",
      measured: r.inactiveRms,
      predicted: p.inactiveRms,
      predictedText: formatNumber(p.inactiveRms),
    },
    ...(l > 1
      ? [
          {
            label: "RMS noise, active feature",
            model: "√((l − 1)/n)",
            name: "active-noise",
            measured: r.activeRms,
            predicted: p.activeRms,
            predictedText: formatNumber(p.activeRms),
          },
        ]
      : []),
    {
      label: "worst noise of the m readouts (mean)",
      model: "worst of m: √(2 ln m · l/n)",
      name: "worst-noise",
      measured: r.worstMean,
      predicted: p.worstNoise,
      predictedText: formatNumber(p.worstNoise),
    },
  ];
  const never = p.allRight.log10 < Math.log10(PRACTICALLY_NEVER);
  return (
    <>
      <ComparisonTable
        caption={
          <>
            Last readout-only run: n = {formatCount(n)}, m = {grouped(m, 0)}, l = {formatCount(l)}, seed {formatCount(seed)}, {formatCount(trials)}{" "}
            inputs, {formatNumber(seconds, 2)} s in your browser on {formatCount(parts)} {parts === 1 ? "worker" : "workers"}.
          </>
        }
        rows={rows.map((row) => ({ ...row, ratioText: ratio(row.measured, row.predicted) }))}
      >
        <tr>
          <th scope="row">
            all m features read right
            <span class="simulation__model">computed chance for random directions</span>
          </th>
          <td>
            <Measured name="all-correct" value={r.allCorrectFraction} text={formatPercent(r.allCorrectFraction)} />
            <span class="simulation__count">
              {formatCount(r.allCorrect)} of {formatCount(trials)}
            </span>
          </td>
          <td>
            <output name="all-correct-predicted" data-value={p.allRight.value} data-log10={p.allRight.log10}>
              {allRightResult(n, l, p.allRight).text}
              {never ? ": practically never" : ""}
            </output>
          </td>
          <td>{ratio(r.allCorrectFraction, p.allRight.value)}</td>
        </tr>
      </ComparisonTable>
      <p class="simulation__note">
        Why some numbers carry ± and others not: a count per input is averaged over the {formatCount(trials)} inputs, and ± is its standard error
        across them. A rate or a noise level is pooled over every readout of every input; the run does not keep how it varies from input to input, so
        it has no error bar to show.
      </p>
    </>
  );
}
