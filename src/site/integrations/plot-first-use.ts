/**
 * Makes a figure's first drawing in the browser cheap, so that no task that draws one holds up the
 * page (a calculator's first redraw, the figures at the end of a simulation or toy-model run).
 * Measured on this project's machine, for the simulation's first figure (10 runs each, same build):
 *
 * - Observable Plot's `format.js` builds an `Intl.NumberFormat` when the module loads. The first
 *   Intl object a Chromium page makes loads locale data: about 30 ms of Plot's 40 ms evaluation.
 *   Rewritten so the number format is built the first time a number is formatted; our figures
 *   give their own tick formats and pass strings to their text marks, so it is never built.
 * - The chunk that holds Plot is marked `//# allFunctionsCalledOnLoad` (V8's explicit compile
 *   hint): drawing a figure calls most of it, and compiled eagerly it is compiled off the main
 *   thread while the chunk streams in, instead of function by function during the first drawing.
 *   The first drawing of the simulation's noise figure: median 57 ms without, 21 ms with.
 * - All of Plot goes into that one chunk (a code-splitting group): left to itself the bundler
 *   splits off the marks that only some figures use into chunks of their own, which would either
 *   miss the hint or carry it for code that is not called on load.
 */
import type { AstroIntegration } from "astro";

/** The line in `@observablehq/plot/src/format.js` (0.6.x) that builds the format at load. */
export const EAGER_DEFAULT_FORMAT = "export const formatDefault = formatAuto();";
/**
 * The same function as `formatAuto()` (en-US), whose number format is built the first time a
 * number is formatted: Plot's text marks pass every label through it, strings included.
 */
export const LAZY_DEFAULT_FORMAT = [
  "let defaultNumberFormat;",
  "export const formatDefault = (value) =>",
  '  value instanceof Date ? formatIsoDate(value) : typeof value === "number" ? (defaultNumberFormat ??= formatNumber())(value) : string(value);',
].join("\n");

/** V8's compile hint: must be the first line of the file. */
export const COMPILE_HINT = "//# allFunctionsCalledOnLoad\n";

const PLOT_FORMAT_MODULE = /@observablehq[\\/]plot[\\/]src[\\/]format\.js$/;
const PLOT_MODULE = /@observablehq[\\/]plot[\\/]/;

/**
 * Rewrites Plot's format module's source (`code`, of module `id`); other modules are returned
 * unchanged as `undefined`. Throws if the module no longer has the line this rewrites, so a Plot
 * upgrade that changes it fails the build instead of silently bringing the cost back.
 */
export function lazyPlotFormat(code: string, id: string): string | undefined {
  if (!PLOT_FORMAT_MODULE.test(id.split("?")[0]!)) return undefined;
  if (!code.includes(EAGER_DEFAULT_FORMAT)) {
    throw new Error(`plot-first-use: ${id} no longer contains "${EAGER_DEFAULT_FORMAT}"; check what Plot builds at load and update this rewrite.`);
  }
  return code.replace(EAGER_DEFAULT_FORMAT, LAZY_DEFAULT_FORMAT);
}

/** A built chunk's code with the compile hint first, if the chunk holds Plot's modules; otherwise unchanged. */
export function withCompileHint(code: string, moduleIds: readonly string[]): string {
  return moduleIds.some((id) => PLOT_MODULE.test(id)) && !code.startsWith(COMPILE_HINT) ? COMPILE_HINT + code : code;
}

export default function plotFirstUse(): AstroIntegration {
  return {
    name: "plot-first-use",
    hooks: {
      "astro:config:setup": ({ updateConfig }) => {
        updateConfig({
          vite: {
            build: { rolldownOptions: { output: { codeSplitting: { groups: [{ name: "plot", test: PLOT_MODULE }] } } } },
            // The build only: the dev server pre-bundles dependencies without plugins, and there
            // the costs above are only time.
            plugins: [
              {
                name: "plot-first-use",
                apply: "build",
                enforce: "pre",
                transform: (code: string, id: string) => lazyPlotFormat(code, id),
                // After minification, which would drop the comment.
                generateBundle(_options, bundle) {
                  for (const file of Object.values(bundle)) {
                    if (file.type === "chunk") file.code = withCompileHint(file.code, file.moduleIds);
                  }
                },
              },
            ],
          },
        });
      },
    },
  };
}
