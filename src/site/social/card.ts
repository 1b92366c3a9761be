/**
 * Social cards: the 1200 × 630 PNG a forum or chat shows when someone pastes a link to a page.
 * Rendered at build time (src/pages/og/[card].png.ts), one per page, from the page's title and
 * either one of the site's figures or a few of its formulas.
 *
 * Why satori + resvg: satori lays out a small flexbox tree and turns its text into paths, resvg
 * rasterises the SVG; both ship as npm packages (resvg's native binary included), so cards build
 * offline. The font is DejaVu Sans from the `dejavu-fonts-ttf` package: satori needs TTF, OTF or
 * WOFF, resvg needs TTF or OTF for the figures' axis labels, and DejaVu covers the Greek letters
 * and mathematical signs (ε, √, ≲) that the formulas use. The font never reaches the page.
 */
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { Resvg } from "@resvg/resvg-js";
import satori from "satori";
import { PALETTE } from "../palette.ts";
import { standaloneSvg, svgSize } from "../../plot/standalone-svg.ts";
import { CARD_HEIGHT, CARD_WIDTH } from "./card-size.ts";

/** Width of a figure on the card, in card pixels. */
const FIGURE_WIDTH = 590;

/** The site's light palette (src/site/styles/palette.css): cards are images, so they cannot follow the theme. */
const VARIABLES = PALETTE.light;
const COLORS = {
  bg: VARIABLES["page-bg"]!,
  text: VARIABLES.text!,
  muted: VARIABLES.muted!,
  accent: VARIABLES.accent!,
  panel: VARIABLES.panel!,
  rule: VARIABLES.rule!,
};

const require = createRequire(import.meta.url);
const FONT_DIR = join(dirname(require.resolve("dejavu-fonts-ttf/package.json")), "ttf");
/** DejaVu Sans, regular and bold: the fonts every image the build draws uses. */
export const FONT_FILES = { regular: join(FONT_DIR, "DejaVuSans.ttf"), bold: join(FONT_DIR, "DejaVuSans-Bold.ttf") };
export const FONT_FAMILY = "DejaVu Sans";

let fonts: { name: string; data: Buffer; weight: 400 | 700; style: "normal" }[] | undefined;
function loadFonts() {
  fonts ??= [
    { name: FONT_FAMILY, data: readFileSync(FONT_FILES.regular), weight: 400, style: "normal" },
    { name: FONT_FAMILY, data: readFileSync(FONT_FILES.bold), weight: 700, style: "normal" },
  ];
  return fonts;
}

/** A satori node: the subset of a React element satori reads. */
interface Node {
  type: string;
  props: { style?: Record<string, string | number>; children?: Child | Child[]; src?: string; width?: number; height?: number };
}
type Child = Node | string;

function el(type: string, style: Record<string, string | number>, children?: Child | Child[]): Node {
  return { type, props: { style, children } };
}

/**
 * A formula written for a card, in plain text with two marks: `^{…}` for a superscript and
 * `√{…}` for a square root whose bar covers the braces' contents (both may nest), e.g.
 * "ε = √{8 ln m / n}" or "m ≲ e^{nε²/8}".
 */
export function formulaNodes(source: string, fontSize: number): Child[] {
  const out: Child[] = [];
  let text = "";
  const flush = () => {
    if (text) out.push(el("span", { whiteSpace: "pre" }, text));
    text = "";
  };
  for (let i = 0; i < source.length; i++) {
    const ch = source[i]!;
    const mark = ch === "^" || ch === "√" ? ch : undefined;
    if (mark && source[i + 1] === "{") {
      const end = closingBrace(source, i + 1);
      const inner = source.slice(i + 2, end);
      flush();
      if (mark === "^") {
        const size = Math.round(fontSize * 0.62);
        out.push(el("div", { display: "flex", fontSize: size, alignSelf: "flex-start" }, formulaNodes(inner, size)));
      } else {
        out.push(el("span", { whiteSpace: "pre" }, "√"));
        out.push(
          el(
            "div",
            { display: "flex", borderTop: `${Math.max(2, Math.round(fontSize / 18))}px solid ${COLORS.text}`, paddingTop: 2, paddingLeft: 2 },
            formulaNodes(inner, fontSize),
          ),
        );
      }
      i = end;
    } else {
      text += ch;
    }
  }
  flush();
  return out;
}

function closingBrace(s: string, open: number): number {
  let depth = 0;
  for (let i = open; i < s.length; i++) {
    if (s[i] === "{") depth++;
    else if (s[i] === "}" && --depth === 0) return i;
  }
  throw new Error(`Card formula "${s}": unbalanced braces`);
}

/** The formula as plain text for alt text: "√{8 ln m / n}" → "√(8 ln m / n)", "e^{n/8}" → "e^(n/8)". */
export function formulaText(source: string): string {
  return source.replace(/([√^])\{/g, "$1(").replace(/\}/g, ")");
}

