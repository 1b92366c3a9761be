/** The site's single source of numbers: formulas, validation, formatting and the scenario. */
export * from "./big-number.ts";
export * from "./export.ts";
export * from "./format.ts";
export * from "./formulas.ts";
export * from "./parameters.ts";
export * from "./results.ts";
export * from "./scenario.ts";
export * from "./validate.ts";
export * from "./reference-widths.ts";
export * from "./simulation/index.ts";
export * from "./packing.ts";
export * from "./toy-model/index.ts";
export * from "./error-rates.ts";
export * from "./real-saes.ts";
