import { useEffect, useState } from "preact/hooks";
import { nextTask } from "../compute/jobs/drive.ts";

/**
 * The state of a run island's figures as they are redrawn in the browser after each run (the
 * simulation's and the toy model's): `draw` runs whenever `last` changes and resolves to the summary
 * it drew, or undefined when it drew nothing; it returns undefined for a run it does not draw (the
 * build's, whose figures are prerendered). `isCurrent` turns false once a newer run has taken over.
 * Gives the summary last drawn (undefined until then) and whether the last drawing failed.
 */
export function useRedrawnFigures<S>(last: object, draw: (isCurrent: () => boolean) => Promise<S | undefined> | undefined) {
  const [drawn, setDrawn] = useState<S | undefined>(undefined);
  const [failed, setFailed] = useState(false);
  useEffect(() => {
    let current = true;
    const drawing = draw(() => current);
    if (drawing === undefined) return;
    drawing
      .then((summary) => {
        if (!current || summary === undefined) return;
        setDrawn(summary);
        setFailed(false);
      })
      .catch(() => current && setFailed(true));
    return () => {
      current = false;
    };
    // Only a new run is drawn again; `draw` is a new closure on every render.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [last]);
  return { drawn, failed };
}

/**
 * Draws the figures `names`, in order, each into its host with `draw`, each in a task of its own
 * after the run's results are on screen: several drawings in one task would hold up input. A name
 * without a host (a figure not on screen) is passed over. Resolves to false, having stopped, once
 * `isCurrent` turns false (a newer run has taken over), and to true when every figure is drawn.
 */
export async function drawInTurn<N extends string>(
  names: readonly N[],
  hosts: Partial<Record<N, HTMLElement | null>>,
  isCurrent: () => boolean,
  draw: (host: HTMLElement, name: N) => void,
): Promise<boolean> {
  for (const name of names) {
    await nextTask({ afterRendering: true });
    if (!isCurrent()) return false;
    const host = hosts[name];
    if (host) draw(host, name);
  }
  return true;
}
