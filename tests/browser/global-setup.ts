/**
 * Serves the built site (dist/) with Astro's own preview server for the browser tests, and
 * checks that a Chromium is there to drive, failing early with what to install if not.
 */
import { existsSync } from "node:fs";
import { createServer } from "node:net";
import { preview } from "astro";
import type { TestProject } from "vitest/node";
import { findChromium } from "./chromium.ts";

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => (typeof address === "object" && address ? resolve(address.port) : reject(new Error("no port"))));
    });
  });
}

export default async function setup(project: TestProject) {
  findChromium(); // throws with install instructions when missing
  if (!existsSync("dist/index.html")) throw new Error("No built site in dist/: run `npm run build` first (npm test does).");
  const port = await freePort();
  const server = await preview({ root: process.cwd(), server: { port, host: "127.0.0.1" }, logLevel: "error" });
  const base = (process.env.BASE_PATH ?? "/").replace(/\/?$/, "/");
  project.provide("siteUrl", `http://127.0.0.1:${server.port}${base}`);
  return async () => server.stop();
}

declare module "vitest" {
  export interface ProvidedContext {
    siteUrl: string;
  }
}
