/**
 * Serves the built site (dist/) on localhost with Astro's own preview server, under BASE_PATH when
 * it is set, for everything that measures or tests the built site: the browser tests, Lighthouse
 * and the site bench. Build first (`npm run build`).
 */
import { existsSync } from "node:fs";
import { preview } from "astro";

export interface ServedSite {
  /** The address of the site's root, ending in "/": http://127.0.0.1:4399/sub-path/. */
  readonly base: string;
  stop(): Promise<void>;
}

/** Serves dist/ on `port` (0: any free port). Throws with what to run when there is no build. */
export async function serveDist(port = 0): Promise<ServedSite> {
  if (!existsSync("dist/index.html")) throw new Error("No built site in dist/: run `npm run build` first (npm test does).");
  const server = await preview({ root: process.cwd(), server: { port, host: "127.0.0.1" }, logLevel: "error" });
  const basePath = (process.env.BASE_PATH ?? "/").replace(/\/?$/, "/");
  return { base: `http://127.0.0.1:${server.port}${basePath}`, stop: () => server.stop() };
}
