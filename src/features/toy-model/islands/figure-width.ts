/**
 * The width a figure redrawn in the browser has to fit: its host's, or while the host (or its
 * figure) is hidden, that of the nearest box shown. Shared by the toy model's figure modules.
 */
export function widthFor(host: HTMLElement): number {
  let box: HTMLElement | null = host;
  while (box !== null && box.clientWidth === 0) box = box.parentElement;
  return box?.clientWidth ?? 0;
}
