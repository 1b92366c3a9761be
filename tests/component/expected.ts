/**
 * The post's formulas written out again, independently of src/math, so the component tests check
 * the islands against the mathematics rather than against the code they display.
 */
export const eps = (n: number, m: number): number => Math.sqrt((8 * Math.log(m)) / n);
export const noise = (n: number, m: number, l: number, a = 1): number => a * eps(n, m) * Math.sqrt(l);
export const levels = (n: number, m: number, l: number): number => Math.sqrt(n / (8 * l * Math.log(m)));
export const lMax = (n: number, m: number): number => n / (8 * Math.log(m));
/** log10 of e^(n/8). */
export const log10MMax = (n: number): number => n / 8 / Math.LN10;
