/**
 * The site's colours, read from the one place they are written: the `light-dark()` variables of
 * src/site/styles/palette.css. For what cannot follow the page's theme through CSS: the social cards
 * (images, so the light palette) and the browser's theme-color. Build time and tests only.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";

// Read from the project's root (where the build, the tests and the scripts run), not next to this
// module: at build time it runs from a bundled copy elsewhere.
const css = readFileSync(join(process.cwd(), "src", "site", "styles", "palette.css"), "utf8");

export type Palette = Readonly<Record<string, string>>;

const COLOUR = String.raw`(#[0-9a-fA-F]{3,8}|rgb\([^)]*\))`;
const LIGHT_DARK = new RegExp(String.raw`--([\w-]+):\s*light-dark\(\s*${COLOUR}\s*,\s*${COLOUR}\s*\)`, "g");

function parse(): { light: Palette; dark: Palette } {
  const light: Record<string, string> = {};
  const dark: Record<string, string> = {};
  for (const [, name, lightValue, darkValue] of css.matchAll(LIGHT_DARK)) {
    light[name!] = lightValue!;
    dark[name!] = darkValue!;
  }
  if (light.accent === undefined) throw new Error("src/site/styles/palette.css declares no light-dark() colours: the palette cannot be read");
  return { light, dark };
}

/** Each theme's colours by variable name (without the leading --): PALETTE.light.accent = "#1f5fbf". */
export const PALETTE = parse();

/** The first `:root { … }` block's plain values: the fallback for browsers without light-dark(). */
export function fallbackPalette(): Palette {
  const block = /:root\s*\{([^}]*)\}/.exec(css)?.[1] ?? "";
  return Object.fromEntries([...block.matchAll(new RegExp(String.raw`--([\w-]+):\s*${COLOUR}`, "g"))].map(([, name, value]) => [name!, value!]));
}
