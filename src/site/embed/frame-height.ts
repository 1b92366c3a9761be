/**
 * An embedded calculator tells the page that frames it how tall its content is, whenever that
 * changes, by postMessage — as embeddable widgets do — so a host that listens can size the frame to
 * fit, with no scroll bar inside it. The message is `{ type: FRAME_HEIGHT_MESSAGE, height }`
 * (CSS px); the Embed control offers the few lines a host page needs to listen.
 */

import { FRAME_HEIGHT_MESSAGE } from "../../features/calculators/calculator-links.ts";

/** Posts the document's height to the parent window now and after every change of size; nothing when not framed. */
export function reportFrameHeight(): void {
  if (window.parent === window) return;
  let last = 0;
  const post = () => {
    const height = Math.ceil(document.documentElement.getBoundingClientRect().height);
    if (height === last) return;
    last = height;
    // Any origin may frame an embed (that is what it is for), and the height is no secret.
    window.parent.postMessage({ type: FRAME_HEIGHT_MESSAGE, height }, "*");
  };
  new ResizeObserver(post).observe(document.documentElement);
  post();
}
