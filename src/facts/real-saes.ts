/**
 * Real sparse autoencoders (SAEs) placed on the post's limits: their width n (the model's
 * d_model), dictionary size m and L0 (latents active per token, the SAE's l), as published.
 *
 * Sources: each SAE's n, m and L0 from the release's own files or names, with the paper that
 * introduced it; each row says where each of the three is read (`SaeSource.shapeFrom`). Repository
 * addresses: the OpenAI SAEs are in the GitHub repository openai/sparse_autoencoder (release names in
 * sparse_autoencoder/paths.py); the others are Hugging Face repositories, Gemma Scope's with one
 * folder per SAE named layer_…/width_…/average_l0_…, Llama Scope's with a hyperparams.json
 * (d_model, d_sae, top_k), EleutherAI's with a cfg.json (d_in, expansion_factor, k), and the
 * Matryoshka SAEs' model card with a table of width and L0 per layer.
 *
 * Not added, for want of a source for all three numbers: Gemma Scope 2 (Gemma 3; its releases
 * google/gemma-scope-2-… exist, but no SAE's width and L0 could be read from its own files here),
 * and a point for the L0 that Chanin and Garriga-Alonso ("Sparse but wrong", 2025) argue is right
 * (the paper says most released SAEs' L0 is too low; its number for any one SAE could not be read).
 *
 * Reading the figures: an SAE's latents are a model of the network's features, not the features
 * themselves, and real SAEs do not read their latents linearly with a threshold at ½: TopK and
 * JumpReLU encoders keep only the largest, their decoder directions are not random, and their
 * reconstructions tolerate error. "If its directions were random" is a yardstick, not a claim
 * about the SAE.
 */
import type { LogQuantity } from "../math/big-number.ts";
import { allRight, expectedMisreads, pFalseOn } from "../math/error-rates.ts";
import { maxActiveFeatures, sparsityNoise, typicalMaxActiveFeatures, typicalNoise, worstNoise } from "../math/formulas.ts";

/** Where an SAE was published. */
export interface SaeSource {
  /** The paper that introduced it (or its method), as "Authors (year), Title". */
  readonly paper: string;
  readonly year: number;
  /** The repository holding the weights (or the list of them), as owner/name. */
  readonly repository: string;
  /** The repository's address. */
  readonly url: string;
  /** Where in the repository this SAE is named. */
  readonly path: string;
  /** The release name that carries m and L0 (or the folder that holds them). */
  readonly release: string;
  /** Where n, m and L0 are read, in a few words. */
  readonly shapeFrom: string;
}

/** One published SAE. */
export interface SparseAutoencoder {
  /** Stable slug, for addresses and keys. */
  readonly id: string;
  /** A long description: release, model, site. */
  readonly label: string;
  /** The model whose activations it reads. */
  readonly model: string;
  /** The release it belongs to, as its authors name it. */
  readonly release: string;
  /** The layer whose residual stream it reads. */
  readonly layer: number;
  /** Its dictionary size as the release writes it: "16k", "32k", "131k", "1M". */
  readonly width: string;
  /** Neurons: the model's residual-stream width d_model. */
  readonly n: number;
  /** Features: the SAE's number of latents. */
  readonly m: number;
  /** Latents active per token (exact for TopK, the average for JumpReLU). */
  readonly l0: number;
  /** How its encoder picks the active latents: TopK (k = L0 exactly) or a threshold (L0 an average). */
  readonly encoder: "TopK" | "JumpReLU" | "BatchTopK";
  readonly source: SaeSource;
}

/**
 * One name per SAE, the same everywhere (the tables, the figure, the calculators' and the
 * simulation's presets), in two parts: whose it is (model and release) and which one (layer, width
 * as the release writes it, L0). A preset shows the first as its label and the second as its detail.
 */
export function saeNameParts(sae: SparseAutoencoder): { readonly whose: string; readonly which: string } {
  return { whose: `${sae.model} · ${sae.release}`, which: `layer ${sae.layer} · ${sae.width} · L0 ${sae.l0}` };
}

/** The SAE's name as one line: "Gemma 2 2B · Gemma Scope · layer 12 · 16k · L0 82". */
export function saeName(sae: SparseAutoencoder): string {
  const { whose, which } = saeNameParts(sae);
  return `${whose} · ${which}`;
}

