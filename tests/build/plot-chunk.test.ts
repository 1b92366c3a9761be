/**
 * The built module that holds Observable Plot carries V8's compile hint as its first line (see
 * src/site/integrations/plot-first-use.ts), and no other module does: the hint makes the browser compile
 * the whole file eagerly, which is worth it only where a figure's drawing calls most of the code.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { expect, test } from "vitest";
import { COMPILE_HINT } from "../../src/site/integrations/plot-first-use.ts";
import { DIST } from "./built-site.ts";

const modules = readdirSync(join(DIST, "_astro"))
  .filter((file) => file.endsWith(".js"))
  .map((file) => ({ file, text: readFileSync(join(DIST, "_astro", file), "utf8") }));
// Plot names its clip paths "plot-clip-<n>": a string of its own, which minification keeps.
const holdsPlot = (text: string) => text.includes("plot-clip-");

test("exactly one built module holds Plot, and it starts with the compile hint", () => {
  const plot = modules.filter((m) => holdsPlot(m.text));
  expect(plot.map((m) => m.file)).toHaveLength(1);
  expect(plot[0]!.text.startsWith(COMPILE_HINT)).toBe(true);
});

test("no other module has the hint", () => {
  const hinted = modules.filter((m) => m.text.includes(COMPILE_HINT.trim()) && !holdsPlot(m.text));
  expect(hinted.map((m) => m.file)).toEqual([]);
});
