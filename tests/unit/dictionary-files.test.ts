/**
 * Opening dropped files: the format by its first bytes, the arrays and their latent axes, cfg.json,
 * reading through a real Blob, and every kind of bad file giving its own clear message.
 */
import { describe, expect, it } from "vitest";
import { blobSource, bytesSource } from "../../src/features/dictionary/engine/byte-source.ts";
import { halfToFloat } from "../../src/features/dictionary/engine/dtypes.ts";
import { DictionaryFileError, type DictionaryProblem } from "../../src/features/dictionary/engine/errors.ts";
import { latentReader } from "../../src/features/dictionary/engine/latent-rows.ts";
import { openDictionary } from "../../src/features/dictionary/engine/open-dictionary.ts";
import { checkConfigAgainst, parseSaeConfig } from "../../src/features/dictionary/engine/sae-config.ts";
import { randomHistogram, randomWorstOverlap } from "../../src/features/dictionary/engine/random-comparison.ts";
import { sampledQuantile } from "../../src/features/dictionary/engine/quantiles.ts";
import { concat, encode, npyFile, safetensorsFile, testRandom, zipFile } from "./dictionary-fixtures.ts";

const tensor = (name: string, shape: number[], dtype = "F32") => ({
  name,
  dtype,
  shape,
  bytes: encode(new Float64Array(shape.reduce((a, b) => a * b, 1)).fill(0.5), "F32"),
});

async function problem(bytes: Uint8Array, name: string): Promise<{ problem: DictionaryProblem; message: string }> {
  try {
    await openDictionary(bytesSource(bytes, name));
  } catch (error) {
    if (error instanceof DictionaryFileError) return { problem: error.problem, message: error.message };
    throw error;
  }
  throw new Error(`${name} opened without an error`);
}

describe("opening files", () => {
  it("lists a SAELens file's 2-D tensors with their latent axes, W_dec by default", async () => {
    const file = await openDictionary(
      bytesSource(safetensorsFile([tensor("W_enc", [8, 32]), tensor("b_enc", [32]), tensor("W_dec", [32, 8])]), "sae_weights.safetensors"),
    );
    expect(file.format).toBe("safetensors");
    expect(file.matrices.map((m) => [m.name, m.latentAxis, m.latentAxisKnown])).toEqual([
      ["W_enc", 1, true],
      ["W_dec", 0, true],
    ]);
    expect(file.defaultIndex).toBe(1);
  });

  it("takes the longer axis as the latents of an unnamed array, and says it guessed", async () => {
    const file = await openDictionary(bytesSource(npyFile("<f4", [8, 32], encode(new Float64Array(256).fill(1), "F32")), "directions.npy"));
    expect(file.matrices[0]).toMatchObject({ latentAxis: 1, latentAxisKnown: false });
    expect(file.matrices[0]!.latentAxisReason).toMatch(/longer axis \(32\)/);
    expect(latentReader(file.matrices[0]!)).toMatchObject({ m: 32, n: 8, contiguous: false });
    expect(latentReader(file.matrices[0]!, 0)).toMatchObject({ m: 8, n: 32, contiguous: true });
  });

  it("reads a real Blob in blocks, the same numbers as from memory", async () => {
    const { gaussian } = testRandom(3);
    const values = Float64Array.from({ length: 64 * 10 }, gaussian);
    const bytes = npyFile("<f2", [64, 10], encode(values, "F16"));
    const fromBlob = await openDictionary(blobSource(new Blob([bytes as Uint8Array<ArrayBuffer>]), "x.npy"));
    const fromMemory = await openDictionary(bytesSource(bytes, "x.npy"));
    expect(await latentReader(fromBlob.matrices[0]!).readBlock(3, 40)).toEqual(await latentReader(fromMemory.matrices[0]!).readBlock(3, 40));
    expect(Array.from(await latentReader(fromBlob.matrices[0]!).readBlock(0, 1))).toEqual(Array.from(Float16Array.from(values.subarray(0, 10))));
  });

  it("decodes every float16 bit pattern as the platform's Float16Array does", () => {
    const bits = Uint16Array.from({ length: 65536 }, (_, i) => i);
    const platform = new Float16Array(bits.buffer);
    for (let h = 0; h < 65536; h++)
      expect(Object.is(halfToFloat(h), platform[h]) || (Number.isNaN(halfToFloat(h)) && Number.isNaN(platform[h]))).toBe(true);
  });
});

