/**
 * The dictionary engine's geometry against a direct float64 computation, for files in every
 * format and dtype written by the tests (planted near-duplicates, antipodal pairs, dead rows), the
 * same numbers for any split into parts, and sampled mode against exact mode within its stated
 * standard errors.
 */
import { describe, expect, it } from "vitest";
import { bytesSource } from "../../src/features/dictionary/engine/byte-source.ts";
import { latentReader } from "../../src/features/dictionary/engine/latent-rows.ts";
import { measureGeometry, type MeasureOptions } from "../../src/features/dictionary/engine/measure.ts";
import { openDictionary } from "../../src/features/dictionary/engine/open-dictionary.ts";
import { HISTOGRAM_BINS } from "../../src/features/dictionary/engine/pairs.ts";
import type { DictionaryGeometry } from "../../src/features/dictionary/engine/geometry.ts";
import {
  encode,
  naiveGeometry,
  npyFile,
  PLANTED,
  plantedDecoder,
  safetensorsFile,
  stored,
  transpose,
  zipFile,
  type TestDType,
} from "./dictionary-fixtures.ts";

const M = 150;
const N = 37;
const values = plantedDecoder(M, N, 7);

async function run<T>(steps: AsyncGenerator<unknown, T, void>): Promise<T> {
  for (;;) {
    const step = await steps.next();
    if (step.done) return step.value;
  }
}

async function measureFile(bytes: Uint8Array, name: string, options: MeasureOptions = {}, matrix?: string): Promise<DictionaryGeometry> {
  const file = await openDictionary(bytesSource(bytes, name));
  const chosen = matrix === undefined ? file.matrices[file.defaultIndex]! : file.matrices.find((candidate) => candidate.name === matrix)!;
  return (await run(measureGeometry(latentReader(chosen), options))).geometry;
}

function expectAgreement(geometry: DictionaryGeometry, reference: ReturnType<typeof naiveGeometry>): void {
  expect(geometry.mode).toBe("exact");
  expect(geometry.m).toBe(M);
  expect(geometry.n).toBe(N);
  expect(geometry.dead).toBe(reference.dead.length);
  expect(geometry.deadExamples).toEqual(reference.dead);
  expect(geometry.live).toBe(reference.live.length);
  // Unit rows in float32: each cosine is off by at most a few 10⁻⁷.
  expect(Math.abs(geometry.rmsOverlap.value - reference.rms)).toBeLessThan(1e-6);
  expect(Math.abs(geometry.meanOverlap.value - reference.mean)).toBeLessThan(1e-6);
  expect(Math.abs(geometry.maxOverlap.value - reference.max)).toBeLessThan(1e-6);
  expect(geometry.maxOverlap.pair).toEqual(reference.maxPair);
  expect(geometry.pairsAbove05.value).toBe(reference.above05);
  expect(geometry.pairsAbove09.value).toBe(reference.above09);
  expect(Math.abs(geometry.medianWorstOverlap.value - reference.median)).toBeLessThan(1e-6);
  expect(Math.abs(geometry.p99WorstOverlap.value - reference.p99)).toBeLessThan(1e-6);
  expect(geometry.rmsOverlap.se).toBe(0);
  const counts = Array.from(geometry.histogram.counts);
  expect(counts.reduce((a, b) => a + b, 0)).toBe((reference.live.length * (reference.live.length - 1)) / 2);
  // A cosine within 10⁻⁶ of a bin edge may land in the neighbouring bin; nothing else may differ.
  const moved = counts.reduce((sum, c, b) => sum + Math.abs(c - reference.histogram[b]!), 0);
  expect(moved).toBeLessThanOrEqual(2);
}

