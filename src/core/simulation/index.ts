/**
 * The simulation engine: random embeddings measured (overlaps, readout noise, levels), their
 * closed forms, limits and validation, and the sliced async runner. The Web Worker entry is
 * ./worker.ts (not exported here: it installs a message handler when imported).
 */
export * from "./closed-forms.ts";
export * from "./embedding.ts";
export * from "./engine.ts";
export * from "./meter.ts";
export * from "./overlaps.ts";
export * from "./readout.ts";
export * from "./stats.ts";
export * from "./kernel.ts";
export * from "./params.ts";
export * from "./random.ts";
export * from "./run.ts";
export * from "./sweep.ts";
export * from "./export.ts";
