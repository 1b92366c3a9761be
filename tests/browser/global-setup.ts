/**
 * Serves the built site (dist/) for the browser tests, and checks that a Chromium is there to
 * drive, failing early with what to install if not.
 */
import type { TestProject } from "vitest/node";
import { findChromium } from "../../scripts/site/chromium.ts";
import { serveDist } from "../../scripts/site/serve.ts";

export default async function setup(project: TestProject) {
  findChromium(); // throws with install instructions when missing
  const site = await serveDist();
  project.provide("siteUrl", site.base);
  return () => site.stop();
}

declare module "vitest" {
  export interface ProvidedContext {
    siteUrl: string;
  }
}
