/**
 * The simulation in a real Chromium, on the built site: it runs in a Web Worker started by the
 * first Run (the engine is not downloaded before), lands on the models (that it never blocks the
 * page is timed in the performance project), can be cancelled keeping the last results, refuses oversized
 * jobs without starting, and keeps its seed in the address.
 */
import AxeBuilder from "@axe-core/playwright";
import type { Page } from "playwright-core";
import { expect, test } from "vitest";
import { addressParam, openPage, useBrowser } from "./harness.ts";

const browser = useBrowser();

/** The simulation island, woken as a reader's first touch would wake it. */
async function simulation(page: Page) {
  const root = page.locator("[data-simulation]");
  await root.scrollIntoViewIfNeeded();
  await root.dispatchEvent("pointerdown");
  await page.waitForFunction(() => document.querySelector("[data-simulation]")?.closest("astro-island")?.hasAttribute("ssr") === false, undefined, {
    timeout: 60_000,
  });
  return root;
}

async function outputs(page: Page): Promise<Record<string, number>> {
  return page
    .locator("[data-simulation] output")
    .evaluateAll((os) => Object.fromEntries(os.map((o) => [o.getAttribute("name"), Number(o.getAttribute("data-value"))])));
}

async function state(page: Page): Promise<string | null> {
  return page.locator("[data-simulation]").getAttribute("data-state");
}

test("a run happens in a worker, lands on the models, and is in the address", async () => {
  const { page, context, problems } = await openPage(browser(), "typical-vs-worst-case/");
  const requests: string[] = [];
  page.on("request", (r) => requests.push(r.url()));
  const root = await simulation(page);
  // Nothing of the engine before the reader asks for a run.
  expect(requests.filter((u) => /worker/.test(u))).toEqual([]);
  for (const [name, value] of [
    ["n", "256"],
    ["m", "1024"],
    ["l", "4"],
    ["seed", "1"],
  ] as const) {
    await root.locator(`input[name="${name}"]`).fill(value);
  }
  await root.getByRole("button", { name: "Run", exact: true }).click();
  await page.waitForFunction(() => document.querySelector("[data-simulation]")?.getAttribute("data-state") === "done", undefined, {
    timeout: 60_000,
  });
  expect(requests.some((u) => /worker/.test(u))).toBe(true);

  const values = await outputs(page);
  expect(Object.keys(values).sort()).toEqual([
    "all-correct",
    "all-correct-predicted",
    "max-overlap",
    "mean-abs-overlap",
    "rms-noise",
    "rms-overlap",
    "worst-noise",
  ]);
  for (const [name, value] of Object.entries(values)) expect(Number.isFinite(value), name).toBe(true);
  expect(Math.abs(values["rms-overlap"]! / (1 / Math.sqrt(256)) - 1)).toBeLessThan(0.1);
  expect(Math.abs(values["rms-noise"]! / Math.sqrt(4 / 256) - 1)).toBeLessThan(0.1);
  const worst = values["worst-noise"]! / Math.sqrt((2 * Math.log(1024) * 4) / 256);
  expect(worst).toBeGreaterThan(0.8);
  expect(worst).toBeLessThan(1);
  expect(values["all-correct"]).toBeGreaterThanOrEqual(0);
  expect(values["all-correct"]).toBeLessThanOrEqual(1);

  await expect.poll(() => addressParam(page, "seed")).toBe("1");
  await expect.poll(() => addressParam(page, "m")).toBe("1024");
  // The figures are redrawn from this run.
  await expect.poll(() => root.locator("figure svg").first().getAttribute("aria-description")).toContain("m = 1,024 features");
  expect(problems).toEqual([]);
  await context.close();
});

test("cancelling a bigger run says so and keeps the results of the previous one", async () => {
  const { page, context, problems } = await openPage(browser(), "typical-vs-worst-case/?n=256&m=1024&l=4&seed=1");
  const root = await simulation(page);
  await root.getByRole("button", { name: "Run", exact: true }).click();
  await page.waitForFunction(() => document.querySelector("[data-simulation]")?.getAttribute("data-state") === "done", undefined, {
    timeout: 60_000,
  });
  const before = await outputs(page);

  // About 3 s of work: 16 384 features, 134 million pairs.
  await root.locator('input[name="n"]').fill("512");
  await root.locator('input[name="m"]').fill("16384");
  await root.getByRole("button", { name: "Run", exact: true }).click();
  expect(await state(page)).toBe("running");
  await expect.poll(() => root.locator("progress").evaluate((p) => (p as HTMLProgressElement).value), { timeout: 60_000 }).toBeGreaterThan(0);
  await root.getByRole("button", { name: "Cancel" }).click();
  expect(await state(page)).toBe("cancelled");
  expect(await outputs(page)).toEqual(before);
  await expect.poll(() => root.locator("progress").count()).toBe(0);
  // Still cancelled a moment later: nothing from the stopped run arrives.
  await page.waitForTimeout(300);
  expect(await state(page)).toBe("cancelled");
  expect(await outputs(page)).toEqual(before);
  expect(problems).toEqual([]);
  await context.close();
});

test("an oversized job is refused with the limit, before anything starts", async () => {
  const { page, context, problems } = await openPage(browser(), "typical-vs-worst-case/");
  const requests: string[] = [];
  page.on("request", (r) => requests.push(r.url()));
  const root = await simulation(page);
  const m = root.locator('input[name="m"]');
  await m.fill("20000");
  await expect.poll(() => m.getAttribute("aria-invalid")).toBe("true");
  const message = await page.locator(`[id="${await m.getAttribute("aria-describedby")}"]`).innerText();
  expect(message).toMatch(/above the limit of 16,384 features/);
  await root.getByRole("button", { name: "Run", exact: true }).click();
  expect(await state(page)).toBe("idle");
  expect(requests.filter((u) => /worker/.test(u))).toEqual([]);
  expect(problems).toEqual([]);
  await context.close();
});

test.each(["light", "dark"] as const)("has no axe violations while running, after a run and with an error shown (%s mode)", async (colorScheme) => {
  const { page, context, problems } = await openPage(browser(), "typical-vs-worst-case/?n=512&m=16384&l=4", { colorScheme });
  const root = await simulation(page);
  const axe = async () => {
    const results = await new AxeBuilder({ page })
      .include("[data-simulation]")
      .withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"])
      .analyze();
    return results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
  };
  await root.getByRole("button", { name: "Run", exact: true }).click();
  expect(await state(page)).toBe("running");
  expect(await axe()).toEqual([]);
  await root.getByRole("button", { name: "Cancel" }).click();
  await root.locator('input[name="m"]').fill("1024");
  await root.getByRole("button", { name: "Run", exact: true }).click();
  await page.waitForFunction(() => document.querySelector("[data-simulation]")?.getAttribute("data-state") === "done", undefined, {
    timeout: 60_000,
  });
  await expect.poll(() => root.locator("figure svg").first().getAttribute("aria-description")).toContain("m = 1,024 features");
  expect(await axe()).toEqual([]);
  await root.locator('input[name="trials"]').fill("0");
  await root.locator('input[name="n"]').fill("8192");
  await root.locator('input[name="m"]').fill("4096");
  expect(await axe()).toEqual([]);
  expect(problems).toEqual([]);
  await context.close();
});
