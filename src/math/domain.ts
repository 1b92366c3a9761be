/**
 * Domain checks shared by the formulas: called outside its domain, a formula throws a RangeError
 * naming the argument, so no NaN or Infinity ever leaves the core.
 */

/** x must be an integer ≥ min. */
export function requireCount(name: string, x: number, min: number): void {
  if (!Number.isInteger(x) || x < min) throw new RangeError(`${name} must be an integer ≥ ${min}, got ${x}`);
}

/** x must be finite and > 0. */
export function requirePositive(name: string, x: number): void {
  if (!(Number.isFinite(x) && x > 0)) throw new RangeError(`${name} must be a finite number > 0, got ${x}`);
}

/** l must be an integer ≥ 1 and, when m is given, at most m. */
export function requireActive(l: number, m?: number): void {
  requireCount("l", l, 1);
  if (m !== undefined && l > m) throw new RangeError(`l must not exceed m (l = ${l}, m = ${m})`);
}
