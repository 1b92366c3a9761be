/**
 * Widths (d_model) of real models, used as presets and as reference curves in the figures.
 * Sources: the models' published configurations.
 */
export interface ReferenceWidth {
  readonly label: string;
  readonly n: number;
}

export const REFERENCE_WIDTHS: readonly ReferenceWidth[] = [
  { label: "GPT-2 small", n: 768 },
  { label: "GPT-2 XL", n: 1600 },
  { label: "Llama-3-8B", n: 4096 },
  { label: "Llama-3-70B", n: 8192 },
  { label: "GPT-3", n: 12288 },
];
