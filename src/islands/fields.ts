import type { ParameterName } from "../core/index.ts";
import type { SliderRange } from "./slider-scale.ts";

/** Labels and slider ranges of the fields, shared by every calculator. */
export const FIELD_LABELS: Record<ParameterName, string> = {
  n: "neurons",
  m: "features",
  l: "active at once",
  a: "largest amplitude",
  k: "levels wanted",
  eps: "largest interference accepted",
};

/** Log-scale slider ranges: wide enough for toy models and for dictionaries of real LLMs. */
export const SLIDERS: Partial<Record<ParameterName, SliderRange>> = {
  n: { min: 8, max: 65536, integer: true },
  m: { min: 2, max: 1e10, integer: true },
  l: { min: 1, max: 100000, integer: true },
  a: { min: 0.1, max: 100, integer: false },
};
