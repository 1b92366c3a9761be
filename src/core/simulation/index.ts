/**
 * The simulation engine: random embeddings measured (overlaps, readout noise, levels), their
 * closed forms, limits and validation, and the sliced async runner; the large readout, whose
 * feature directions are regenerated on demand from a counter-based generator. The Web Worker
 * entries are ./worker.ts and ./readout-worker.ts (not exported here: each installs a message
 * handler when imported).
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
export * from "./philox.ts";
export * from "./feature-directions.ts";
export * from "./readout-kernel.ts";
export * from "./readout-params.ts";
export * from "./large-readout.ts";
export * from "./readout-predictions.ts";
