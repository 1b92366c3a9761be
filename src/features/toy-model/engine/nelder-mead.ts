/**
 * Minimising a function of a few variables without its gradient: the Nelder–Mead simplex method
 * (Nelder & Mead, 1965) with the standard coefficients (reflection 1, expansion 2, contraction ½,
 * shrink ½). The phase theory uses it on the toy model's exact expected loss, which is piecewise
 * polynomial in the weights (its gradient jumps where a ReLU's region meets a corner of the input
 * square), a case the simplex method handles and gradient methods find awkward.
 */

/** Where a minimisation ended. */
export interface Minimum {
  /** The best point found. */
  readonly point: number[];
  /** f at that point. */
  readonly value: number;
  /** Evaluations of f used. */
  readonly evaluations: number;
}

/** How long to search: stop when the simplex's values and extent are this small, or at the budget. */
export interface SimplexOptions {
  /** Edge of the initial simplex along each axis (default 0.1). */
  readonly step?: number;
  /** Stop when max − min of f over the simplex is at most this (default 10⁻¹⁴). */
  readonly valueTolerance?: number;
  /** … and every vertex is within this of the best along every axis (default 10⁻⁷). */
  readonly pointTolerance?: number;
  /** Most evaluations of f (default 2 000): an iteration that could pass it is not begun. */
  readonly maxEvaluations?: number;
}

/**
 * A local minimum of f near `start` by the Nelder–Mead method. The initial simplex is `start` and
 * `start + step·eᵢ` for each axis i. Deterministic: the same f and start give the same result.
 * Domain: `start` a non-empty array of finite numbers, f finite wherever it is evaluated, step > 0,
 * tolerances ≥ 0, maxEvaluations an integer ≥ dimension + 1; otherwise a RangeError naming the
 * argument (a non-finite value of f included, since it would poison the comparisons).
 */
export function nelderMead(f: (x: readonly number[]) => number, start: readonly number[], options: SimplexOptions = {}): Minimum {
  const { step = 0.1, valueTolerance = 1e-14, pointTolerance = 1e-7, maxEvaluations = 2000 } = options;
  const d = start.length;
  if (d < 1 || !start.every(Number.isFinite)) throw new RangeError(`start must be a non-empty array of finite numbers, got [${start.join(", ")}]`);
  if (!(step > 0 && Number.isFinite(step))) throw new RangeError(`step must be a finite number > 0, got ${step}`);
  if (!(valueTolerance >= 0) || !(pointTolerance >= 0)) throw new RangeError("the tolerances must be numbers ≥ 0");
  if (!Number.isInteger(maxEvaluations) || maxEvaluations < d + 1) {
    throw new RangeError(`maxEvaluations must be an integer ≥ ${d + 1}, got ${maxEvaluations}`);
  }
  let evaluations = 0;
  const evaluate = (x: readonly number[]): number => {
    evaluations++;
    const value = f(x);
    if (!Number.isFinite(value)) throw new RangeError(`f must be finite, got ${value} at [${x.join(", ")}]`);
    return value;
  };
  const points: number[][] = [start.slice()];
  for (let i = 0; i < d; i++) {
    const p = start.slice();
    p[i] = p[i]! + step;
    points.push(p);
  }
  const values = points.map(evaluate);
  const order = Array.from({ length: d + 1 }, (_, i) => i);
  const along = (from: readonly number[], to: readonly number[], t: number): number[] => from.map((v, i) => v + t * (to[i]! - v));
  for (;;) {
    order.sort((a, b) => values[a]! - values[b]! || a - b);
    const best = order[0]!;
    const worst = order[d]!;
    const spread = values[worst]! - values[best]!;
    let extent = 0;
    for (const p of points) for (let k = 0; k < d; k++) extent = Math.max(extent, Math.abs(p[k]! - points[best]![k]!));
    if ((spread <= valueTolerance && extent <= pointTolerance) || evaluations + d + 2 > maxEvaluations) break;
    const centroid = new Array<number>(d).fill(0);
    for (let r = 0; r < d; r++) for (let k = 0; k < d; k++) centroid[k] = centroid[k]! + points[order[r]!]![k]! / d;
    // Reflect the worst vertex through the centroid of the others; expand, contract or shrink.
    const reflected = along(points[worst]!, centroid, 2);
    const fr = evaluate(reflected);
    const second = values[order[d - 1]!]!;
    if (fr < values[best]!) {
      const expanded = along(points[worst]!, centroid, 3);
      const fe = evaluate(expanded);
      [points[worst], values[worst]] = fe < fr ? [expanded, fe] : [reflected, fr];
    } else if (fr < second) {
      [points[worst], values[worst]] = [reflected, fr];
    } else {
      const outside = fr < values[worst]!;
      const contracted = outside ? along(points[worst]!, centroid, 1.5) : along(points[worst]!, centroid, 0.5);
      const fc = evaluate(contracted);
      if (fc < Math.min(fr, values[worst]!)) {
        [points[worst], values[worst]] = [contracted, fc];
      } else {
        for (const i of order.slice(1)) {
          points[i] = along(points[best]!, points[i]!, 0.5);
          values[i] = evaluate(points[i]!);
        }
      }
    }
  }
  const best = values.indexOf(Math.min(...values));
  return { point: points[best]!, value: values[best]!, evaluations };
}
