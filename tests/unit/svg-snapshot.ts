/**
 * Snapshot comparison for rendered figures, in the manner of Observable Plot's own tests: the
 * SVG is committed under tests/unit/__snapshots__/NAME.svg; on a difference the new SVG is
 * written beside it as NAME.changed.svg for inspection (accept it by replacing the committed
 * file). A missing snapshot is written once locally; under CI it is an error.
 */
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { expect } from "vitest";

const DIR = join(process.cwd(), "tests", "unit", "__snapshots__");

/** Pretty-prints tags one per line so a diff points at the mark that changed. */
function readable(svg: string): string {
  return svg.replace(/></g, ">\n<") + "\n";
}

export function expectSvgSnapshot(name: string, svg: string): void {
  const actual = readable(svg);
  expect(actual).not.toMatch(/NaN|Infinity|undefined/);
  const file = join(DIR, `${name}.svg`);
  const changed = file.replace(/\.svg$/, ".changed.svg");
  mkdirSync(DIR, { recursive: true });
  if (!existsSync(file)) {
    if (process.env.CI) throw new Error(`missing snapshot ${file}: run the tests locally and commit it`);
    writeFileSync(file, actual);
    return;
  }
  const expected = readFileSync(file, "utf8");
  if (actual !== expected) writeFileSync(changed, actual);
  else rmSync(changed, { force: true });
  expect(actual === expected, `figure differs from ${file}; see ${changed}`).toBe(true);
}
