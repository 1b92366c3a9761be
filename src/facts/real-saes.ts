/**
 * Real sparse autoencoders (SAEs) placed on the post's limits: their width n (the model's
 * d_model), dictionary size m and L0 (latents active per token, the SAE's l), as published.
 *
 * Sources: each SAE's release name, which carries m and the average L0, and the paper that
 * introduced it. Repository addresses: the OpenAI SAEs are in the GitHub repository
 * openai/sparse_autoencoder (release names in sparse_autoencoder/paths.py); Gemma Scope's are
 * Hugging Face repositories (google/gemma-scope-2b-pt-res, google/gemma-scope-9b-pt-res), one
 * folder per SAE named layer_…/width_…/average_l0_….
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
import { formatCount } from "../numbers/format.ts";

/** Where an SAE was published. */
export interface SaeSource {
  /** The paper that introduced it, as "Authors (year), Title". */
  readonly paper: string;
  readonly year: number;
  /** The repository holding the weights (or the list of them), as owner/name. */
  readonly repository: string;
  /** The repository's address. */
  readonly url: string;
  /** Where in the repository this SAE is named. */
  readonly path: string;
  /** The release name that carries m and L0. */
  readonly release: string;
}

/** One published SAE. */
export interface SparseAutoencoder {
  /** Stable slug, for addresses and keys. */
  readonly id: string;
  /** A short name for the reader. */
  readonly label: string;
  /** The model whose activations it reads. */
  readonly model: string;
  /** Neurons: the model's residual-stream width d_model. */
  readonly n: number;
  /** Features: the SAE's number of latents. */
  readonly m: number;
  /** Latents active per token (exact for TopK, the average for JumpReLU). */
  readonly l0: number;
  readonly source: SaeSource;
}

const GAO_2024 = { paper: 'Gao et al. (2024), "Scaling and evaluating sparse autoencoders"', year: 2024 } as const;
const LIEBERUM_2024 = { paper: 'Lieberum et al. (2024), "Gemma Scope"', year: 2024 } as const;
const OPENAI_REPOSITORY = {
  repository: "openai/sparse_autoencoder",
  url: "https://github.com/openai/sparse_autoencoder",
  path: "sparse_autoencoder/paths.py",
} as const;
const GEMMA_2B_RES = { repository: "google/gemma-scope-2b-pt-res", url: "https://huggingface.co/google/gemma-scope-2b-pt-res" } as const;
const GEMMA_9B_RES = { repository: "google/gemma-scope-9b-pt-res", url: "https://huggingface.co/google/gemma-scope-9b-pt-res" } as const;

/** A Gemma Scope residual-stream SAE, named in its repository by layer, width and average L0. */
function gemmaScope(model: "Gemma 2 2B" | "Gemma 2 9B", layer: number, widthName: string, m: number, l0: number): SparseAutoencoder {
  const small = model === "Gemma 2 2B";
  const release = `layer_${layer}/width_${widthName}/average_l0_${l0}`;
  return {
    id: `gemma-2-${small ? "2b" : "9b"}-res-layer-${layer}-${widthName}-l0-${l0}`,
    label: `Gemma Scope ${small ? "2B" : "9B"}, residual, layer ${layer}, width ${widthName}, L0 ${l0}`,
    model,
    n: small ? 2304 : 3584,
    m,
    l0,
    source: { ...LIEBERUM_2024, ...(small ? GEMMA_2B_RES : GEMMA_9B_RES), path: release, release },
  };
}

/** The SAEs of the site's notes on the mathematics ("Real sparse autoencoders"), one per row. */
export const SPARSE_AUTOENCODERS: readonly SparseAutoencoder[] = [
  {
    id: "gpt-2-small-openai-topk-v5-32k",
    label: "OpenAI TopK, GPT-2 small, residual, v5_32k",
    model: "GPT-2 small",
    n: 768,
    m: 32768,
    l0: 32, // TopK with k = 32: exactly 32 latents per token
    source: { ...GAO_2024, ...OPENAI_REPOSITORY, release: "v5_32k" },
  },
  gemmaScope("Gemma 2 2B", 12, "16k", 16384, 82),
  gemmaScope("Gemma 2 2B", 12, "16k", 16384, 22),
  gemmaScope("Gemma 2 2B", 20, "16k", 16384, 71),
  gemmaScope("Gemma 2 2B", 12, "1m", 1048576, 19),
  gemmaScope("Gemma 2 9B", 20, "16k", 16384, 408),
  gemmaScope("Gemma 2 9B", 20, "131k", 131072, 276),
  gemmaScope("Gemma 2 9B", 20, "1m", 1048576, 193),
];

/** An SAE's short name for a row of a figure: model, dictionary size and L0 ("Gemma 2 2B, 16k, L0 82"). */
export function saeRowLabel(sae: SparseAutoencoder): string {
  const size = sae.m >= 2 ** 20 ? `${sae.m / 2 ** 20}M` : `${Math.floor(sae.m / 1000)}k`;
  return `${sae.model}, ${size}, L0 ${formatCount(sae.l0)}`;
}

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
