import type { ComponentChildren, Ref } from "preact";

/**
 * A run island's figure plot, in two boxes: the live SVG goes into a box Preact renders empty and
 * never touches (Plot draws into `host` after a run made here), hidden until it is drawn; the
 * prerendered SVG (the build's, an Astro slot) shows until then and is dropped once it is.
 */
export function RedrawnPlot({ live, host, prerendered }: { live: boolean; host: Ref<HTMLDivElement>; prerendered: ComponentChildren }) {
  return (
    <>
      <div class="figure__plot" ref={host} hidden={!live} />
      {!live && <div class="figure__plot">{prerendered}</div>}
    </>
  );
}
