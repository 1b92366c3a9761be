/**
 * The table of real sparse autoencoders and their place on the post's limits, against the site's
 * notes on the mathematics ("Real sparse autoencoders"). The notes print l_max and ratios to two
 * or three digits; the checks allow half a unit of the last printed digit.
 */
import { describe, expect, it } from "vitest";
import { saeName, saeNameParts, SPARSE_AUTOENCODERS, sparseAutoencoderFigures, type SparseAutoencoder } from "../../src/facts/real-saes.ts";

function sae(id: string): SparseAutoencoder {
  const found = SPARSE_AUTOENCODERS.find((s) => s.id === id);
  if (found === undefined) throw new Error(`no SAE ${id}`);
  return found;
}

describe("the table", () => {
  it("has one record per published SAE, with unique slugs and unique names", () => {
    const ids = SPARSE_AUTOENCODERS.map((s) => s.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(id).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
    expect(new Set(SPARSE_AUTOENCODERS.map(saeName)).size).toBe(ids.length);
    expect(SPARSE_AUTOENCODERS.map((s) => [s.model, s.n, s.m, s.l0])).toEqual([
      ["GPT-2 small", 768, 32768, 32],
      ["Gemma 2 2B", 2304, 16384, 82],
      ["Gemma 2 2B", 2304, 16384, 22],
      ["Gemma 2 2B", 2304, 16384, 71],
      ["Gemma 2 2B", 2304, 1048576, 19],
      ["Gemma 2 9B", 3584, 16384, 408],
      ["Gemma 2 9B", 3584, 131072, 276],
      ["Gemma 2 9B", 3584, 1048576, 193],
      // Gemma Scope 27B's canonical layer-22 SAE (SAELens's gemma-scope-27b-pt-res-canonical).
      ["Gemma 2 27B", 4608, 131072, 82],
      // Llama Scope, hyperparams.json: d_model 4096, d_sae 32768 / 131072, top_k 50.
      ["Llama 3.1 8B", 4096, 32768, 50],
      ["Llama 3.1 8B", 4096, 131072, 50],
      // EleutherAI, cfg.json: d_in 4096, expansion_factor 32, k 192.
      ["Llama 3 8B", 4096, 131072, 192],
      // The Matryoshka BatchTopK model card: width 32768, l0 40.
      ["Gemma 2 2B", 2304, 32768, 40],
    ]);
  });

  it("names each SAE the same way everywhere, with the width as its release writes it", () => {
    expect(saeName(sae("gpt-2-small-openai-topk-v5-32k"))).toBe("GPT-2 small · OpenAI v5_32k · layer 6 · 32k · L0 32");
    expect(saeName(sae("gemma-2-9b-res-layer-20-131k-l0-276"))).toBe("Gemma 2 9B · Gemma Scope · layer 20 · 131k · L0 276");
    expect(saeName(sae("gemma-2-2b-res-layer-12-1m-l0-19"))).toBe("Gemma 2 2B · Gemma Scope · layer 12 · 1M · L0 19");
    for (const s of SPARSE_AUTOENCODERS) {
      // 131 072 latents are "131k" (Gemma Scope's width_131k), never "128k".
      const expected = { 16384: "16k", 32768: "32k", 131072: "131k", 1048576: "1M" }[s.m];
      expect(s.width).toBe(expected);
      const { whose, which } = saeNameParts(s);
      expect(saeName(s)).toBe(`${whose} · ${which}`);
      expect(which).toContain(`layer ${s.layer}`);
      expect(which).toContain(`L0 ${s.l0}`);
    }
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
    expect(sae("llama-3-8b-eleutherai-topk-layer-16-131k").source).toMatchObject({
      repository: "EleutherAI/sae-llama-3-8b-32x",
      url: "https://huggingface.co/EleutherAI/sae-llama-3-8b-32x",
      path: "layers.16/cfg.json",
    });
    for (const s of SPARSE_AUTOENCODERS) {
      // Gemma Scope's folder names carry the width and L0; the others' files say where.
      if (s.source.repository.startsWith("google/gemma-scope"))
        expect(s.source.release).toMatch(new RegExp(`width_${s.width.toLowerCase()}/average_l0_${s.l0}$`));
      expect(s.source.url).toBe(`https://${s.source.repository.startsWith("openai/") ? "github.com" : "huggingface.co"}/${s.source.repository}`);
      expect(s.source.paper).toMatch(/\(20\d\d\), "/);
      expect(s.source.shapeFrom).toMatch(new RegExp(String(s.m).replace(/\B(?=(\d{3})+$)/g, "[ ,]?")));
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
