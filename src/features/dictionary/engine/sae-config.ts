/**
 * The `cfg.json` that SAELens and EleutherAI's sparsify save beside an SAE's weights: what it says
 * about L0 and the dictionary's size. SAELens: d_in, d_sae, architecture, and for TopK SAEs the k
 * in activation_fn_kwargs (older releases) or at the top level (newer ones); sparsify: k,
 * num_latents (0 when set by expansion_factor · d_in), expansion_factor, d_in.
 */
import { DictionaryFileError } from "./errors.ts";

/** What a cfg.json says, as far as the measurements use it; absent fields stay undefined. */
export interface SaeConfig {
  /** Latents active per token, from a TopK SAE's k. */
  readonly l0: number | undefined;
  /** Where l0 came from ("k", "activation_fn_kwargs.k"), for the page to say. */
  readonly l0Source: string | undefined;
  readonly dIn: number | undefined;
  readonly dSae: number | undefined;
  readonly architecture: string | undefined;
  readonly numLatents: number | undefined;
  readonly expansionFactor: number | undefined;
}

function positiveInteger(value: unknown): number | undefined {
  return typeof value === "number" && Number.isSafeInteger(value) && value > 0 ? value : undefined;
}

/**
 * The fields of a cfg.json's text. Fields that are missing, or not positive whole numbers where
 * numbers are meant, are left undefined (a cfg of another kind of SAE is not an error: it just names
 * nothing). Throws a {@link DictionaryFileError} "config" when the text is not a JSON object.
 */
export function parseSaeConfig(text: string, name = "cfg.json"): SaeConfig {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new DictionaryFileError("config", `${name} is not JSON, so it cannot be read as an SAE's cfg.json.`);
  }
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    throw new DictionaryFileError("config", `${name} is JSON but not an object, so it cannot be an SAE's cfg.json.`);
  }
  const cfg = value as Record<string, unknown>;
  const kwargs =
    typeof cfg.activation_fn_kwargs === "object" && cfg.activation_fn_kwargs !== null ? (cfg.activation_fn_kwargs as Record<string, unknown>) : {};
  const topK = positiveInteger(cfg.k);
  const kwargsK = positiveInteger(kwargs.k);
  return {
    l0: topK ?? kwargsK,
    l0Source: topK !== undefined ? "k" : kwargsK !== undefined ? "activation_fn_kwargs.k" : undefined,
    dIn: positiveInteger(cfg.d_in),
    dSae: positiveInteger(cfg.d_sae),
    architecture: typeof cfg.architecture === "string" ? cfg.architecture : undefined,
    numLatents: positiveInteger(cfg.num_latents),
    expansionFactor: positiveInteger(cfg.expansion_factor),
  };
}

/**
 * Sentences saying where the cfg.json and the weights disagree about the size (m latents of n
 * neurons), empty when they agree or the cfg names no size. Latents are compared with d_sae,
 * num_latents or expansion_factor · d_in (whichever it gives), neurons with d_in; when the two
 * swapped would agree, the message says to switch the latent axis.
 */
export function checkConfigAgainst(config: SaeConfig, size: { readonly m: number; readonly n: number }): string[] {
  const latents =
    config.dSae ??
    config.numLatents ??
    (config.expansionFactor !== undefined && config.dIn !== undefined ? config.expansionFactor * config.dIn : undefined);
  const problems: string[] = [];
  if (latents !== undefined && latents !== size.m) problems.push(`cfg.json gives ${latents} latents, the weights have ${size.m}.`);
  if (config.dIn !== undefined && config.dIn !== size.n) problems.push(`cfg.json gives d_in = ${config.dIn}, the weights have ${size.n} neurons.`);
  if (problems.length > 0 && latents === size.n && (config.dIn === undefined || config.dIn === size.m)) {
    problems.push("The weights' axes read the other way round would agree: switch which axis is the latents.");
  }
  return problems;
}
