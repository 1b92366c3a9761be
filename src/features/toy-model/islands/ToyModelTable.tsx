import type { ComponentChildren } from "preact";
import { formatCount, formatNumber, formatPercent } from "../../../numbers/format.ts";
import type { ToyModelSummary } from "../engine/summary.ts";
import { settingsText } from "../figures/toy-model-text.ts";
import type { LastToyModelRun } from "./toy-model-last-run.ts";

/**
 * A measured number (or list of numbers) as an <output> with its full-precision data-value (a list
 * space-separated), or a dash when there is none.
 */
function Measured({ name, value, text }: { name: string; value: number | readonly number[] | undefined; text?: string }) {
  // An absent measurement may arrive as null from serialised props: treat both alike.
  const known = value !== undefined && value !== null;
  const data = !known ? undefined : typeof value === "number" ? String(value) : value.join(" ");
  return (
    <output name={name} data-value={data}>
      {!known ? "—" : (text ?? (typeof value === "number" ? formatNumber(value) : value.map((x) => formatNumber(x)).join(", ")))}
    </output>
  );
}

interface Row {
  readonly name: string;
  readonly label: ComponentChildren;
  readonly value: number | readonly number[] | undefined;
  readonly text?: string;
  readonly against: ComponentChildren;
}

/** The rows of the table: each measured number beside what the post or random directions predict. */
function rows(s: ToyModelSummary): Row[] {
  const { n, m } = s.settings;
  const beyond = s.activeFeatures / s.maxActiveFeatures;
  return [
    {
      name: "loss",
      label: "training loss, last steps",
      value: s.finalLoss,
      against: <>{formatNumber(s.firstLoss)} in the first steps</>,
    },
    {
      name: "represented",
      label: "features represented, ‖Wᵢ‖ > ½",
      value: s.represented,
      text: formatCount(s.represented),
      against: (
        <>
          n = {formatCount(n)} neurons: {s.represented > n ? `${formatNumber(s.represented / n)} features per neuron` : "no more than one per neuron"}
        </>
      ),
    },
    {
      name: "rms-overlap",
      label: "RMS |cos| between represented features",
      value: s.rmsOverlap,
      against: s.rmsOverlap === undefined ? "needs two represented features" : <>random directions: 1/√n = {formatNumber(s.randomRms)}</>,
    },
    {
      name: "welch",
      label: "Welch floor for that many directions",
      value: s.welch,
      against: "no arrangement of them in n dimensions has a smaller RMS or largest |cos|",
    },
    {
      name: "max-overlap",
      label: "largest |cos| between represented features",
      value: s.maxOverlap,
      against: (
        <>
          random: √(4 ln m / n) = {formatNumber(s.randomMax)}; the post’s ε = {formatNumber(s.epsilon)}; {formatCount(s.antipodalPairs)} antipodal{" "}
          {s.antipodalPairs === 1 ? "pair" : "pairs"}
        </>
      ),
    },
    {
      name: "linear-noise",
      label: "interference on inactive features, read linearly (Wᵀh), RMS",
      value: s.linearNoise,
      against:
        s.linearNoise === undefined ? (
          "no feature is ever inactive when S = 0"
        ) : (
          <>all m features on random unit directions: √((m − 1)(1 − S) / 3n) = {formatNumber(s.randomNoise)}</>
        ),
    },
    {
      name: "relu-noise",
      label: "… after the ReLU with the learned bias, RMS",
      value: s.reluNoise,
      against:
        s.removed === undefined ? (
          "—"
        ) : (
          <>
            {s.removed >= 0 ? `${formatPercent(s.removed)} of it removed` : `${formatPercent(-s.removed)} more than read linearly`}
            {s.meanBias === undefined ? "" : `; mean bias of the represented features ${formatNumber(s.meanBias)}`}
          </>
        ),
    },
    ...(s.neighbourAngles === undefined
      ? []
      : [
          {
            name: "neighbour-angles",
            label: "angles between neighbouring represented directions, in degrees",
            value: s.neighbourAngles,
            against:
              s.neighbourAngles.length > 1
                ? `evenly spread, ${formatCount(s.neighbourAngles.length)} of them would be ${formatNumber(360 / s.neighbourAngles.length)}° apart`
                : "going once round the circle",
          },
        ]),
    {
      name: "expected-active",
      label: "features active at once, l = m(1 − S)",
      value: s.activeFeatures,
      against: `on average, of m = ${formatCount(m)}`,
    },
    {
      name: "l-max",
      label: "the post’s limit, l_max = n / (8 ln m)",
      value: s.maxActiveFeatures,
      against: beyond > 1 ? `l is ${formatNumber(beyond)} times the limit` : "l is within the limit",
    },
  ];
}

/** The last run measured against the post: one row per quantity, the numbers as <output>s. */
export function ToyModelTable({ last }: { last: LastToyModelRun }) {
  const s = last.summary;
  return (
    <table class="toy-model__table">
      <caption>
        Last completed run: {settingsText(s.settings)}
        {last.seconds !== undefined ? `, ${formatNumber(last.seconds, 2)} s in your browser` : ", made when this page was built"}. Readout measured on{" "}
        {formatCount(s.samples)} fresh inputs.
      </caption>
      <thead>
        <tr>
          <th scope="col">quantity, and for comparison</th>
          <th scope="col">trained</th>
        </tr>
      </thead>
      <tbody>
        {rows(s).map((row) => (
          <tr key={row.name}>
            <th scope="row">
              {row.label}
              <span class="toy-model__against">{row.against}</span>
            </th>
            <td>
              <Measured name={row.name} value={row.value} text={row.text} />
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
