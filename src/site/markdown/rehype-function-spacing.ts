/**
 * A thin space after a function's name in a formula, as TeX sets it: "ln m", not "lnm". KaTeX's
 * MathML writes `\ln m` as <mi>ln</mi><mo>⁡</mo><mi>m</mi> (U+2061, function application), and
 * browsers give that invisible operator no space at all; its `rspace` gives it TeX's 3 mu. Used on
 * Markdown's formulas (this rehype plugin) and on the reference page's (Formula.astro), so both read
 * the same.
 */
import type { Root } from "hast";
import { visit } from "unist-util-visit";

/** Function application, the invisible operator between a function's name and its argument. */
const APPLY = "\u2061";
/** TeX's thin space, 3 mu: a sixth of an em. */
export const FUNCTION_SPACE = "0.1667em";

/** `html` (KaTeX's MathML) with the thin space after every function name. */
export function spaceAfterFunctionNames(html: string): string {
  return html.replaceAll(`<mo>${APPLY}</mo>`, `<mo rspace="${FUNCTION_SPACE}">${APPLY}</mo>`);
}

export default function rehypeFunctionSpacing() {
  return (tree: Root) => {
    visit(tree, "element", (el) => {
      if (el.tagName !== "mo" || el.properties.rspace !== undefined) return;
      const [only] = el.children;
      if (el.children.length === 1 && only?.type === "text" && only.value === APPLY) el.properties.rspace = FUNCTION_SPACE;
    });
  };
}
