/**
 * What a computation reads from its inputs, recorded as it runs: each property path it follows to a
 * plain value, and that value. A figure drawn from (scenario, results) is then redrawn only when one
 * of the values it read has changed — its inputs follow from what it reads, so a figure that starts
 * reading a new value is redrawn on it without anyone keeping a list.
 */

/** One value read: which input (by position), the property path to it, and what it was. */
export interface Read {
  readonly input: number;
  readonly path: readonly string[];
  readonly value: unknown;
}

/** A computation's result and every plain value it read to get there. */
export interface Recorded<T> {
  readonly value: T;
  readonly reads: readonly Read[];
}

function isObject(x: unknown): x is object {
  return typeof x === "object" && x !== null;
}

/**
 * A read-only view of `target` that records into `reads` every plain value (not an object) reached
 * through it; objects on the way are wrapped in turn. Writes through it are refused, so the
 * computation cannot change what it reads.
 */
function watched<T extends object>(target: T, input: number, path: readonly string[], reads: Read[]): T {
  return new Proxy(target, {
    get(object, key, receiver) {
      const value: unknown = Reflect.get(object, key, receiver);
      if (typeof key === "symbol" || typeof value === "function") return value;
      const at = [...path, key];
      if (isObject(value)) return watched(value, input, at, reads);
      reads.push({ input, path: at, value });
      return value;
    },
    set() {
      throw new TypeError("a recorded computation may not change its inputs");
    },
  });
}

/**
 * Runs `compute` on read-only views of its inputs and returns its result with the plain values it
 * read (in the order read; a value read twice appears twice). `compute` must be pure: the same
 * inputs give the same result.
 */
export function recordReads<A extends object, B extends object, T>(compute: (a: A, b: B) => T, a: A, b: B): Recorded<T> {
  const reads: Read[] = [];
  const value = compute(watched(a, 0, [], reads), watched(b, 1, [], reads));
  return { value, reads };
}

/** The value at `path` inside `root`, or undefined where the path leaves the object. */
function valueAt(root: unknown, path: readonly string[]): unknown {
  let at: unknown = root;
  for (const key of path) {
    if (!isObject(at)) return undefined;
    at = (at as Record<string, unknown>)[key];
  }
  return at;
}

/**
 * Whether every value in `reads` is still what the inputs hold (compared with Object.is, so NaN
 * equals NaN and 0 differs from −0): if so, the computation that recorded them would give the same
 * result on these inputs.
 */
export function readsStill(reads: readonly Read[], ...inputs: readonly unknown[]): boolean {
  return reads.every((read) => Object.is(valueAt(inputs[read.input], read.path), read.value));
}