describe("exact geometry of files in every format, against a direct computation", () => {
  const variants: { label: string; dtype: TestDType; file: () => [Uint8Array, string]; matrix?: string }[] = [
    ...(["F32", "F16", "BF16"] as const).map((dtype) => ({
      label: `safetensors ${dtype} (SAELens W_dec)`,
      dtype,
      file: (): [Uint8Array, string] => [
        safetensorsFile([
          { name: "W_enc", dtype, shape: [N, M], bytes: encode(transpose(values, M, N), dtype) },
          { name: "W_dec", dtype, shape: [M, N], bytes: encode(values, dtype) },
          { name: "b_dec", dtype, shape: [N], bytes: encode(new Float64Array(N), dtype) },
        ]),
        "sae_weights.safetensors",
      ],
    })),
    {
      label: "safetensors F32, W_enc [n, m] read along its latent axis 1 (strided)",
      dtype: "F32",
      matrix: "W_enc",
      file: () => [
        safetensorsFile([{ name: "W_enc", dtype: "F32", shape: [N, M], bytes: encode(transpose(values, M, N), "F32") }]),
        "sae_weights.safetensors",
      ],
    },
    {
      label: "safetensors BF16, sparsify encoder.weight [m, n]",
      dtype: "BF16",
      matrix: "encoder.weight",
      file: () => [safetensorsFile([{ name: "encoder.weight", dtype: "BF16", shape: [M, N], bytes: encode(values, "BF16") }]), "sae.safetensors"],
    },
    { label: "npy <f4", dtype: "F32", file: () => [npyFile("<f4", [M, N], encode(values, "F32")), "decoder.npy"] },
    { label: "npy <f2, version 2", dtype: "F16", file: () => [npyFile("<f2", [M, N], encode(values, "F16"), { version: 2 }), "decoder.npy"] },
    { label: "npy <f8, version 3", dtype: "F64", file: () => [npyFile("<f8", [M, N], encode(values, "F64"), { version: 3 }), "decoder.npy"] },
    {
      label: "npy <f4 in fortran order",
      dtype: "F32",
      file: () => [npyFile("<f4", [M, N], encode(transpose(values, M, N), "F32"), { fortran: true }), "decoder.npy"],
    },
    ...([false, true] as const).flatMap((deflate) =>
      ([false, true] as const).map((zip64) => ({
        label: `npz (Gemma Scope params.npz), ${deflate ? "deflated" : "stored"}${zip64 ? ", zip64" : ""}`,
        dtype: "F32" as TestDType,
        file: (): [Uint8Array, string] => [
          zipFile(
            [
              { name: "W_enc.npy", data: npyFile("<f4", [N, M], encode(transpose(values, M, N), "F32")) },
              { name: "threshold.npy", data: npyFile("<f4", [M], encode(new Float64Array(M), "F32")) },
              { name: "W_dec.npy", data: npyFile("<f4", [M, N], encode(values, "F32")) },
            ],
            { deflate, zip64 },
          ),
          "params.npz",
        ],
      })),
    ),
  ];
  for (const variant of variants) {
    it(variant.label, async () => {
      const [bytes, name] = variant.file();
      const geometry = await measureFile(bytes, name, { mode: "exact", kernel: "wasm-simd" }, variant.matrix);
      expectAgreement(geometry, naiveGeometry(stored(values, variant.dtype), M, N));
    });
  }

  it("finds the planted structure: the antipodal pair at |cos| 1, the near-duplicates at 0.95, three dead rows", async () => {
    const geometry = await measureFile(
      safetensorsFile([{ name: "W_dec", dtype: "F32", shape: [M, N], bytes: encode(values, "F32") }]),
      "w.safetensors",
      {
        mode: "exact",
      },
    );
    expect(geometry.maxOverlap.pair).toEqual([...PLANTED.antipodal]);
    expect(geometry.maxOverlap.value).toBeCloseTo(1, 6);
    expect(geometry.dead).toBe(PLANTED.dead.length);
    expect(geometry.pairsAbove09.value).toBeGreaterThanOrEqual(2);
    const duplicate = naiveGeometry(stored(values, "F32"), M, N);
    expect(duplicate.worst[0]).toBeCloseTo(PLANTED.cosine, 6);
  });
});

