/**
 * Hostile addresses: every page, and every embed page, opened with query strings a link could
 * carry — markup and script, numbers beyond a double, NaN and Infinity, thousands of digits, NUL
 * bytes, repeated parameters, l > m — with every island woken. Nothing is injected as markup,
 * nothing on screen reads NaN, Infinity or undefined, no script error, and each offending field
 * of a calculator or the simulation is flagged with its message.
 */
import { expect, test } from "vitest";
import { CALCULATOR_NAMES } from "../../src/features/calculators/registry.ts";
import { hydrateAll, PAGES, siteUrl, useBrowser } from "./harness.ts";

const browser = useBrowser();

/** Each hostile query, with the fields it makes invalid (when a page shows them). */
const HOSTILE: { query: string; invalid: string[] }[] = [
  {
    query: `n=${encodeURIComponent("<script>window.pwned=1</script>")}&m=${encodeURIComponent('<img src=x onerror="window.pwned=2">')}&l=${encodeURIComponent("<svg onload=window.pwned=3>")}`,
    invalid: ["n", "m", "l"],
  },
  { query: "n=1e400&m=NaN&l=Infinity&a=-Infinity&k=undefined&eps=1e-400&trials=NaN", invalid: ["n", "m", "l", "a", "k", "eps", "trials"] },
  { query: `n=${"9".repeat(5000)}&m=%00&l=1%002&seed=${"1".repeat(400)}`, invalid: ["n", "m", "l", "seed"] },
  // Values inside every page's domain, the trained toy models' included (n ≤ 256, m ≤ 512).
  { query: `n=128&n=${encodeURIComponent("<b>x</b>")}&m=500&m=2&l=3&l=4`, invalid: [] },
  { query: "m=10&l=20", invalid: ["m", "l"] },
];

const PATHS = [...PAGES, ...CALCULATOR_NAMES.map((name) => `embed/${name}/`)];

test.each(PATHS)(
  "/%s withstands hostile addresses",
  async (path) => {
    const context = await browser().newContext();
    const page = await context.newPage();
    const errors: string[] = [];
    page.on("pageerror", (e) => errors.push(e.message));
    page.on("dialog", (d) => {
      errors.push(`a dialog opened: ${d.message()}`);
      void d.dismiss();
    });
    for (const { query, invalid } of HOSTILE) {
      await page.goto(siteUrl(`${path}?${query}`), { waitUntil: "networkidle" });
      await hydrateAll(page);
      const report = await page.evaluate(() => ({
        pwned: (window as unknown as { pwned?: number }).pwned,
        injected: document.querySelectorAll("main img, main b, script:not([src]):not([type]):not([data-astro-exec])").length,
        injectedText: Array.from(document.querySelectorAll("main script"), (s) => s.textContent ?? "").filter((t) => t.includes("pwned")).length,
        text: document.body.innerText,
        busy: document.querySelectorAll('[data-view][aria-busy="true"]').length,
        fields: Array.from(document.querySelectorAll<HTMLInputElement>("[data-view] input[type='text']"), (input) => ({
          name: input.name,
          invalid: input.getAttribute("aria-invalid") === "true",
          message: input.getAttribute("aria-describedby")
            ? document.getElementById(input.getAttribute("aria-describedby")!.split(" ")[0]!)?.textContent
            : undefined,
        })),
      }));
      const where = `/${path}?${query.slice(0, 60)}`;
      expect(report.pwned, where).toBeUndefined();
      expect(report.injectedText, where).toBe(0);
      expect(report.text, where).not.toMatch(/\bNaN\b|\bInfinity\b|\bundefined\b/);
      expect(report.busy, `${where}: every island shows the (resolved) view`).toBe(0);
      for (const field of report.fields) {
        const shouldFail = invalid.includes(field.name);
        expect(field.invalid, `${where}: field ${field.name}`).toBe(shouldFail);
        if (shouldFail)
          expect(field.message, `${where}: message of ${field.name}`).toMatch(
            /must be|cannot exceed|above the limit|Not a number|Too (large|small)|Negative|Zero/,
          );
      }
      // No markup from the address made it into the page.
      expect(await page.locator("main img[src='x'], main b, main svg[onload]").count(), where).toBe(0);
    }
    expect(errors).toEqual([]);
    await context.close();
  },
  90_000,
);
