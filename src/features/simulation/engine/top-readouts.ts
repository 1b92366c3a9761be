/**
 * The l largest readouts of every input of a large readout (large-readout.ts), for its TopK
 * reading: each range of features keeps, per input, its own l largest readouts (a bounded heap as
 * the features stream past), and the ranges' lists are merged in feature order when the job is
 * combined. The l largest of all m are among the l largest of each range, so nothing is lost, and
 * the order "larger readout first, on equal readouts the smaller feature first" is total and does
 * not depend on where the ranges were cut: the merged top l, hence the count of inactive features
 * in it, is the same whatever the number of workers.
 */

/** One range's candidates: per input, its `keep` largest readouts, best first. */
export interface TopReadouts {
  /** Candidates per input: min(l, features in the range). */
  readonly keep: number;
  /** Readout of candidate j of input b at b·keep + j. */
  readonly values: Float64Array;
  /** Its feature. */
  readonly features: Int32Array;
  /** 1 when that feature is active in input b. */
  readonly active: Uint8Array;
}

/** Whether readout (value, feature) ranks above (otherValue, otherFeature): larger, or equal and a smaller feature. */
function ranksAbove(value: number, feature: number, otherValue: number, otherFeature: number): boolean {
  return value > otherValue || (value === otherValue && feature < otherFeature);
}

/** Per input, a min-heap (by rank) of the `keep` largest readouts offered so far: its root is the lowest kept. */
export interface TopReadoutHeaps {
  /** Offers feature f's readout of input b. */
  offer(b: number, value: number, feature: number, active: boolean): void;
  /** Every input's candidates, best first (call once, after every feature of the range was offered). */
  finish(): TopReadouts;
}

/**
 * Heaps for `trials` inputs keeping `keep` readouts each. Offering costs one comparison when the
 * readout is below the lowest kept (almost always, once the heap is full) and O(log keep) when it
 * enters. Domain: trials, keep integers ≥ 1 (the caller's validated job).
 */
export function topReadoutHeaps(trials: number, keep: number): TopReadoutHeaps {
  const values = new Float64Array(trials * keep);
  const features = new Int32Array(trials * keep);
  const active = new Uint8Array(trials * keep);
  const sizes = new Int32Array(trials);
  const swap = (i: number, j: number): void => {
    [values[i], values[j]] = [values[j]!, values[i]!];
    [features[i], features[j]] = [features[j]!, features[i]!];
    [active[i], active[j]] = [active[j]!, active[i]!];
  };
  /** Whether slot i (of one input's heap) ranks below slot j: the heap keeps the lowest at its root. */
  const below = (i: number, j: number): boolean => ranksAbove(values[j]!, features[j]!, values[i]!, features[i]!);
  return {
    offer(b, value, feature, isActive) {
      const base = b * keep;
      const size = sizes[b]!;
      let i: number;
      if (size < keep) {
        // Add at the end and sift up while it ranks below its parent.
        i = size;
        sizes[b] = size + 1;
        values[base + i] = value;
        features[base + i] = feature;
        active[base + i] = isActive ? 1 : 0;
        while (i > 0) {
          const parent = (i - 1) >> 1;
          if (!below(base + i, base + parent)) break;
          swap(base + i, base + parent);
          i = parent;
        }
        return;
      }
      if (!ranksAbove(value, feature, values[base]!, features[base]!)) return;
      // Replace the root and sift down below the lower of its children.
      values[base] = value;
      features[base] = feature;
      active[base] = isActive ? 1 : 0;
      i = 0;
      for (;;) {
        const left = 2 * i + 1;
        if (left >= keep) break;
        const right = left + 1;
        const lower = right < keep && below(base + right, base + left) ? right : left;
        if (!below(base + lower, base + i)) break;
        swap(base + i, base + lower);
        i = lower;
      }
    },
    finish() {
      const order = new Int32Array(keep);
      const sortedValues = new Float64Array(trials * keep);
      const sortedFeatures = new Int32Array(trials * keep);
      const sortedActive = new Uint8Array(trials * keep);
      for (let b = 0; b < trials; b++) {
        const base = b * keep;
        for (let j = 0; j < keep; j++) order[j] = base + j;
        order.sort((i, j) => (ranksAbove(values[i]!, features[i]!, values[j]!, features[j]!) ? -1 : 1));
        for (let j = 0; j < keep; j++) {
          sortedValues[base + j] = values[order[j]!]!;
          sortedFeatures[base + j] = features[order[j]!]!;
          sortedActive[base + j] = active[order[j]!]!;
        }
      }
      return { keep, values: sortedValues, features: sortedFeatures, active: sortedActive };
    },
  };
}

/**
 * Per input, the inactive features among its l largest readouts over all ranges, from each
 * range's candidates (`parts` in feature order, together holding at least l per input): a merge of
 * the ranges' sorted lists, taking the best head l times. Domain: candidates of one job, `trials`
 * inputs each, l ≤ the candidates per input.
 */
export function inactiveInTop(parts: readonly TopReadouts[], trials: number, l: number): Int32Array {
  const counts = new Int32Array(trials);
  const heads = new Int32Array(parts.length);
  for (let b = 0; b < trials; b++) {
    heads.fill(0);
    let inactive = 0;
    for (let taken = 0; taken < l; taken++) {
      let best = -1;
      for (let p = 0; p < parts.length; p++) {
        const part = parts[p]!;
        if (heads[p]! >= part.keep) continue;
        if (best < 0) {
          best = p;
          continue;
        }
        const at = b * part.keep + heads[p]!;
        const bestPart = parts[best]!;
        const bestAt = b * bestPart.keep + heads[best]!;
        if (ranksAbove(part.values[at]!, part.features[at]!, bestPart.values[bestAt]!, bestPart.features[bestAt]!)) best = p;
      }
      const part = parts[best]!;
      if (part.active[b * part.keep + heads[best]!] === 0) inactive++;
      heads[best]!++;
    }
    counts[b] = inactive;
  }
  return counts;
}
