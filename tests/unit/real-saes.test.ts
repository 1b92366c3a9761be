/**
 * The table of real sparse autoencoders and their place on the post's limits, against the site's
 * notes on the mathematics ("Real sparse autoencoders"). The notes print l_max and ratios to two
 * or three digits; the checks allow half a unit of the last printed digit.
 */
import { describe, expect, it } from "vitest";
import { SPARSE_AUTOENCODERS, sparseAutoencoderFigures, type SparseAutoencoder } from "../../src/facts/real-saes.ts";

function sae(id: string): SparseAutoencoder {
  const found = SPARSE_AUTOENCODERS.find((s) => s.id === id);
  if (found === undefined) throw new Error(`no SAE ${id}`);
  return found;
}

describe("the table", () => {
  it("has one record per published SAE, with unique slugs", () => {
    const ids = SPARSE_AUTOENCODERS.map((s) => s.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(id).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
    expect(SPARSE_AUTOENCODERS.map((s) => [s.model, s.n, s.m, s.l0])).toEqual([
      ["GPT-2 small", 768, 32768, 32],
      ["Gemma 2 2B", 2304, 16384, 82],
      ["Gemma 2 2B", 2304, 16384, 22],
      ["Gemma 2 2B", 2304, 16384, 71],
      ["Gemma 2 2B", 2304, 1048576, 19],
      ["Gemma 2 9B", 3584, 16384, 408],
      ["Gemma 2 9B", 3584, 131072, 276],
      ["Gemma 2 9B", 3584, 1048576, 193],
    ]);
  });

  it("names each release and where it is published", () => {
    expect(sae("gpt-2-small-openai-topk-v5-32k").source).toMatchObject({
      repository: "openai/sparse_autoencoder",
      url: "https://github.com/openai/sparse_autoencoder",
      path: "sparse_autoencoder/paths.py",
      release: "v5_32k",
      year: 2024,
    });
    expect(sae("gemma-2-9b-res-layer-20-131k-l0-276").source).toMatchObject({
      repository: "google/gemma-scope-9b-pt-res",
      url: "https://huggingface.co/google/gemma-scope-9b-pt-res",
      path: "layer_20/width_131k/average_l0_276",
      year: 2024,
    });
    for (const s of SPARSE_AUTOENCODERS) {
      // The release name carries L0 (and, for Gemma Scope, the width).
      expect(s.source.release).toMatch(s.source.repository.startsWith("google/") ? new RegExp(`average_l0_${s.l0}$`) : /^v5_32k$/);
      expect(s.source.url).toBe(`https://${s.source.repository.startsWith("google/") ? "huggingface.co" : "github.com"}/${s.source.repository}`);
      expect(s.source.paper).toMatch(/\(2024\), "/);
    }
  });
});

describe("on the post's limits", () => {
  it("GPT-2 small, OpenAI TopK 32k", () => {
    const f = sparseAutoencoderFigures(sae("gpt-2-small-openai-topk-v5-32k"));
    expect(Math.abs(f.lMax - 9.2)).toBeLessThan(0.05); // 768 / (8 ln 32768) = 9.233
    expect(Math.abs(f.pastLMax - 3.5)).toBeLessThan(0.05); // 3.47
    expect(Math.abs(f.postNoise - 1.86)).toBeLessThan(0.005); // ε √32 = 1.862
    // "about 235 misreads per token": 234.3 (the notes' own 235, within 0.5 %).
    expect(Math.abs(f.expectedMisreads.value! - 235) / 235).toBeLessThan(0.005);
    expect(f.typicalLimit).toBe(192);
  });

  it("Gemma 2 2B, layer 12, 16k, L0 82", () => {
    const f = sparseAutoencoderFigures(sae("gemma-2-2b-res-layer-12-16k-l0-82"));
    expect(Math.abs(f.lMax - 29.7)).toBeLessThan(0.05);
    expect(Math.abs(f.pastLMax - 2.8)).toBeLessThan(0.05);
    expect(Math.abs(f.expectedMisreads.value! - 66)).toBeLessThan(0.5); // 65.85
  });

  it("Gemma 2 9B, layer 20, 1M, L0 193", () => {
    const f = sparseAutoencoderFigures(sae("gemma-2-9b-res-layer-20-1m-l0-193"));
    expect(Math.abs(f.lMax - 32.3)).toBeLessThan(0.05);
    expect(Math.abs(f.pastLMax - 6)).toBeLessThan(0.05); // "6×": 5.97
  });

  it("every SAE stays below the typical reading's n/4, and the figures hang together", () => {
    for (const s of SPARSE_AUTOENCODERS) {
      const f = sparseAutoencoderFigures(s);
      expect(s.l0).toBeLessThan(f.typicalLimit);
      // The three noises in order: typical √(L0/n) < worst-of-m √(2 ln m · L0/n) < the post's ε√L0.
      expect(f.typicalNoise).toBeLessThan(f.worstNoise);
      expect(f.worstNoise).toBeLessThan(f.postNoise);
      expect(f.worstNoise / f.typicalNoise).toBeCloseTo(Math.sqrt(2 * Math.log(s.m)), 12);
      expect(f.pastLMax).toBeCloseTo(s.l0 / f.lMax, 12);
      expect(f.allRight.log10).toBeLessThanOrEqual(0);
      expect(Number.isFinite(f.expectedMisreads.log10)).toBe(true);
      expect(f.pFalseOn.log10).toBeLessThan(Math.log10(0.5));
    }
  });
});
