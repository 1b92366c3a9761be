/**
 * A count of the core's costly steps, so that tests can bound the work of a computation without a
 * clock (wall-clock assertions live only in the browser's performance test): every evaluation of a
 * quadrature's integrand or its slope (log-quadrature.ts), and every incomplete beta or gamma
 * function (special-functions.ts), the unit of cost of every tail. Counting is one increment of a
 * module variable: nothing a computation would notice.
 */

let integrand = 0;
let special = 0;

/** One evaluation of an integrand (or of its slope) by the quadrature. */
export function countIntegrand(): void {
  integrand++;
}

/** One evaluation of an incomplete beta or gamma function. */
export function countSpecial(): void {
  special++;
}

/** The work a computation did, in the units above. */
export interface Work<T> {
  readonly result: T;
  /** Evaluations of quadrature integrands and their slopes. */
  readonly integrandEvaluations: number;
  /** Evaluations of incomplete beta and gamma functions (tails of the overlap and the normal). */
  readonly specialEvaluations: number;
}

/** Runs `compute` and returns its result with the work it took (synchronous code only). */
export function countWork<T>(compute: () => T): Work<T> {
  const integrandBefore = integrand;
  const specialBefore = special;
  const result = compute();
  return { result, integrandEvaluations: integrand - integrandBefore, specialEvaluations: special - specialBefore };
}
