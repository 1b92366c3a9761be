import { meanAbsOverlap } from "../../../math/random-directions.ts";
import { formatCount, formatLogQuantity, formatNumber } from "../../../numbers/format.ts";
import { ComparisonTable, type ComparisonRow } from "../../../ui/ComparisonTable.tsx";
import { randomPairsAbove } from "../engine/random-comparison.ts";
import type { DictionaryOutput, DictionaryOutputName, DictionaryReport } from "../engine/results.ts";

/** An output of the contract (results.ts) as an <output> element: its value in full, its error, its pair. */
export function Output({ output }: { output: DictionaryOutput }) {
  return (
    <output
      name={output.name}
      data-value={output.value}
      data-se={output.se}
      data-pair={output.pair === undefined ? undefined : output.pair.join(",")}
    >
      {output.text}
    </output>
  );
}

const COLUMNS = ["quantity", "this dictionary", "yardstick", "ratio"] as const;

/**
 * measured ÷ random, to the digits both allow: three figures when both are exact, two when
 * either is an estimate or verified to 10 %, one when "about", none (a dash) when either is
 * missing, a range, or 0.
 */
function ratio(measured: DictionaryOutput, random: { value: unknown; digits: number }): string {
  if (typeof measured.value !== "number" || typeof random.value !== "number" || !(random.value > 0) || random.digits === 0) return "—";
  const digits = Math.min(random.digits, measured.se === undefined ? 3 : 2);
  return `${formatNumber(measured.value / random.value, digits)}×`;
}

/** A row's measured half: the output's name, its value in full, its text and its standard error. */
function measured(output: DictionaryOutput): Pick<ComparisonRow, "name" | "measured" | "measuredText" | "se"> {
  return { name: output.name, measured: output.value as number | undefined, measuredText: output.text, se: output.se };
}

const DIGITS_OF_ACCURACY = { exact: 3, verified: 2, about: 1, range: 0, below: 0 } as const;

/**
 * The measured dictionary's numbers: its shape and mode, its geometry against random directions
 * and the floors (Welch's, the post's ε), and its readouts at the last L0 against random
 * directions'. Every number is an <output> of the contract (results.ts).
 */
