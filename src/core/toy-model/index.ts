/**
 * The toy model of superposition (Elhage et al., "Toy Models of Superposition", 2022), trained in
 * pure TypeScript (with a WebAssembly SIMD kernel where available) and measured with the post's
 * quantities: settings and limits, the training generator, and the measurements of trained weights.
 */
export * from "./data.ts";
export * from "./geometry.ts";
export * from "./measure.ts";
export * from "./model.ts";
export * from "./settings.ts";
export * from "./step.ts";
export * from "./toy-kernel.ts";
export * from "./train.ts";
export * from "./trainer.ts";
export * from "./export.ts";
export * from "./run.ts";
export * from "./scenario.ts";
export * from "./summary.ts";
