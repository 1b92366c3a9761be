import { formatCount, formatNumber } from "../../../numbers/format.ts";
import type { ToyModelProgress } from "../engine/train.ts";

const WIDTH = 120;
const HEIGHT = 32;

/**
 * The loss curve so far as the points of a polyline in a WIDTH × HEIGHT box: step across, log loss
 * up (scaled to the curve's own range). Empty with fewer than two positive points.
 */
export function sparklinePoints(progress: ToyModelProgress): string {
  const points = progress.history.filter((p) => p.loss > 0);
  if (points.length < 2) return "";
  const logs = points.map((p) => Math.log(p.loss));
  const low = Math.min(...logs);
  const high = Math.max(...logs);
  const range = high - low || 1;
  return points
    .map((p, i) => {
      const x = (p.step / progress.steps) * WIDTH;
      const y = 2 + (1 - (logs[i]! - low) / range) * (HEIGHT - 4);
      return `${x.toFixed(1)},${y.toFixed(1)}`;
    })
    .join(" ");
}

/**
 * A training run in progress: a progress bar, the step and the loss in words, and the loss curve
 * so far as it falls (a small line beside them; the words carry the same news for screen readers).
 */
export function TrainingProgress({ progress }: { progress: ToyModelProgress | undefined }) {
  const fraction = progress?.fraction ?? 0;
  const loss = progress?.loss;
  const points = progress ? sparklinePoints(progress) : "";
  return (
    <span class="toy-model__progress">
      <progress max={1} value={fraction} aria-label="Training progress" />
      <span>
        {Math.round(fraction * 100)}%{progress ? `, step ${formatCount(progress.step)} of ${formatCount(progress.steps)}` : ", starting"}
        {loss !== undefined ? `, loss ${formatNumber(loss)}` : ""}
      </span>
      {points && (
        <svg class="toy-model__sparkline" viewBox={`0 0 ${WIDTH} ${HEIGHT}`} width={WIDTH} height={HEIGHT} aria-hidden="true">
          <polyline points={points} fill="none" stroke="currentColor" stroke-width="1.5" />
        </svg>
      )}
    </span>
  );
}
