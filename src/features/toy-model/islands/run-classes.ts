import type { RunControlClasses } from "../../../ui/RunControls.tsx";

/** The toy model's run islands' row of buttons and its buttons (src/ui/run-controls.css): the training, the phase diagrams, the sweep. */
export const TOY_RUN_CLASSES: RunControlClasses = { actions: "toy-model__actions", run: "toy-model__train", cancel: "toy-model__cancel" };
