/** Where the system Chromium is: CHROME_PATH, or Debian's package. */
import { existsSync } from "node:fs";

const CANDIDATES = ["/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome"];

export function findChromium(): string {
  const fromEnv = process.env.CHROME_PATH;
  if (fromEnv) {
    if (!existsSync(fromEnv)) throw new Error(`CHROME_PATH is set to ${fromEnv}, but there is no file there.`);
    return fromEnv;
  }
  const found = CANDIDATES.find((p) => existsSync(p));
  if (!found) {
    throw new Error(
      "The browser tests need Chromium and found none. Install Debian's package " +
        "(`sudo apt-get install chromium`) or point CHROME_PATH at a Chrome or Chromium binary. " +
        "(`npx playwright install` cannot download browsers on machines without internet access.)",
    );
  }
  return found;
}

/** Flags for a headless Chromium on a machine with no network beyond localhost. */
export const CHROMIUM_ARGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
  "--disable-quic",
];
