import { ICON_SVG_ATTRIBUTES, ICONS, type IconName } from "./icons.ts";

/**
 * One of the site's icons (src/ui/icons.ts), decorative (hidden from assistive technology: the
 * control it sits in carries the words). Used by islands, and by .astro components, where Astro
 * renders it to static HTML.
 */
export function Icon({ name, size = 18 }: { name: IconName; size?: number }) {
  return (
    <svg {...ICON_SVG_ATTRIBUTES} width={size} height={size}>
      {ICONS[name].map((shape, i) => (shape.tag === "circle" ? <circle key={i} {...shape.attributes} /> : <path key={i} {...shape.attributes} />))}
    </svg>
  );
}
