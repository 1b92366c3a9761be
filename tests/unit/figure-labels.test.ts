/**
 * The placement of figures' labels (src/plot/labels.ts): spread apart, in order, within bounds, no
 * further from where they belong than they must be; and the width estimate that sizes margins.
 */
import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { spreadOut, textWidth } from "../../src/plot/labels.ts";

describe("spreadOut", () => {
  test("labels already far enough apart stay where they are", () => {
    expect(spreadOut([10, 40, 25], 12, 0, 100)).toEqual([10, 40, 25]);
  });

  test("two labels at one place are split evenly about it", () => {
    expect(spreadOut([50, 50], 12, 0, 100)).toEqual([44, 56]);
  });

  test("a block pushed against an end stays inside", () => {
    expect(spreadOut([98, 99, 100], 10, 0, 100)).toEqual([80, 90, 100]);
    expect(spreadOut([0, 0, 1], 10, 0, 100)).toEqual([0, 10, 20]);
  });

  test("any labels that fit come out at least a gap apart, in their order, within the bounds", () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: -50, max: 250, noNaN: true }), { minLength: 1, maxLength: 12 }),
        fc.double({ min: 1, max: 15, noNaN: true }),
        (wanted, gap) => {
          const from = 0;
          const to = Math.max(200, (wanted.length - 1) * gap);
          const placed = spreadOut(wanted, gap, from, to);
          const order = wanted.map((_, i) => i).sort((a, b) => wanted[a]! - wanted[b]! || a - b);
          for (let k = 1; k < order.length; k++) expect(placed[order[k]!]! - placed[order[k - 1]!]!).toBeGreaterThanOrEqual(gap - 1e-6);
          for (const y of placed) {
            expect(y).toBeGreaterThanOrEqual(from - 1e-6);
            expect(y).toBeLessThanOrEqual(to + 1e-6);
          }
        },
      ),
    );
  });

  test("the mean of a merged block stays where its labels wanted it, when no bound pushes it", () => {
    const wanted = [100, 101, 102, 103];
    const placed = spreadOut(wanted, 10, 0, 1000);
    expect(placed.reduce((a, b) => a + b) / 4).toBeCloseTo(101.5, 9);
  });
});

describe("textWidth", () => {
  test("adds DejaVu Sans's advance widths: digits 0.64 em, a space 0.32 em", () => {
    expect(textWidth("10", 10)).toBeCloseTo(12.8, 9);
    expect(textWidth("1 0", 10)).toBeCloseTo(16, 9);
  });

  test("gives characters outside ASCII the widest common advance, and nothing for nothing", () => {
    expect(textWidth("ε", 10)).toBeCloseTo(8.4, 9);
    expect(textWidth("", 12)).toBe(0);
  });
});
