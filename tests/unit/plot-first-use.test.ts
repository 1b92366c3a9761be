/**
 * The build's rewrite of Observable Plot's format module (src/site/integrations/plot-first-use.ts):
 * applied to the installed Plot, it keeps `formatDefault` the same function, checked against the
 * unmodified module on the same values; and the compile hint goes on chunks that hold Plot only.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, describe, expect, test } from "vitest";
import { COMPILE_HINT, EAGER_DEFAULT_FORMAT, lazyPlotFormat, withCompileHint } from "../../src/site/integrations/plot-first-use.ts";

const require = createRequire(import.meta.url);
const plotSource = join(dirname(require.resolve("@observablehq/plot")), "format.js");
const source = readFileSync(plotSource, "utf8");

/** Plot's format module (its imports made absolute) written to a temporary file, and loaded. */
const scratch = mkdtempSync(join(tmpdir(), "plot-format-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));
async function loadFormatModule(text: string, name: string): Promise<{ formatDefault: (value: unknown) => unknown }> {
  const isoformat = pathToFileURL(createRequire(plotSource).resolve("isoformat")).href;
  const absolute = text
    .replace(/from "\.\/([^"]+)"/g, (_, file: string) => `from "${pathToFileURL(join(dirname(plotSource), file)).href}"`)
    .replace(/from "isoformat"/, `from "${isoformat}"`);
  const file = join(scratch, `${name}.mjs`);
  writeFileSync(file, absolute);
  return import(pathToFileURL(file).href);
}

describe("Plot's default format, built on first use", () => {
  test("the installed Plot still has the line the build rewrites, and the rewrite removes it", () => {
    expect(source).toContain(EAGER_DEFAULT_FORMAT);
    const rewritten = lazyPlotFormat(source, plotSource)!;
    expect(rewritten).not.toContain(EAGER_DEFAULT_FORMAT);
    // Nothing else in the module changes.
    expect(rewritten.replace(/let defaultNumberFormat;[\s\S]*?string\(value\);/, EAGER_DEFAULT_FORMAT)).toBe(source);
  });

  test("formats every kind of value exactly as Plot's own formatDefault", async () => {
    const original = await loadFormatModule(source, "original");
    const rewritten = await loadFormatModule(lazyPlotFormat(source, plotSource)!, "rewritten");
    const values = [
      0,
      -0,
      1,
      -2.5,
      1234.5678,
      1e21,
      1e-7,
      NaN,
      Infinity,
      -Infinity,
      "label",
      "",
      "3",
      true,
      null,
      undefined,
      new Date(Date.UTC(2024, 6, 1)),
      new Date(NaN),
      [1, 2],
      { a: 1 },
    ];
    for (const value of values) expect(rewritten.formatDefault(value), String(value)).toEqual(original.formatDefault(value));
  });

  test("leaves other modules alone, and fails the build if Plot changes the line", () => {
    expect(lazyPlotFormat(source, "/x/node_modules/d3-format/src/format.js")).toBeUndefined();
    expect(() => lazyPlotFormat("export const formatDefault = somethingElse();", "/x/node_modules/@observablehq/plot/src/format.js?v=1")).toThrow(
      /no longer contains/,
    );
  });
});

describe("V8's compile hint on the chunk that holds Plot", () => {
  const plotModule = "/x/node_modules/@observablehq/plot/src/plot.js";
  test("goes first in a chunk with Plot's modules, once", () => {
    const hinted = withCompileHint("import{a}from'./b.js';", ["/x/src/features/calculators/figures/calculator-figures.ts", plotModule]);
    expect(hinted.startsWith(COMPILE_HINT)).toBe(true);
    expect(withCompileHint(hinted, [plotModule])).toBe(hinted);
  });
  test("is not put on chunks without Plot", () => {
    expect(withCompileHint("export{}", ["/x/src/features/calculators/islands/Calculator.tsx", "/x/node_modules/preact/dist/preact.module.js"])).toBe(
      "export{}",
    );
  });
});
