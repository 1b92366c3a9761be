/**
 * The picture of a toy model with two neurons (n = 2): each feature's direction Wᵢ as an arrow from
 * the origin in the plane, with the unit circle, as in the paper's first figure. One panel per
 * model, side by side (two to a row on a phone), drawn at equal scale on both axes so that angles
 * are true. Pure: Plot options from runs, like toy-model-figures.ts.
 */
import { formatCount } from "../../../numbers/format.ts";
import { REPRESENTED_NORM } from "../engine/geometry.ts";
import { summarizeToyModel, type ToyModelRun } from "../engine/summary.ts";
import { common } from "../../../plot/figure-frame.ts";
import { FIGURE_COLOURS } from "../../../plot/finish-figure.ts";
import { WIDE_FIGURE, type FigureSize } from "../../../plot/figure-size.ts";
import { lineY, text, type PlotOptions } from "../../../plot/plot-api.ts";
import { describePlaneFigure } from "./toy-model-text.ts";

/** One model of the picture: a title and a run with n = 2. */
export interface PlanePanel {
  readonly label: string;
  readonly run: ToyModelRun;
}

/** Widest the picture of a single model is drawn: a square bigger than this says nothing more. */
const SINGLE_PANEL_WIDTH = 360;
/** Room for a panel's title above it, in px. */
const TITLE_PX = 24;
/** Arrowheads: this fraction of the circle's radius long, this many degrees off the shaft. */
const HEAD = 0.14;
const HEAD_ANGLE = (25 * Math.PI) / 180;

interface Segment {
  readonly id: string;
  readonly x: number;
  readonly y: number;
  readonly kept: boolean;
}

/**
 * The plane picture of `panels` (each a run with n = 2; other runs are skipped). Represented
 * features (‖Wᵢ‖ > ½) are bold arrows in the accent colour, numbered by importance; the others thin
 * grey ones. Domain: at least one panel with n = 2.
 */
export function planeFigure(panels: readonly PlanePanel[], size: FigureSize = WIDE_FIGURE): PlotOptions {
  const shown = panels.filter((p) => p.run.measured.plane !== undefined);
  const count = Math.max(1, shown.length);
  const narrow = size.width < 480;
  const cols = Math.min(count, narrow ? 2 : 4);
  const rows = Math.ceil(count / cols);
  const width = count === 1 ? Math.min(size.width, SINGLE_PANEL_WIDTH) : size.width;
  const margin = 8;
  const radius = Math.max(1.2, ...shown.flatMap((p) => p.run.measured.norms.map((norm) => norm * 1.22)));
  const span = 2 * radius;
  const unit = (width - 2 * margin) / (cols * span);
  const title = TITLE_PX / unit;
  const centre = (k: number) => ({ x: (k % cols) * span + radius, y: -Math.floor(k / cols) * (span + title) - title - radius });
  const shafts: Segment[] = [];
  const heads: Segment[] = [];
  const labels: { x: number; y: number; label: string }[] = [];
  const circles: { id: string; x: number; y: number }[] = [];
  shown.forEach(({ run }, k) => {
    const c = centre(k);
    for (let a = 0; a <= 96; a++) circles.push({ id: `c${k}`, x: c.x + Math.cos((a * Math.PI) / 48), y: c.y + Math.sin((a * Math.PI) / 48) });
    run.measured.plane!.directions.forEach(([wx, wy], i) => {
      const norm = Math.hypot(wx, wy);
      const kept = norm > REPRESENTED_NORM;
      const id = `${k}-${i}`;
      const tip = { x: c.x + wx, y: c.y + wy };
      shafts.push({ id, x: c.x, y: c.y, kept }, { id, ...tip, kept });
      if (norm === 0) return;
      const back = Math.atan2(-wy, -wx);
      const head = Math.min(HEAD * radius, 0.4 * norm);
      for (const side of [-1, 1]) {
        const angle = back + side * HEAD_ANGLE;
        heads.push(
          { id: `${id}${side}`, ...tip, kept },
          { id: `${id}${side}`, x: tip.x + head * Math.cos(angle), y: tip.y + head * Math.sin(angle), kept },
        );
      }
      if (kept)
        labels.push({ x: c.x + (wx / norm) * (norm + 0.16 * radius), y: c.y + (wy / norm) * (norm + 0.16 * radius), label: formatCount(i + 1) });
    });
  });
  const titles = shown.map((p, k) => ({ x: centre(k).x, y: centre(k).y + radius + title / 2, label: p.label }));
  const stroke = (d: Segment) => (d.kept ? FIGURE_COLOURS.accent : FIGURE_COLOURS.muted);
  const text_ = describePlaneFigure(shown.map((p) => ({ label: p.label, summary: summarizeToyModel(p.run) })));
  return {
    ...common(size, "Feature directions of toy models with two neurons", text_),
    width,
    height: Math.round(rows * (span + title) * unit + 2 * margin),
    marginLeft: margin,
    marginRight: margin,
    marginTop: margin,
    marginBottom: margin,
    x: { domain: [0, cols * span], axis: null },
    y: { domain: [-rows * (span + title), 0], axis: null },
    marks: [
      lineY(circles, { x: "x", y: "y", z: "id", stroke: "currentColor", strokeOpacity: 0.3 }),
      lineY(shafts, { x: "x", y: "y", z: "id", stroke, strokeWidth: (d: Segment) => (d.kept ? 2.25 : 1.25) }),
      lineY(heads, { x: "x", y: "y", z: "id", stroke, strokeWidth: (d: Segment) => (d.kept ? 2.25 : 1.25) }),
      text(labels, { x: "x", y: "y", text: "label", fontSize: 11 }),
      text(titles, { x: "x", y: "y", text: "label", fontSize: 11, fontWeight: 600 }),
    ],
  };
}
