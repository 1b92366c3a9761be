/** The part of subset-font's API the math font uses (the package ships no types). */
declare module "subset-font" {
  export default function subsetFont(
    font: Uint8Array,
    text: string,
    options?: { targetFormat?: "sfnt" | "woff" | "woff2"; preserveNameIds?: number[]; keepFeatures?: string[] },
  ): Promise<Uint8Array>;
}
