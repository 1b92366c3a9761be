/**
 * The strict Content-Security-Policy, proven in the browser: every page (and every embed page) is
 * loaded and every interactive part exercised — each calculator (typing, slider keys, presets, the
 * work-backwards question, copy link, embed code), the simulation (a run and its downloads), the
 * toy model where there is one (a short training), search, the theme switch, footnotes, figure
 * downloads, the formulas' LaTeX — while listening for securitypolicyviolation. Zero violations.
 */
import type { Page } from "playwright-core";
import { expect, test } from "vitest";
import { CALCULATOR_NAMES } from "../../src/features/calculators/registry.ts";
import { hydrateAll, PAGES, siteUrl, useBrowser } from "./harness.ts";

const browser = useBrowser();

const EMBEDS = CALCULATOR_NAMES.map((name) => `embed/${name}/`);

/** A page with a violation listener installed before any of its scripts run. */
async function guardedPage(path: string): Promise<{ page: Page; violations: () => Promise<string[]>; close: () => Promise<void> }> {
  const context = await browser().newContext({ acceptDownloads: true });
  await context.grantPermissions(["clipboard-read", "clipboard-write"], { origin: new URL(siteUrl()).origin });
  await context.addInitScript(() => {
    const w = window as unknown as { violations: string[] };
    w.violations = [];
    document.addEventListener("securitypolicyviolation", (e) =>
      w.violations.push(`${e.violatedDirective}: ${e.blockedURI || "inline"} (${e.sourceFile}:${e.lineNumber})`),
    );
  });
  const page = await context.newPage();
  await page.goto(siteUrl(path), { waitUntil: "networkidle" });
  const violations = () => page.evaluate(() => (window as unknown as { violations: string[] }).violations);
  return { page, violations, close: () => context.close() };
}

/** Clicks `locator` if there is one, and waits for a download when it starts one. */
async function exercise(page: Page): Promise<void> {
  await hydrateAll(page);
  for (const calc of await page.locator("[data-calculator]").all()) {
    await calc.scrollIntoViewIfNeeded();
    await calc.locator('input[name="n"]').fill("1024");
    await calc.locator('input[name="n"] ~ input[type="range"]').focus();
    await page.keyboard.press("ArrowRight");
    await calc.locator(".presets button").first().click();
    if ((await calc.locator("details.inverse").count()) > 0) await calc.locator("details.inverse summary").click();
    if ((await calc.locator(".copy-view").count()) > 0) await calc.locator(".copy-view").click();
    if ((await calc.locator(".calculator__embed").count()) > 0) {
      await calc.locator(".calculator__embed summary").click();
      await calc.getByRole("button", { name: "Copy the embed code" }).click();
      await calc.getByRole("button", { name: "copy its HTML for this view" }).click();
    }
    // A figure out of view is redrawn when it comes back into view.
    await calc.locator("figure").scrollIntoViewIfNeeded();
    await expect.poll(() => calc.locator("figure svg").first().getAttribute("aria-description")).toMatch(/1,0|1,6|768/);
    for (const kind of ["svg", "png"]) {
      await Promise.all([page.waitForEvent("download"), calc.locator(`a[data-figure-download="${kind}"]`).click()]);
    }
  }
  const simulation = page.locator("[data-simulation]");
  if ((await simulation.count()) > 0) {
    for (const [name, value] of Object.entries({ n: "64", m: "256", l: "2", trials: "20" }))
      await simulation.locator(`input[name="${name}"]`).fill(value);
    await simulation.getByRole("button", { name: "Run", exact: true }).click();
    await expect.poll(() => simulation.getAttribute("data-state")).toBe("done");
    await Promise.all([page.waitForEvent("download"), simulation.getByRole("button", { name: /as CSV/ }).click()]);
    await Promise.all([page.waitForEvent("download"), simulation.locator('a[data-figure-download="png"]').first().click()]);
  }
  const toy = page.locator("[data-toy-model]");
  if ((await toy.count()) > 0) {
    await toy.locator('input[name="steps"]').fill("50");
    await toy.getByRole("button", { name: "Train", exact: true }).click();
    await expect.poll(() => toy.getAttribute("data-state")).toBe("done");
  }
  for (const button of (await page.locator("button.footnote-ref").all()).slice(0, 1)) {
    await button.click();
    await page.keyboard.press("Escape");
  }
  for (const button of (await page.locator("button.formula__copy").all()).slice(0, 1)) await button.click();
  const toggle = page.locator("[data-theme-toggle]");
  if ((await toggle.count()) > 0) await toggle.click();
  const search = page.locator("header [data-search-open]");
  if ((await search.count()) > 0) {
    await search.click();
    const input = page.locator("[data-search-dialog] input").first();
    await input.waitFor();
    await input.fill("interference");
    await page.locator("[data-search-dialog] .pagefind-ui__result").first().waitFor({ timeout: 60_000 });
    await page.keyboard.press("Escape");
  }
}

test.each([...PAGES, ...EMBEDS])(
  "/%s: every interactive part runs under the policy with no violation",
  async (path) => {
    const { page, violations, close } = await guardedPage(path);
    await exercise(page);
    expect(await violations()).toEqual([]);
    await close();
  },
  90_000,
);

test("the policy is strict: no unsafe-inline or unsafe-eval, no plugins, no base or form targets, workers from the site only", async () => {
  const { page, close } = await guardedPage("typical-vs-worst-case/");
  const policy = (await page.locator('meta[http-equiv="content-security-policy"]').getAttribute("content"))!;
  const directives = Object.fromEntries(
    policy
      .split(";")
      .map((d) => d.trim().split(/\s+/))
      .filter((d) => d[0])
      .map(([name, ...values]) => [name!, values]),
  );
  for (const name of ["script-src", "style-src"]) {
    expect(directives[name], name).toBeDefined();
    expect(directives[name]).not.toContain("'unsafe-inline'");
    expect(directives[name]).not.toContain("'unsafe-eval'");
  }
  expect(directives["script-src"]).toContain("'wasm-unsafe-eval'");
  expect(directives["object-src"]).toEqual(["'none'"]);
  expect(directives["base-uri"]).toEqual(["'self'"]);
  expect(directives["form-action"]).toEqual(["'none'"]);
  expect(directives["worker-src"]).toEqual(["'self'"]);
  await close();
});

test("an inline script without the policy's hash does not run (the policy is enforced, not just present)", async () => {
  const { page, violations, close } = await guardedPage("");
  await page.evaluate(() => {
    const script = document.createElement("script");
    script.textContent = "window.injected = true;";
    document.body.append(script);
  });
  expect(await page.evaluate(() => (window as unknown as { injected?: boolean }).injected)).toBeUndefined();
  expect((await violations()).some((v) => v.startsWith("script-src"))).toBe(true);
  await close();
});
