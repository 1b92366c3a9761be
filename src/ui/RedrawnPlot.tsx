import type { ComponentChildren } from "preact";

/**
 * A run island's figure plot, in two boxes: the live SVG goes into a box Preact renders empty and
 * never touches (registered in `hosts` under `name`, for Plot to draw into after a run made here:
 * see `drawInTurn`), hidden until it is drawn; the prerendered SVG (the build's, an Astro slot)
 * shows until then and is dropped once it is.
 */
export function RedrawnPlot<N extends string>({
  live,
  hosts,
  name,
  prerendered,
}: {
  live: boolean;
  hosts: { readonly current: Partial<Record<N, HTMLElement | null>> };
  name: N;
  prerendered: ComponentChildren;
}) {
  return (
    <>
      <div
        class="figure__plot"
        ref={(el) => {
          hosts.current[name] = el;
        }}
        hidden={!live}
      />
      {!live && <div class="figure__plot">{prerendered}</div>}
    </>
  );
}
