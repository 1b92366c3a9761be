/**
 * Thin spaces around a function's name in a formula, as TeX sets them: "8 ln m", not "8lnm".
 * KaTeX's MathML writes `8 \ln m` as <mn>8</mn><mi>ln</mi><mo>⁡</mo><mi>m</mi> (U+2061, function
 * application), and browsers give neither side any space: the invisible operator's `rspace` gives
 * TeX's 3 mu after the name, and an <mspace> gives the 3 mu TeX puts between an ordinary symbol (a
 * number, a letter, a power) and an operator name before it. Used on Markdown's formulas (this
 * rehype plugin) and on the reference page's (Formula.astro), so both read the same.
 */
import type { Element, ElementContent, Root } from "hast";
import { visit } from "unist-util-visit";

/** Function application, the invisible operator between a function's name and its argument. */
const APPLY = "\u2061";
/** TeX's thin space, 3 mu: a sixth of an em. */
export const FUNCTION_SPACE = "0.1667em";

/** Elements TeX counts as ordinary symbols, after which an operator name gets a thin space. */
const ORDINARY = ["mn", "mi", "msup", "msub", "msubsup"];
const THIN_SPACE = `<mspace width="${FUNCTION_SPACE}"></mspace>`;

/** `html` (KaTeX's MathML) with the thin spaces around every function name. */
export function spaceAfterFunctionNames(html: string): string {
  return html
    .replace(/(<\/(?:mn|mi|msup|msub|msubsup)>)(<mi>[^<]{2,}<\/mi><mo>\u2061<\/mo>)/g, `$1${THIN_SPACE}$2`)
    .replaceAll(`<mo>${APPLY}</mo>`, `<mo rspace="${FUNCTION_SPACE}">${APPLY}</mo>`);
}

function isApply(node: ElementContent | undefined): boolean {
  const [only] = node?.type === "element" && node.tagName === "mo" ? node.children : [];
  return node?.type === "element" && node.children.length === 1 && only?.type === "text" && only.value === APPLY;
}

/** An operator name (two letters or more, then function application) at `i` of `children`. */
function isFunctionName(children: ElementContent[], i: number): boolean {
  const node = children[i];
  const [only] = node?.type === "element" ? node.children : [];
  return node?.type === "element" && node.tagName === "mi" && only?.type === "text" && only.value.length >= 2 && isApply(children[i + 1]);
}

export default function rehypeFunctionSpacing() {
  return (tree: Root) => {
    visit(tree, "element", (el: Element) => {
      if (isApply(el) && el.properties.rspace === undefined) el.properties.rspace = FUNCTION_SPACE;
      for (let i = el.children.length - 1; i > 0; i--) {
        const before = el.children[i - 1];
        if (isFunctionName(el.children, i) && before?.type === "element" && ORDINARY.includes(before.tagName)) {
          el.children.splice(i, 0, { type: "element", tagName: "mspace", properties: { width: FUNCTION_SPACE }, children: [] });
        }
      }
    });
  };
}
