/**
 * Words placed in a figure so that they never overlap one another and never leave the figure, at
 * any width: the labels at the ends of curves, beside a point or a bar. Plot places a text mark
 * where its data says, whatever else is there; these labels are placed once the scales are known
 * (a Plot render function), spread apart vertically where they would collide, with a thin leader
 * line back to what they name when they had to move.
 *
 * The figure is cut into regions that hold different words: tick labels in the left and bottom
 * margins, the axis titles above the frame (y) and on the last line (x), end-of-curve labels in the
 * right margin (`side: "margin"`), and every other label inside the frame. Labels of one call are
 * spread apart as one column; regions never share words, so nothing collides by construction.
 */
import { FIGURE_COLOURS } from "./finish-figure.ts";

/** The size of the labels' words, in px (tick labels are the figure's 12 px: finish-figure.ts). */
export const LABEL_FONT_SIZE = 10;

/**
 * Advance widths of ASCII characters (32 … 126) in DejaVu Sans, in hundredths of an em: the widest
 * of the common system sans-serifs, and what `system-ui` is on Linux. Estimating with it errs on
 * the side of room to spare on other systems.
 */
const ASCII_WIDTHS = [
  32, 40, 46, 84, 64, 95, 78, 27, 39, 39, 50, 84, 32, 36, 32, 34, 64, 64, 64, 64, 64, 64, 64, 64, 64, 64, 34, 34, 84, 84, 84, 53, 100, 68, 69, 70, 77,
  63, 58, 77, 75, 29, 29, 66, 56, 86, 75, 79, 60, 79, 69, 63, 61, 73, 68, 99, 69, 61, 69, 39, 34, 39, 84, 50, 50, 61, 63, 55, 63, 62, 35, 63, 63, 28,
  28, 58, 28, 97, 63, 61, 63, 63, 41, 52, 39, 63, 59, 82, 59, 59, 52, 64, 34, 64, 84,
];
/** Any other character (Greek, arrows, sub- and superscripts, math signs): as wide as DejaVu's widest of them. */
const OTHER_WIDTH = 84;

/**
 * The width `text` takes at `fontSize` px, estimated from DejaVu Sans's advance widths (see
 * {@link ASCII_WIDTHS}); a little more than any common sans-serif needs. Domain: any string,
 * fontSize > 0; the empty string is 0 px wide.
 */
export function textWidth(text: string, fontSize: number): number {
  let hundredths = 0;
  for (const ch of text) {
    const code = ch.codePointAt(0)!;
    hundredths += code >= 32 && code < 127 ? ASCII_WIDTHS[code - 32]! : OTHER_WIDTH;
  }
  return (hundredths / 100) * fontSize;
}

/** The height of one line of labels, in px: the font's whole line (ascent to descent) and a little air. */
export function lineHeight(fontSize: number): number {
  return Math.ceil(fontSize * 1.3);
}

/**
 * Positions as close to `wanted` as possible, each at least `gap` from the next, all within
 * [from, to]: neighbours that would come too close are merged into a block centred on their
 * wanted mean (Plot-free, so it is tested alone). The order of the labels is kept. Domain: finite
 * numbers, gap ≥ 0, from ≤ to. When [from, to] is too short for them all (fewer than
 * (count − 1)·gap px), the block starts at `from` and runs past `to`: the caller gives the room.
 */
export function spreadOut(wanted: readonly number[], gap: number, from: number, to: number): number[] {
  const order = wanted.map((_, i) => i).sort((a, b) => wanted[a]! - wanted[b]! || a - b);
  const blocks: { first: number; count: number; sum: number; top: number }[] = [];
  const place = (b: { count: number; sum: number }) => {
    const span = (b.count - 1) * gap;
    return Math.max(from, Math.min(to - span, b.sum / b.count - span / 2));
  };
  order.forEach((index, k) => {
    const block = { first: k, count: 1, sum: wanted[index]!, top: 0 };
    block.top = place(block);
    blocks.push(block);
    // Merge with the block above while the two would overlap.
    while (blocks.length > 1) {
      const below = blocks.at(-1)!;
      const above = blocks.at(-2)!;
      if (above.top + above.count * gap <= below.top + 1e-9) break;
      blocks.pop();
      above.count += below.count;
      above.sum += below.sum;
      above.top = place(above);
    }
  });
  const placed = new Array<number>(wanted.length);
  for (const b of blocks) for (let k = 0; k < b.count; k++) placed[order[b.first + k]!] = b.top + k * gap;
  return placed;
}

/** A label of a curve, a point or a bar, at a place given in the figure's data coordinates. */
export interface PlacedLabel {
  readonly x: number;
  readonly y: number;
  readonly text: string;
  /**
   * Where the words go: in the right margin (the end of a curve), right or left of the point (the
   * other side when there is no room), or centred above it.
   */
  readonly side: "margin" | "right" | "left" | "above";
  /** The reader's own curve or point: drawn bold, in the accent colour. */
  readonly emphasis?: boolean;
  /** A colour for the words (a CSS colour or variable); the text colour by default. */
  readonly colour?: string;
}