describe("splitting the work", () => {
  const bytes = npyFile("<f4", [M, N], encode(values, "F32"));
  for (const mode of ["exact", "sampled"] as const) {
    it(`gives the same ${mode} geometry, number for number, for 1, 2 and 3 parts`, async () => {
      const options = { mode, kernel: "wasm-simd" as const, subset: 120, worstSample: 40, seed: 5 };
      const one = await measureFile(bytes, "d.npy", { ...options, parts: 1 });
      const two = await measureFile(bytes, "d.npy", { ...options, parts: 2 });
      const three = await measureFile(bytes, "d.npy", { ...options, parts: 3 });
      expect(two).toEqual(one);
      expect(three).toEqual(one);
    });
  }
});

describe("sampled mode against exact mode", () => {
  // A larger dictionary: 6 000 latents in ℝ⁴⁸, several ranges of 4 096 for the worst pass.
  const m = 6000;
  const n = 48;
  const big = plantedDecoder(m, n, 11);
  const bytes = npyFile("<f4", [m, n], encode(big, "F32"));

  it("agrees within its standard errors, and says what it sampled", async () => {
    const exact = await measureFile(bytes, "big.npy", { mode: "exact" });
    const sampled = await measureFile(bytes, "big.npy", { mode: "sampled", subset: 1500, worstSample: 600, seed: 3 });
    expect(sampled.mode).toBe("sampled");
    // The subset and sample are drawn from all latents; the dead ones among them (3 of 6 000) are dropped.
    expect(sampled.sampled!.subset).toBeGreaterThanOrEqual(1497);
    expect(sampled.sampled!.subset).toBeLessThanOrEqual(1500);
    expect(sampled.sampled!.worstSample).toBeGreaterThanOrEqual(597);
    expect(sampled.dead).toBe(exact.dead);
    expect(sampled.live).toBe(exact.live);
    for (const key of ["rmsOverlap", "meanOverlap", "pairsAbove05", "medianWorstOverlap", "p99WorstOverlap"] as const) {
      const se = sampled[key].se;
      expect(se, key).toBeGreaterThan(0);
      // Five standard errors: a chance of about 6·10⁻⁷ per value of failing by bad luck (fixed seed).
      expect(Math.abs(sampled[key].value - exact[key].value), key).toBeLessThan(5 * se);
    }
    expect(sampled.maxOverlap.lowerBound).toBe(true);
    expect(sampled.maxOverlap.value).toBeLessThanOrEqual(exact.maxOverlap.value);
    expect(sampled.comparison).toEqual(exact.comparison);
  }, 60_000);

  it("has standard errors of the right size: the spread of the rms over 12 seeds matches its se", async () => {
    const values12: number[] = [];
    const ses: number[] = [];
    for (let seed = 1; seed <= 12; seed++) {
      const g = await measureFile(bytes, "big.npy", { mode: "sampled", subset: 400, worstSample: 8, seed });
      values12.push(g.meanOverlap.value);
      ses.push(g.meanOverlap.se);
    }
    const mean = values12.reduce((a, b) => a + b, 0) / values12.length;
    const sd = Math.sqrt(values12.reduce((s, v) => s + (v - mean) ** 2, 0) / (values12.length - 1));
    const se = ses.reduce((a, b) => a + b, 0) / ses.length;
    // With 12 draws the sample sd is within a factor 1.8 of the true one with probability > 99 %.
    expect(sd / se).toBeGreaterThan(1 / 1.8);
    expect(sd / se).toBeLessThan(1.8);
  }, 60_000);
});

describe("the histogram", () => {
  it("has HISTOGRAM_BINS bins whose random expectation sums to the pairs measured", async () => {
    const geometry = await measureFile(npyFile("<f4", [M, N], encode(values, "F32")), "d.npy");
    expect(geometry.histogram.counts.length).toBe(HISTOGRAM_BINS);
    const expected = Array.from(geometry.histogram.random).reduce((a, b) => a + b, 0);
    expect(Math.abs(expected - geometry.histogram.pairs) / geometry.histogram.pairs).toBeLessThan(1e-9);
  });
});
