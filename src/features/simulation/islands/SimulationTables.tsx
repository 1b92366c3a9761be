import type { ComponentChildren } from "preact";
import { formatCount, formatNumber, formatPercent } from "../../../numbers/format.ts";
import { allRightResult } from "../../../numbers/error-rate-results.ts";
import { epsilon, maxActiveFeatures, typicalNoise, worstNoise } from "../../../math/formulas.ts";
import { expectedMaxOverlap, meanAbsOverlap, rmsOverlap } from "../../../math/random-directions.ts";
import { ComparisonTable } from "../../../ui/ComparisonTable.tsx";
import type { LastRun } from "./last-run.ts";
import { Measured } from "../../../ui/Measured.tsx";

function ratio(measured: number | undefined, predicted: number): string {
  return measured === undefined ? "—" : `${formatNumber(measured / predicted)}×`;
}

/** The last run: measured against predicted, then the readouts at each l of the sweep. */
export function RunTables({ last }: { last: LastRun }) {
  const r = last.summary;
  const { n, m, l } = r;
  const limit = maxActiveFeatures(n, m);
  // The computed chance comes with the run (in its worker): the page does no heavy work.
  const predicted = r.points.find((p) => p.l === l)!.exactAllRight;
  const rows: { label: ComponentChildren; name: string; measured: number | undefined; predicted: number; model: ComponentChildren }[] = [
    { label: "RMS overlap of two features", name: "rms-overlap", measured: r.rmsOverlap, predicted: rmsOverlap(n), model: "1/√n" },
    { label: "mean |overlap|", name: "mean-abs-overlap", measured: r.meanAbsOverlap, predicted: meanAbsOverlap(n), model: "√(2/(πn))" },
    {
      label: "largest |overlap| of all pairs",
      name: "max-overlap",
      measured: r.maxOverlap,
      predicted: expectedMaxOverlap(n, m),
      model: <>√(4 ln m / n); the post’s ε = {formatNumber(epsilon(n, m))}</>,
    },
    {
      label: "RMS readout noise, inactive feature",
      name: "rms-noise",
      measured: r.rmsNoise,
      predicted: typicalNoise(n, l),
      model: "typical: √(l/n)",
    },
    {
      label: "worst noise of the m readouts (mean)",
      name: "worst-noise",
      measured: r.worstNoise,
      predicted: worstNoise(n, m, l),
      model: "worst of m: √(2 ln m · l/n)",
    },
  ];
  return (
    <>
      <ComparisonTable
        caption={
          <>
            Last completed run: n = {formatCount(n)}, m = {formatCount(m)}, l = {formatCount(l)}, seed {formatCount(r.seed)}, {formatCount(r.trials)}{" "}
            trials
            {last.seconds !== undefined ? `, ${formatNumber(last.seconds, 2)} s in your browser` : ", made when this page was built"}.
          </>
        }
        rows={rows.map((row) => ({ ...row, predictedText: formatNumber(row.predicted), ratioText: ratio(row.measured, row.predicted) }))}
      >
        <tr>
          <th scope="row">
            all m features read right
            <span class="simulation__model">
              threshold ½; computed chance for random features; the post’s l_max = n/(8 ln m) = {formatNumber(limit)}
            </span>
          </th>
          <td>
            <Measured name="all-correct" value={r.allCorrectFraction} text={formatPercent(r.allCorrectFraction)} />
          </td>
          <td>
            <output
              name="all-correct-predicted"
              data-value={predicted.value}
              data-log10={predicted.value === undefined ? predicted.log10 : undefined}
            >
              {allRightResult(n, l, predicted).text}
            </output>
          </td>
          <td>
            {formatCount(r.allCorrect)} of {formatCount(r.trials)}
          </td>
        </tr>
      </ComparisonTable>
      <table class="simulation__table simulation__sweep">
        <caption>
          The readouts at each l of the run, measured ÷ predicted (the points of the figure below), and how often all m were read right against the
          computed chance for random features (two figures where checked to 10 %, a range of powers of ten elsewhere).
        </caption>
        <thead>
          <tr>
            <th scope="col">l</th>
            <th scope="col">RMS noise ÷ √(l/n)</th>
            <th scope="col">worst ÷ √(2 ln m · l/n)</th>
            <th scope="col">all m right</th>
            <th scope="col">computed chance</th>
          </tr>
        </thead>
        <tbody>
          {r.points.map((p) => (
            <tr key={p.l} class={p.l === l ? "simulation__yours" : undefined}>
              <th scope="row">
                {formatCount(p.l)}
                {p.l === l ? " (yours)" : ""}
              </th>
              <td>{p.inactiveRms === undefined ? "—" : formatNumber(p.inactiveRms / typicalNoise(n, p.l))}</td>
              <td>{formatNumber(p.worstMean / worstNoise(n, m, p.l))}</td>
              <td>{formatPercent(p.allCorrectFraction)}</td>
              <td>{allRightResult(n, p.l, p.exactAllRight).text}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}
