/**
 * The one script that must run before the first paint, inline and blocking (BaseHead.astro), as
 * text so that its hash can be put into the Content-Security-Policy (a strict policy runs no inline
 * script it has no hash for). Keep it tiny. It sets:
 * - the colour theme, so a dark-mode reader never sees a white flash: the reader's choice (stored
 *   by ThemeToggle) or else the system's. Without JavaScript the CSS follows the system on its own;
 * - data-linked when the address carries a view (src/ui/scenario-event.ts), so that the
 *   prerendered default numbers are hidden until the calculators show the linked ones.
 */
import { createHash } from "node:crypto";

export const HEAD_SCRIPT =
  "(function(){var t=null;try{t=localStorage.getItem('theme')}catch(e){}" +
  "if(t!=='light'&&t!=='dark')t=matchMedia('(prefers-color-scheme: dark)').matches?'dark':'light';" +
  "var d=document.documentElement;d.dataset.theme=t;if(location.search.length>1)d.setAttribute('data-linked','')})();";

/** The script's hash as a CSP source: 'sha256-…'. */
export const HEAD_SCRIPT_HASH = `sha256-${createHash("sha256").update(HEAD_SCRIPT).digest("base64")}` as const;