/** How far labels sit from what they name, in px. */
const GAP = 8;
/** Labels moved less than this from their place get no leader line. */
const LEADER_FROM_PX = 3;

/** The width of a label's words: bold ones (emphasis) are about a tenth wider. */
function labelWidth(label: PlacedLabel, fontSize: number): number {
  return textWidth(label.text, fontSize) * (label.emphasis ? 1.12 : 1);
}

/** The right margin the end-of-curve labels (side "margin") need: their widest, the gap before it and air after; 0 for none. */
export function marginForLabels(labels: readonly PlacedLabel[], fontSize = LABEL_FONT_SIZE): number {
  const inMargin = labels.filter((l) => l.side === "margin");
  return inMargin.length === 0 ? 0 : Math.ceil(Math.max(...inMargin.map((l) => labelWidth(l, fontSize))) + GAP + 8);
}

interface Dimensions {
  readonly width: number;
  readonly height: number;
  readonly marginTop: number;
  readonly marginRight: number;
  readonly marginBottom: number;
  readonly marginLeft: number;
}
type Scale = (value: number) => number | undefined;

const SVG_NS = "http://www.w3.org/2000/svg";

/**
 * `labels` as a Plot mark (a render function): each at its side of its place, the whole set spread
 * apart vertically as one column (see {@link spreadOut}) within the frame's height, inside the
 * frame (or the right margin, for `side: "margin"`), with a leader line to its place when moved.
 * A label whose place is not on the scales (outside a log axis, say) is not drawn.
 */
export function placedLabels(labels: readonly PlacedLabel[], fontSize = LABEL_FONT_SIZE) {
  return (_index: unknown, scales: { x?: Scale; y?: Scale }, _values: unknown, dimensions: Dimensions, context: { document: Document }) => {
    const doc = context.document;
    const group = doc.createElementNS(SVG_NS, "g");
    group.setAttribute("aria-label", "labels");
    const { x, y } = scales;
    if (!x || !y) return group;
    const { width, height, marginTop, marginRight, marginBottom, marginLeft } = dimensions;
    const frameRight = width - marginRight;
    const line = lineHeight(fontSize);
    const points = labels
      .map((label) => ({ label, px: x(label.x), py: y(label.y), w: labelWidth(label, fontSize) }))
      .filter((p): p is typeof p & { px: number; py: number } => Number.isFinite(p.px) && Number.isFinite(p.py));
    const wanted = points.map((p) => (p.label.side === "above" ? p.py - GAP - line / 2 : p.py));
    const top = marginTop + line / 2;
    const bottom = height - marginBottom - line / 2;
    const ys = spreadOut(wanted, line, top, bottom);
    points.forEach((p, i) => {
      const { label, px, py, w } = p;
      // The left end of the words, kept within their region.
      let left: number;
      if (label.side === "margin") left = frameRight + GAP;
      else if (label.side === "above") left = px - w / 2;
      else {
        const right = px + GAP;
        const leftSide = px - GAP - w;
        const fitsRight = right + w <= frameRight;
        const fitsLeft = leftSide >= marginLeft;
        left = label.side === "right" ? (fitsRight || !fitsLeft ? right : leftSide) : fitsLeft || !fitsRight ? leftSide : right;
      }
      if (label.side !== "margin") left = Math.max(marginLeft + 2, Math.min(frameRight - 2 - w, left));
      const ty = ys[i]!;
      // A label only kept inside the frame (its place at the frame's edge) needs no leader.
      const moved = Math.abs(ty - Math.max(top, Math.min(bottom, wanted[i]!))) > LEADER_FROM_PX;
      if (moved && label.side !== "above") {
        const leader = doc.createElementNS(SVG_NS, "line");
        const towards = left >= px ? left - 2 : left + w + 2;
        leader.setAttribute("x1", String(round(px)));
        leader.setAttribute("y1", String(round(py)));
        leader.setAttribute("x2", String(round(towards)));
        leader.setAttribute("y2", String(round(ty)));
        leader.setAttribute("stroke", "currentColor");
        leader.setAttribute("stroke-opacity", "0.45");
        group.append(leader);
      }
      const text = doc.createElementNS(SVG_NS, "text");
      text.setAttribute("x", String(round(left)));
      text.setAttribute("y", String(round(ty)));
      text.setAttribute("dy", "0.32em");
      // Plot's <svg> centres its words (text-anchor: middle); these start where they are placed.
      text.setAttribute("text-anchor", "start");
      text.setAttribute("font-size", String(fontSize));
      text.setAttribute("fill", label.colour ?? (label.emphasis ? FIGURE_COLOURS.accent : "currentColor"));
      if (label.emphasis) text.setAttribute("font-weight", "600");
      text.textContent = label.text;
      group.append(text);
    });
    return group;
  };
}

function round(v: number): number {
  return Math.round(v * 10) / 10;
}