describe("cfg.json", () => {
  it("gives L0 from sparsify's k and SAELens's activation_fn_kwargs.k", () => {
    expect(parseSaeConfig(JSON.stringify({ k: 32, num_latents: 0, expansion_factor: 32, d_in: 768 }))).toMatchObject({
      l0: 32,
      l0Source: "k",
      dIn: 768,
    });
    expect(parseSaeConfig(JSON.stringify({ d_in: 2304, d_sae: 16384, architecture: "topk", activation_fn_kwargs: { k: 64 } }))).toMatchObject({
      l0: 64,
      l0Source: "activation_fn_kwargs.k",
      dSae: 16384,
    });
    expect(parseSaeConfig(JSON.stringify({ d_in: 2304, d_sae: 16384, architecture: "jumprelu" })).l0).toBeUndefined();
  });

  it("says where it disagrees with the weights, and when switching the axis would fix it", () => {
    const config = parseSaeConfig(JSON.stringify({ d_in: 2304, d_sae: 16384 }));
    expect(checkConfigAgainst(config, { m: 16384, n: 2304 })).toEqual([]);
    const swapped = checkConfigAgainst(config, { m: 2304, n: 16384 });
    expect(swapped).toHaveLength(3);
    expect(swapped[2]).toMatch(/switch which axis/);
    expect(
      checkConfigAgainst(parseSaeConfig(JSON.stringify({ k: 32, num_latents: 0, expansion_factor: 32, d_in: 768 })), { m: 24576, n: 768 }),
    ).toEqual([]);
  });

  it("refuses text that is not a JSON object", () => {
    expect(() => parseSaeConfig("k = 32")).toThrow(/cfg.json is not JSON/);
    expect(() => parseSaeConfig("[1, 2]")).toThrow(/not an object/);
  });
});