export function DictionaryTables({ report, outputs }: { report: DictionaryReport; outputs: Record<DictionaryOutputName, DictionaryOutput> }) {
  const g = report.measured.geometry;
  const o = outputs;
  const exactRandom = (output: DictionaryOutput) => ({ value: output.value, digits: 3 });
  const randomMean = meanAbsOverlap(g.n);
  const geometryRows: ComparisonRow[] = [
    {
      label: "RMS |cos|",
      model: "√(mean cos²) over the pairs; random: 1/√n",
      ...measured(o["rms-overlap"]),
      predictedText: <Output output={o["random-rms"]} />,
      ratioText: ratio(o["rms-overlap"], exactRandom(o["random-rms"])),
    },
    {
      label: "mean |cos|",
      model: "random: √(2/(πn)), within 1/(4n)",
      ...measured(o["mean-overlap"]),
      predictedText: formatNumber(randomMean),
      ratioText: ratio(o["mean-overlap"], { value: randomMean, digits: 2 }),
    },
    {
      label: "each latent’s largest |cos| with another: median",
      model: "random: the expected largest of m − 1",
      ...measured(o["median-worst-overlap"]),
      predictedText: <Output output={o["random-worst"]} />,
      ratioText: ratio(o["median-worst-overlap"], exactRandom(o["random-worst"])),
    },
    {
      label: "the same: 99th percentile",
      model: "how close the closest-packed 1 % come",
      ...measured(o["p99-worst-overlap"]),
      predictedText: "—",
      ratioText: "—",
    },
    {
      label: (
        <>
          largest |cos|, latents {o["max-overlap"].pair![0]} and {o["max-overlap"].pair![1]}
        </>
      ),
      model: g.mode === "sampled" ? "the largest found in the sample: the true largest is at least this" : "over every pair",
      ...measured(o["max-overlap"]),
      measuredCell: <Output output={o["max-overlap"]} />,
      predictedText: "—",
      ratioText: "—",
    },
    {
      label: "pairs with |cos| above 0.5",
      model: `${g.mode === "sampled" ? "estimated for all pairs from the sample" : "counted over every pair"}; random: expected count`,
      ...measured(o["pairs-above-0.5"]),
      predictedText: formatLogQuantity(randomPairsAbove(g.n, g.live, 0.5)),
      ratioText: "—",
    },
    {
      label: "pairs with |cos| above 0.9",
      model: "near-duplicates, or opposites; random: expected count",
      ...measured(o["pairs-above-0.9"]),
      predictedText: formatLogQuantity(randomPairsAbove(g.n, g.live, 0.9)),
      ratioText: "—",
    },
  ];
  const r = report.readouts;
  const topk = report.randomTopk;
  const threshold = report.randomThreshold;
  const readoutRows: ComparisonRow[] = [
    {
      label: "latents misread per token, threshold ½",
      model: "random: computed, the site’s error rates",
      ...measured(o["misreads-threshold"]),
      predictedText: <Output output={o["random-misreads-threshold"]} />,
      ratioText: ratio(o["misreads-threshold"], { value: threshold?.value, digits: DIGITS_OF_ACCURACY[threshold?.accuracy ?? "range"] }),
    },
    {
      label: `latents misread per token, TopK: the ${r === undefined ? "L0" : formatCount(r.l)} largest readouts taken as on`,
      model:
        topk === undefined
          ? "random: simulated"
          : "reason" in topk
            ? `random: not simulated, ${topk.reason}`
            : `random: simulated on ${formatCount(topk.inputs)} inputs (seed ${formatCount(topk.seed)})`,
      ...measured(o["misreads-topk"]),
      predictedText: <Output output={o["random-misreads-topk"]} />,
      ratioText: ratio(o["misreads-topk"], { value: o["random-misreads-topk"].value, digits: 2 }),
    },
  ];
  return (
    <>
      <p class="dictionary__shape">
        <Output output={o.m} /> latents of <Output output={o.n} /> numbers, <Output output={o.dead} /> of them dead (norm 0 or a number that is not
        finite: left out); measured in <Output output={o.mode} /> mode
        {g.mode === "exact"
          ? `: all ${formatCount(g.histogram.pairs)} pairs of the ${formatCount(g.live)} live latents.`
          : `: the pairs of ${formatCount(g.sampled!.subset)} live latents drawn at random (seed ${report.measured.seed}), and the largest |cos| of ${formatCount(g.sampled!.worstSample)} latents against all of them, streamed from the file; values with ± carry their standard error.`}
        {g.dead > 0 && ` Dead latents: ${g.deadExamples.join(", ")}${g.dead > g.deadExamples.length ? ", …" : ""}.`}
      </p>
      <ComparisonTable
        caption={
          <>
            How close the directions come: |cos| between the unit vectors of two live latents, against random directions at n = {formatCount(g.n)}, m
            = {formatCount(g.live)}.
          </>
        }
        rows={geometryRows}
        columns={COLUMNS}
        stacked
      >
        <tr>
          <th scope="row">
            RMS |cos| against Welch’s floor
            <span class="simulation__model">no m directions in ℝⁿ have a smaller RMS or largest |cos|</span>
          </th>
          <td data-label={COLUMNS[1]}>{o["rms-overlap"].text}</td>
          <td data-label={COLUMNS[2]}>
            <Output output={o.welch} />
          </td>
          <td data-label={COLUMNS[3]}>{ratio(o["rms-overlap"], exactRandom(o.welch))}</td>
        </tr>
        <tr>
          <th scope="row">
            largest |cos| against the post’s ε = √(8 ln m / n)
            <span class="simulation__model">the post’s bound on one feature’s interference with another</span>
          </th>
          <td data-label={COLUMNS[1]}>{o["max-overlap"].text}</td>
          <td data-label={COLUMNS[2]}>
            <Output output={o["post-epsilon"]} />
          </td>
          <td data-label={COLUMNS[3]}>{ratio(o["max-overlap"], exactRandom(o["post-epsilon"]))}</td>
        </tr>
      </ComparisonTable>
      <ComparisonTable
        caption={
          r === undefined ? (
            <>Readouts: not made yet (they need a valid L0).</>
          ) : (
            <>
              Readouts at L0 = {formatCount(r.l)}: {formatCount(r.tokens)} tokens (seed {report.measured.seed}), each switching on {formatCount(r.l)}{" "}
              live latents at random at value 1; every latent read by its dot product with the token’s sum. Means per token ± their standard error.
            </>
          )
        }
        rows={readoutRows}
        columns={COLUMNS}
        stacked
      />
    </>
  );
}