const GAO_2024 = { paper: 'Gao et al. (2024), "Scaling and evaluating sparse autoencoders"', year: 2024 } as const;
const LIEBERUM_2024 = { paper: 'Lieberum et al. (2024), "Gemma Scope"', year: 2024 } as const;
const HE_2024 = { paper: 'He et al. (2024), "Llama Scope"', year: 2024 } as const;
const BUSSMANN_2025 = { paper: 'Bussmann et al. (2025), "Learning Multi-Level Features with Matryoshka Sparse Autoencoders"', year: 2025 } as const;
const OPENAI_REPOSITORY = {
  repository: "openai/sparse_autoencoder",
  url: "https://github.com/openai/sparse_autoencoder",
  path: "sparse_autoencoder/paths.py",
} as const;
const huggingFace = (repository: string) => ({ repository, url: `https://huggingface.co/${repository}` }) as const;

/** Gemma 2's widths d_model (Gemma Team 2024, the Gemma 2 report; the SAEs' W_enc has this many rows). */
const GEMMA_2_WIDTH = { "2B": 2304, "9B": 3584, "27B": 4608 } as const;

/** A Gemma Scope residual-stream SAE, named in its repository by layer, width and average L0. */
function gemmaScope(size: keyof typeof GEMMA_2_WIDTH, layer: number, width: "16k" | "131k" | "1M", l0: number): SparseAutoencoder {
  const m = { "16k": 2 ** 14, "131k": 2 ** 17, "1M": 2 ** 20 }[width];
  const release = `layer_${layer}/width_${width.toLowerCase()}/average_l0_${l0}`;
  const lower = size.toLowerCase();
  return {
    id: `gemma-2-${lower}-res-layer-${layer}-${width.toLowerCase()}-l0-${l0}`,
    label: `Gemma Scope ${size}, residual, layer ${layer}, width ${width}, L0 ${l0}`,
    model: `Gemma 2 ${size}`,
    release: "Gemma Scope",
    layer,
    width,
    n: GEMMA_2_WIDTH[size],
    m,
    l0,
    encoder: "JumpReLU",
    source: {
      ...LIEBERUM_2024,
      ...huggingFace(`google/gemma-scope-${lower}-pt-res`),
      path: release,
      release,
      shapeFrom: `m from the folder's width_${width.toLowerCase()} (${m}), L0 from its average_l0_${l0}; n is Gemma 2 ${size}'s width`,
    },
  };
}

/**
 * A Llama Scope residual-stream SAE on Llama-3.1-8B: trained as TopK with k = 50 and released with a
 * JumpReLU threshold; its hyperparams.json gives d_model, d_sae and top_k (SAELens lists its L0 as 50).
 */
function llamaScope(layer: number, expansion: 8 | 32): SparseAutoencoder {
  const m = 4096 * expansion;
  const width = expansion === 8 ? "32k" : "131k";
  return {
    id: `llama-3-1-8b-llama-scope-res-layer-${layer}-${width}`,
    label: `Llama Scope LXR-${expansion}x, Llama-3.1-8B, residual, layer ${layer}`,
    model: "Llama 3.1 8B",
    release: "Llama Scope",
    layer,
    width,
    n: 4096,
    m,
    l0: 50,
    encoder: "JumpReLU",
    source: {
      ...HE_2024,
      ...huggingFace(`fnlp/Llama3_1-8B-Base-LXR-${expansion}x`),
      path: `Llama3_1-8B-Base-L${layer}R-${expansion}x/hyperparams.json`,
      release: `Llama3_1-8B-Base-L${layer}R-${expansion}x`,
      shapeFrom: `hyperparams.json: d_model 4096, d_sae ${m}, top_k 50 (trained as TopK, released with a JumpReLU threshold)`,
    },
  };
}

