/**
 * What a trained phase diagram and a dimensionality sweep say, in the few numbers a page quotes:
 * how many cells ended in each phase, how many agree with the theory (all of them and those far
 * from its boundary), how many cells' restarts disagreed among themselves (local minima), and the
 * plateaus of a sweep with the features sitting at each sticky fraction. Pure and plain data, so
 * that the build can hand a summary to an island as a prop.
 */
import type { DimensionalitySweepResult } from "./dimensionality-sweep.ts";
import { findPlateaus, nearestGeometry, STICKY_GEOMETRIES, type StickyGeometry } from "./feature-dimensionality.ts";
import type { Phase, PhaseDiagramResult, PhaseDiagramSettings } from "./phase-diagram.ts";

/**
 * Cells farther than this from the theory's boundary, by its margin ((second-lowest − lowest
 * expected loss) / second-lowest), are the ones the trained grid must get right. From a survey of
 * the 20 × 20 grid's cells, each trained from 8 mirror pairs of 1 000 steps (node
 * scripts/bench-toy-phase.ts --survey): below 0.3 as few as 3 of a cell's 8 pairs reached the
 * predicted phase, so a cell's 4 pairs could all miss it; above 0.3 at least 5 of 8 did in every
 * cell, so all 4 miss with probability at most about (3/8)⁴ ≈ 2 % in the worst cell.
 */
export const FAR_MARGIN = 0.3;

/** A far cell whose trained phase is not the theory's. */
export interface PhaseMiss {
  readonly density: number;
  readonly importance: number;
  readonly trained: Phase;
  readonly predicted: Phase;
}

export interface PhaseDiagramSummary {
  readonly settings: PhaseDiagramSettings;
  /** Cells in the grid. */
  readonly cells: number;
  /** Cells of each trained phase (phases no cell ended in are absent). */
  readonly phases: Partial<Record<Phase, number>>;
  /** Cells whose restarts did not all end in the phase of the best one: local minima at work. */
  readonly mixedRestarts: number;
  /** One neuron only: agreement with the optimal theory. */
  readonly theory?: {
    /** Cells in the theory's phase, of all cells. */
    readonly agree: number;
    /** Cells with margin above {@link FAR_MARGIN}, and those of them in the theory's phase. */
    readonly far: number;
    readonly farAgree: number;
    /** The far cells that are not (none, on every seed tested). */
    readonly farMisses: PhaseMiss[];
  };
}

/**
 * Summarises a merged phase diagram (every cell present). Domain: a result of
 * `trainPhaseDiagram`/`mergePhaseDiagrams`; a one-neuron grid carries each cell's theory.
 */
export function summarizePhaseDiagram(result: PhaseDiagramResult): PhaseDiagramSummary {
  const phases: Partial<Record<Phase, number>> = {};
  let mixedRestarts = 0;
  for (const cell of result.cells) {
    phases[cell.phase] = (phases[cell.phase] ?? 0) + 1;
    if (cell.restarts.some((restart) => restart.phase !== cell.phase)) mixedRestarts++;
  }
  const withTheory = result.cells.filter((cell) => cell.theory !== undefined);
  const summary = { settings: result.settings, cells: result.cells.length, phases, mixedRestarts };
  if (withTheory.length === 0) return summary;
  const far = withTheory.filter((cell) => cell.theory!.margin > FAR_MARGIN);
  const farMisses = far
    .filter((cell) => cell.phase !== cell.theory!.phase)
    .map((cell) => ({ density: cell.density, importance: cell.importance, trained: cell.phase, predicted: cell.theory!.phase }));
  return {
    ...summary,
    theory: {
      agree: withTheory.filter((cell) => cell.phase === cell.theory!.phase).length,
      far: far.length,
      farAgree: far.length - farMisses.length,
      farMisses,
    },
  };
}

/**
 * How close a value must be to a sticky fraction to be read as it: half the distance to the
 * nearest other fraction of {@link STICKY_GEOMETRIES}, so that no value is within reach of two
 * (½: 0.05, half its distance to ⅖; ⅖ and ⅜: 0.0125; 1: 0.125). Domain: a geometry of that list.
 */
export function stickyTolerance(geometry: StickyGeometry): number {
  const gaps = STICKY_GEOMETRIES.filter((g) => g !== geometry).map((g) => Math.abs(g.fraction - geometry.fraction));
  return Math.min(...gaps) / 2;
}

/** The sticky fraction a value is read as, if it is within that fraction's tolerance. */
export function stickyFractionOf(value: number): StickyGeometry | undefined {
  const { geometry, distance } = nearestGeometry(value);
  return distance <= stickyTolerance(geometry) ? geometry : undefined;
}

/** A run of consecutive models of a sweep whose n/‖W‖²_F sits at one sticky fraction. */
export interface SweepPlateau {
  readonly label: string;
  readonly name: string;
  /** 1/(1 − S) of its first and last model. */
  readonly from: number;
  readonly to: number;
  readonly models: number;
}

export interface SweepSummary {
  readonly n: number;
  readonly m: number;
  readonly models: number;
  /** Plateaus of n/‖W‖²_F: at least two consecutive models within the tolerance of one fraction. */
  readonly plateaus: SweepPlateau[];
  /** Per model, in sweep order: how many features have Dᵢ read as each sticky fraction (by label). */
  readonly stuck: Record<string, number>[];
}

/**
 * Summarises a merged sweep. Plateaus use the tolerance of ½ ({@link stickyTolerance}, 0.05) for
 * every fraction, as `findPlateaus` takes one (each value still counts only for its nearest
 * fraction); Dᵢ are counted with each fraction's own tolerance. Domain: a result of
 * `trainDimensionalitySweep`/`mergeDimensionalitySweeps` with at least one model.
 */
export function summarizeSweep(result: DimensionalitySweepResult): SweepSummary {
  const { points } = result;
  const half = STICKY_GEOMETRIES.find((g) => g.label === "1/2")!;
  const plateaus = findPlateaus(
    points.map((p) => p.dimensionsPerFeature),
    stickyTolerance(half),
  ).map((plateau) => ({
    label: plateau.geometry.label,
    name: plateau.geometry.name,
    from: points[plateau.from]!.inverseDensity,
    to: points[plateau.to]!.inverseDensity,
    models: plateau.to - plateau.from + 1,
  }));
  const stuck = points.map((point) => {
    const counts: Record<string, number> = Object.fromEntries(STICKY_GEOMETRIES.map((g) => [g.label, 0]));
    for (const d of point.dimensionalities) {
      const geometry = stickyFractionOf(d);
      if (geometry !== undefined) counts[geometry.label]!++;
    }
    return counts;
  });
  return { n: result.settings.n, m: result.settings.m, models: points.length, plateaus, stuck };
}
