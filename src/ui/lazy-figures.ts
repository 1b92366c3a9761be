/**
 * A module of figure drawings loaded on demand, the one way the site loads Plot in the browser:
 * the module that imports it (each feature's render-…-figures.ts) stays out of the page's first
 * download and is fetched when a figure is first redrawn, or earlier when the page is idle.
 */
export interface LazyFigures<M> {
  /** The module, loading it the first time: one download however often it is asked for. */
  load(): Promise<M>;
  /** The module once it has arrived, so that later redraws can happen at once, in the same frame. */
  readonly loaded: M | undefined;
  /** Starts the download when the browser is next idle; a failure is left for `load` to report. */
  loadWhenIdle(): void;
}

/** Wraps `importer` (a literal `() => import("./render-….ts")`, which the bundler splits off) as {@link LazyFigures}. */
export function lazyFigures<M>(importer: () => Promise<M>): LazyFigures<M> {
  let loading: Promise<M> | undefined;
  let loaded: M | undefined;
  const load = () => (loading ??= importer().then((mod) => (loaded = mod)));
  return {
    load,
    get loaded() {
      return loaded;
    },
    loadWhenIdle() {
      const idle = globalThis.requestIdleCallback ?? ((fn: () => void) => setTimeout(fn, 1));
      idle(() => void load().catch(() => undefined));
    },
  };
}