/** The SAEs of the site's notes on the mathematics ("Real sparse autoencoders") and more, one per row. */
export const SPARSE_AUTOENCODERS: readonly SparseAutoencoder[] = [
  {
    id: "gpt-2-small-openai-topk-v5-32k",
    label: "OpenAI TopK, GPT-2 small, residual, v5_32k",
    model: "GPT-2 small",
    release: "OpenAI v5_32k",
    // Released for every layer, all of this shape; layer 6 (resid_post_mlp) is the one the repository's example loads.
    layer: 6,
    width: "32k",
    n: 768,
    m: 32768,
    l0: 32, // TopK with k = 32: exactly 32 latents per token
    encoder: "TopK",
    source: {
      ...GAO_2024,
      ...OPENAI_REPOSITORY,
      release: "v5_32k",
      shapeFrom: "paths.py, v5_32k: 2**15 = 32 768 latents, activation TopK(32); n is GPT-2 small's width",
    },
  },
  gemmaScope("2B", 12, "16k", 82),
  gemmaScope("2B", 12, "16k", 22),
  gemmaScope("2B", 20, "16k", 71),
  gemmaScope("2B", 12, "1M", 19),
  gemmaScope("9B", 20, "16k", 408),
  gemmaScope("9B", 20, "131k", 276),
  gemmaScope("9B", 20, "1M", 193),
  gemmaScope("27B", 22, "131k", 82),
  llamaScope(14, 8),
  llamaScope(28, 32),
  {
    id: "llama-3-8b-eleutherai-topk-layer-16-131k",
    label: "EleutherAI TopK, Llama 3 8B, residual, layer 16, 32× expansion",
    model: "Llama 3 8B",
    release: "EleutherAI",
    layer: 16,
    width: "131k",
    n: 4096,
    m: 131072,
    l0: 192, // TopK with k = 192
    encoder: "TopK",
    source: {
      // EleutherAI trained them with its sparsify library, after Gao et al.'s TopK recipe.
      ...GAO_2024,
      ...huggingFace("EleutherAI/sae-llama-3-8b-32x"),
      path: "layers.16/cfg.json",
      release: "layers.16",
      shapeFrom: "cfg.json: d_in 4096, expansion_factor 32 (4096 × 32 = 131 072 latents), k 192",
    },
  },
  {
    id: "gemma-2-2b-matryoshka-batchtopk-layer-12-32k-l0-40",
    label: "Matryoshka BatchTopK, Gemma 2 2B, residual, layer 12, width 32k",
    model: "Gemma 2 2B",
    release: "Matryoshka",
    layer: 12,
    width: "32k",
    n: 2304,
    m: 32768,
    l0: 40, // BatchTopK with k = 40
    encoder: "BatchTopK",
    source: {
      ...BUSSMANN_2025,
      ...huggingFace("chanind/gemma-2-2b-batch-topk-matryoshka-saes-w-32k-l0-40"),
      path: "standard/blocks.12.hook_resid_post",
      release: "standard/blocks.12.hook_resid_post",
      shapeFrom: "the model card's table: width 32768, l0 40 (trained with k = 40); n is Gemma 2 2B's width",
    },
  },
];

/** One SAE's shape placed on the post's limits and read as if its m directions were random. */
export interface SparseAutoencoderFigures {
  /** The post's l_max = n / (8 ln m): where, by the post, misreads begin. */
  readonly lMax: number;
  /** L0 / l_max: how far past the post's limit the SAE runs (above 1: past it). */
  readonly pastLMax: number;
  /** The post's noise at L0, ε √L0 = √(8 L0 ln m / n) (above 1: noise beats the signal). */
  readonly postNoise: number;
  /** Typical readout noise of random directions, √(L0 / n). */
  readonly typicalNoise: number;
  /** Worst readout noise over the m features, √(2 ln m · L0 / n). */
  readonly worstNoise: number;
  /** The chance that one inactive latent reads above ½, random directions. */
  readonly pFalseOn: LogQuantity;
  /** Expected latents read wrongly per token, random directions, threshold ½. */
  readonly expectedMisreads: LogQuantity;
  /** The chance that every latent of a token reads right, random directions. */
  readonly allRight: LogQuantity;
  /** The typical reading's limit n/4 (√(l/n) < ½): L0 below it means a typical readout is right. */
  readonly typicalLimit: number;
}

/**
 * The figures of one SAE ({@link SparseAutoencoderFigures}), from the formulas of formulas.ts and
 * error-rates.ts at (n, m, l) = (n, m, L0). Domain: any SAE with n, m, L0 in the domain of those
 * formulas (every entry of {@link SPARSE_AUTOENCODERS} is); otherwise they throw a RangeError.
 */
export function sparseAutoencoderFigures({ n, m, l0 }: SparseAutoencoder): SparseAutoencoderFigures {
  const lMax = maxActiveFeatures(n, m);
  return {
    lMax,
    pastLMax: l0 / lMax,
    postNoise: sparsityNoise(n, m, l0),
    typicalNoise: typicalNoise(n, l0),
    worstNoise: worstNoise(n, m, l0),
    pFalseOn: pFalseOn(n, l0),
    expectedMisreads: expectedMisreads(n, m, l0),
    allRight: allRight(n, m, l0),
    typicalLimit: typicalMaxActiveFeatures(n),
  };
}
