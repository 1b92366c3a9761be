/**
 * The best possible arrangement: lower bounds on how small the overlaps of m unit vectors in ℝⁿ
 * can be made, by any arrangement at all. The post's ε and the random-direction figures say what
 * one construction achieves; these say what no construction can beat.
 *
 *   Welch (1974):       max_{i≠j} |⟨vᵢ,vⱼ⟩| ≥ RMS_{i≠j} ⟨vᵢ,vⱼ⟩ ≥ √((m − n) / (n (m − 1)))   (m > n)
 *   Levenstein (1983):  max_{i≠j} |⟨vᵢ,vⱼ⟩|² ≥ (3m − n² − 2n) / ((n + 2)(m − n))       (m > n(n+1)/2)
 *
 * Why Welch bounds the RMS too: Σ_{i,j} ⟨vᵢ,vⱼ⟩² = ‖VᵀV‖²_F ≥ (trace VᵀV)² / rank ≥ m² / n, so the
 * mean of the m(m − 1) off-diagonal squares is at least (m²/n − m) / (m(m − 1)). Equality needs a
 * tight frame; equality in the max as well needs an equiangular tight frame.
 *
 * Like formulas.ts: arguments outside the domain throw a RangeError naming the argument.
 */
import { requireCount } from "./domain.ts";

/**
 * Welch's floor on both the RMS and the largest |overlap| of m unit vectors in ℝⁿ:
 * √((m − n) / (n (m − 1))) for m > n, and 0 for m ≤ n (then orthogonal vectors exist).
 * Tends to 1/√n as m grows: random directions already sit at this floor in RMS.
 * Domain: n integer ≥ 1, m integer ≥ 2.
 */
export function welchBound(n: number, m: number): number {
  requireCount("n", n, 1);
  requireCount("m", m, 2);
  if (m <= n) return 0;
  // As a product of square roots: (m − n)/(m − 1) ≤ 1, so nothing overflows for m near 10³⁰⁸.
  return Math.sqrt((m - n) / (m - 1)) / Math.sqrt(n);
}

/**
 * Levenstein's floor on the largest |overlap| (real vectors), stronger than Welch's once
 * m > n(n + 1)/2: √((3m − n² − 2n) / ((n + 2)(m − n))). Undefined when m ≤ n(n + 1)/2, where it
 * does not apply. Tends to √(3 / (n + 2)) as m grows. Domain: n integer ≥ 1, m integer ≥ 2.
 */
export function levensteinBound(n: number, m: number): number | undefined {
  requireCount("n", n, 1);
  requireCount("m", m, 2);
  if (m <= (n * (n + 1)) / 2) return undefined;
  // Written as (3 − (n² + 2n)/m) / ((n + 2)(1 − n/m)) so that m near 10³⁰⁸ cannot overflow 3m.
  const ratio = n / m;
  return Math.sqrt((3 - (n + 2) * ratio) / ((n + 2) * (1 - ratio)));
}

/**
 * The floor no arrangement of m unit vectors in ℝⁿ can push the largest |overlap| below: the
 * larger of {@link welchBound} and, where it applies, {@link levensteinBound}.
 * Domain: n integer ≥ 1, m integer ≥ 2.
 */
export function coherenceFloor(n: number, m: number): number {
  return Math.max(welchBound(n, m), levensteinBound(n, m) ?? 0);
}