describe("bad files each say what is wrong", () => {
  const good = safetensorsFile([tensor("W_dec", [16, 4])]);
  const length = (value: number) => {
    const bytes = good.slice();
    new DataView(bytes.buffer).setUint32(0, value, true);
    return bytes;
  };
  const png = concat([Uint8Array.of(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a), new Uint8Array(100)]);
  const cases: { label: string; bytes: Uint8Array; name: string; problem: DictionaryProblem; message: RegExp }[] = [
    { label: "an empty file", bytes: new Uint8Array(0), name: "params.npz", problem: "empty", message: /params.npz is empty/ },
    {
      label: "a truncated safetensors",
      bytes: good.subarray(0, good.length - 10),
      name: "w.safetensors",
      problem: "truncated",
      message: /cut short: tensor "W_dec" ends at byte/,
    },
    {
      label: "a header length past the end",
      bytes: length(good.length),
      name: "w.safetensors",
      problem: "header-length",
      message: /runs past the end/,
    },
    { label: "an absurd header length", bytes: length(0xffffffff), name: "w.safetensors", problem: "header-length", message: /100 MB limit/ },
    {
      label: "a header that is not JSON",
      bytes: concat([Uint8Array.of(6, 0, 0, 0, 0, 0, 0, 0), new TextEncoder().encode("{oops}"), new Uint8Array(8)]),
      name: "w.safetensors",
      problem: "header-syntax",
      message: /header .* is not JSON/,
    },
    {
      label: "an unknown dtype",
      bytes: safetensorsFile([{ name: "W_dec", dtype: "I8", shape: [4, 4], bytes: new Uint8Array(16) }]),
      name: "w.safetensors",
      problem: "unknown-dtype",
      message: /"W_dec" \(I8\)/,
    },
    {
      label: "only 1-D tensors",
      bytes: safetensorsFile([tensor("b_dec", [16])]),
      name: "w.safetensors",
      problem: "not-2d",
      message: /no 2-D tensor.*"b_dec" \[16\]/,
    },
    {
      label: "a shape whose bytes do not match",
      bytes: safetensorsFile([{ ...tensor("W_dec", [16, 4]), shape: [16, 5] }]),
      name: "w.safetensors",
      problem: "size-mismatch",
      message: /shape \[16, 5\] in F32, which needs 320 bytes, but its entry holds 256/,
    },
    { label: "a 1-D .npy", bytes: npyFile("<f4", [16], new Uint8Array(64)), name: "b.npy", problem: "not-2d", message: /1-D array of shape \(16\)/ },
    { label: "a big-endian .npy", bytes: npyFile(">f4", [4, 4], new Uint8Array(64)), name: "b.npy", problem: "unknown-dtype", message: /'>f4'/ },
    {
      label: "a truncated .npy",
      bytes: npyFile("<f4", [4, 4], new Uint8Array(60)),
      name: "b.npy",
      problem: "truncated",
      message: /needs 64 bytes of data, but only 60/,
    },
    {
      label: "an .npy with extra bytes",
      bytes: npyFile("<f4", [4, 4], new Uint8Array(68)),
      name: "b.npy",
      problem: "size-mismatch",
      message: /needs 64 bytes of data, but 68/,
    },
    {
      label: "an .npy whose header is not a dict",
      bytes: concat([Uint8Array.of(0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59, 1, 0, 6, 0), new TextEncoder().encode("hello\n")]),
      name: "b.npy",
      problem: "header-syntax",
      message: /not a Python dict literal/,
    },
    {
      label: "an .npy whose header length is past the end",
      bytes: Uint8Array.of(0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59, 1, 0, 0xff, 0x7f, 0x7b),
      name: "b.npy",
      problem: "header-length",
      message: /runs past the end/,
    },
    {
      label: "a zip that is not an npz",
      bytes: zipFile([{ name: "notes.txt", data: new Uint8Array(5) }]),
      name: "p.npz",
      problem: "not-npz",
      message: /not an \.npz: it holds no \.npy arrays \(it holds notes.txt\)/,
    },
    {
      label: "a PyTorch checkpoint",
      bytes: zipFile([{ name: "archive/data.pkl", data: new Uint8Array(5) }]),
      name: "sae.pt",
      problem: "not-npz",
      message: /PyTorch checkpoint/,
    },
    {
      label: "an npz without a 2-D array",
      bytes: zipFile([{ name: "b_dec.npy", data: npyFile("<f4", [4], new Uint8Array(16)) }]),
      name: "p.npz",
      problem: "no-2d-array",
      message: /no 2-D array of floats to measure \(b_dec: holds a 1-D array/,
    },
    {
      label: "an npz cut short",
      bytes: zipFile([{ name: "W_dec.npy", data: npyFile("<f4", [4, 4], new Uint8Array(64)) }]).subarray(0, 120),
      name: "p.npz",
      problem: "not-npz",
      message: /no end-of-archive record/,
    },
    { label: "a PNG renamed .npz", bytes: png, name: "params.npz", problem: "unknown-format", message: /params.npz is a PNG image, not SAE weights/ },
    { label: "a text file", bytes: new TextEncoder().encode("hello, world\n"), name: "w.bin", problem: "unknown-format", message: /it is text/ },
  ];
  for (const bad of cases) {
    it(bad.label, async () => {
      const found = await problem(bad.bytes, bad.name);
      expect(found.problem).toBe(bad.problem);
      expect(found.message).toMatch(bad.message);
    });
  }

  it("a deflated member that does not inflate", async () => {
    const archive = zipFile([{ name: "W_dec.npy", data: npyFile("<f4", [64, 64], new Uint8Array(64 * 64 * 4)) }], { deflate: true });
    const broken = archive.slice();
    broken.fill(0xff, 40, 60);
    const found = await problem(broken, "p.npz");
    expect(["corrupt", "truncated"]).toContain(found.problem);
    expect(found.message).toMatch(/p.npz › W_dec.npy/);
  });

  it("a file whose rows are all NaN is read, with every latent dead, and refused for measuring by name", async () => {
    const { measureGeometry } = await import("../../src/features/dictionary/engine/measure.ts");
    const file = await openDictionary(bytesSource(npyFile("<f4", [6, 4], encode(new Float64Array(24).fill(Number.NaN), "F32")), "nan.npy"));
    const steps = measureGeometry(latentReader(file.matrices[0]!));
    await expect(
      (async () => {
        for (;;) if ((await steps.next()).done) return;
      })(),
    ).rejects.toThrow(/nan has 0 live latents: measuring overlaps needs at least 2/);
  });
});

describe("random comparison and sampled quantiles", () => {
  it("random-worst matches a Monte Carlo of the largest of m − 1 exact overlaps", () => {
    // |t| for n = 10: t² ~ Beta(½, 9/2); draw it as g₁² / Σ gᵢ² of 10 Gaussians.
    const { gaussian } = testRandom(99);
    const n = 10;
    const m = 50;
    const draws = 4000;
    let sum = 0;
    let squares = 0;
    for (let d = 0; d < draws; d++) {
      let best = 0;
      for (let j = 0; j < m - 1; j++) {
        let total = 0;
        let first = 0;
        for (let k = 0; k < n; k++) {
          const g = gaussian();
          total += g * g;
          if (k === 0) first = g * g;
        }
        best = Math.max(best, Math.sqrt(first / total));
      }
      sum += best;
      squares += best * best;
    }
    const mean = sum / draws;
    const se = Math.sqrt((squares / draws - mean * mean) / draws);
    expect(Math.abs(randomWorstOverlap(n, m) - mean)).toBeLessThan(4 * se);
  });

  it("random-worst with one other latent is the mean |overlap|: ½ at n = 3, where t is uniform; 1 at n = 1", () => {
    expect(randomWorstOverlap(3, 2)).toBeCloseTo(0.5, 10);
    expect(randomWorstOverlap(1, 5)).toBe(1);
  });

  it("the random histogram at n = 3 is flat (t is uniform on [−1, 1])", () => {
    const counts = randomHistogram(3, 1000, 10);
    for (const c of counts) expect(c).toBeCloseTo(100, 9);
  });

  it("a sampled quantile's standard error is 0 for the whole population and shrinks like 1/√N", () => {
    const sorted = Float64Array.from({ length: 1000 }, (_, i) => i / 1000);
    expect(sampledQuantile(sorted, 0.5, 1000).se).toBe(0);
    const small = sampledQuantile(
      sorted.filter((_, i) => i % 10 === 0),
      0.5,
      1e9,
    ).se;
    const large = sampledQuantile(sorted, 0.5, 1e9).se;
    expect(small / large / Math.sqrt(10)).toBeCloseTo(1, 1);
    // Uniform values: se of the median ≈ √(p(1 − p)/N) = 0.5/√N in the value's units.
    expect(large).toBeCloseTo(0.5 / Math.sqrt(1000), 2);
  });
});