/** A figure's SVG as the page prerenders it, made a standalone image for resvg in the light palette. */
export function standaloneFigure(svg: string): string {
  return standaloneSvg(svg, { colourOf: (name) => VARIABLES[name], text: COLORS.text });
}

export interface CardContent {
  /** The page's title, the largest text on the card. */
  title: string;
  /** Shown under the title when there is room. */
  description?: string;
  /** The site's name, above the title. */
  site: string;
  /** Credit line at the bottom. */
  credit: string;
  /** A figure's SVG (see standaloneFigure), shown on the right… */
  figureSvg?: string;
  /** …or formulas in the card's notation (see formulaNodes). */
  formulas?: readonly string[];
}

/** The card's layout as a satori tree. */
function layout(card: CardContent): Node {
  const hasVisual = card.figureSvg !== undefined || (card.formulas?.length ?? 0) > 0;
  const textWidth = hasVisual ? 460 : 1040;
  const titleSize = card.title.length > 28 ? 54 : 62;
  // The longest formula must fit the panel: DejaVu Sans averages about 0.6 em per character.
  const longest = Math.max(0, ...(card.formulas ?? []).map((f) => formulaText(f).length));
  const formulaSize = Math.min(44, Math.floor(540 / (0.6 * Math.max(1, longest))));
  const left = el("div", { display: "flex", flexDirection: "column", width: textWidth, justifyContent: "space-between" }, [
    el("div", { display: "flex", flexDirection: "column" }, [
      el("div", { color: COLORS.accent, fontSize: 26, fontWeight: 700, marginBottom: 28 }, card.site),
      el("div", { fontSize: titleSize, fontWeight: 700, lineHeight: 1.15, color: COLORS.text }, card.title),
      ...(card.description && !hasVisual ? [el("div", { fontSize: 30, lineHeight: 1.4, color: COLORS.muted, marginTop: 28 }, card.description)] : []),
    ]),
    el("div", { fontSize: 20, lineHeight: 1.4, color: COLORS.muted }, card.credit),
  ]);
  if (!hasVisual) return frame([left]);
  const visual = card.figureSvg
    ? el("img", {}, undefined)
    : el(
        "div",
        { display: "flex", flexDirection: "column", justifyContent: "center", gap: 36, fontSize: formulaSize, color: COLORS.text },
        card.formulas!.map((f) => el("div", { display: "flex", alignItems: "flex-end" }, formulaNodes(f, formulaSize))),
      );
  if (card.figureSvg) {
    // Rasterised on its own first: resvg draws the text of an SVG nested as an <image> without the
    // fonts it was given, so the axis labels would vanish.
    const png = rasterise(card.figureSvg, FIGURE_WIDTH * 2);
    const size = svgSize(card.figureSvg);
    visual.props = {
      style: {},
      src: `data:image/png;base64,${Buffer.from(png).toString("base64")}`,
      width: FIGURE_WIDTH,
      height: Math.round((FIGURE_WIDTH * size.height) / size.width),
    };
  }
  const right = el(
    "div",
    {
      display: "flex",
      alignItems: "center",
      justifyContent: "center",
      width: 620,
      boxSizing: "border-box",
      background: COLORS.panel,
      border: `2px solid ${COLORS.rule}`,
      borderRadius: 16,
    },
    visual,
  );
  return frame([left, right]);
}

function frame(children: Child[]): Node {
  return el(
    "div",
    {
      display: "flex",
      boxSizing: "border-box",
      justifyContent: "space-between",
      alignItems: "stretch",
      gap: 24,
      width: CARD_WIDTH,
      height: CARD_HEIGHT,
      padding: 48,
      background: COLORS.bg,
      borderTop: `12px solid ${COLORS.accent}`,
      fontFamily: FONT_FAMILY,
    },
    children,
  );
}

/**
 * SVG to PNG with the card's font and nothing from the machine, so every build draws the same
 * image. (The card's own title and formulas are paths already; a figure's labels are text.)
 */
function rasterise(svg: string, width: number): Uint8Array<ArrayBuffer> {
  const resvg = new Resvg(svg, {
    fitTo: { mode: "width", value: width },
    font: { loadSystemFonts: false, fontFiles: [FONT_FILES.regular, FONT_FILES.bold], defaultFontFamily: FONT_FAMILY, sansSerifFamily: FONT_FAMILY },
  });
  return new Uint8Array(resvg.render().asPng());
}

/** Renders a card to PNG bytes. */
export async function renderCard(card: CardContent): Promise<Uint8Array<ArrayBuffer>> {
  const svg = await satori(layout(card) as unknown as Parameters<typeof satori>[0], { width: CARD_WIDTH, height: CARD_HEIGHT, fonts: loadFonts() });
  return rasterise(svg, CARD_WIDTH);
}
