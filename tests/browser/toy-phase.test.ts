/**
 * The phase change and feature dimensionality in a real Chromium, on the built site: without
 * JavaScript the build's figures and tables are there and every cell far from the theory's
 * boundary is in the theory's phase; a grid trained live on another seed (split across one Web
 * Worker per core, progress shown) is too, with the seed in the address; Cancel stops every worker
 * and keeps the last completed grid; the live sweep on another seed shows the ½ plateau; the
 * tables keep their conventions; axe finds nothing, idle or running, in either theme; and on a
 * phone nothing scrolls sideways but the tables, in their own boxes.
 *
 * "Far from the boundary" is judged here, in Node: the theory (phase-theory.ts, optimalPhases) is
 * computed again for each cell's own density and importance as the page writes them, and a cell
 * counts when its margin is above 0.3 (the engine's FAR_MARGIN, from its survey of restarts).
 */
import AxeBuilder from "@axe-core/playwright";
import type { BrowserContextOptions, Page } from "playwright-core";
import { describe, expect, test } from "vitest";
import { optimalPhases } from "../../src/features/toy-model/engine/phase-theory.ts";
import { openPage, siteUrl, useBrowser } from "./harness.ts";

const browser = useBrowser();
const PATH = "trained-toy-models/";
const ONE = '[data-phase-diagram="one-neuron"]';
const TWO = '[data-phase-diagram="two-neurons"]';
const SWEEP = "[data-dimensionality-sweep]";
const FAR = 0.3;

/** An island woken as a reader's first touch would wake it. */
async function wake(page: Page, selector: string) {
  const root = page.locator(selector);
  await root.scrollIntoViewIfNeeded();
  await root.dispatchEvent("pointerdown");
  await page.waitForFunction((sel) => document.querySelector(sel)?.closest("astro-island")?.hasAttribute("ssr") === false, selector, {
    timeout: 10_000,
  });
  return root;
}

interface Cell {
  phase: string;
  density: number;
  importance: number;
  theory: string | undefined;
}

async function cells(page: Page, selector: string): Promise<Cell[]> {
  return page.locator(`${selector} td[data-phase]`).evaluateAll((tds) =>
    tds.map((td) => {
      const d = (td as HTMLElement).dataset;
      return { phase: d.phase!, density: Number(d.density), importance: Number(d.importance), theory: d.theory };
    }),
  );
}

/** The far cells (by the theory computed here) whose phase is not the theory's, and how many far cells there are. */
function farMisses(grid: readonly Cell[]): { far: number; misses: string[] } {
  let far = 0;
  const misses: string[] = [];
  for (const cell of grid) {
    const theory = optimalPhases(cell.density, cell.importance);
    if (theory.margin <= FAR) continue;
    far++;
    if (cell.phase !== theory.phase)
      misses.push(`p=${cell.density.toFixed(3)} r=${cell.importance.toFixed(2)}: ${cell.phase}, theory ${theory.phase}`);
  }
  return { far, misses };
}

async function stateOf(page: Page, selector: string): Promise<string | null> {
  return page.locator(selector).getAttribute("data-state");
}

async function waitForState(page: Page, selector: string, state: string, timeout: number): Promise<void> {
  // Polled every 100 ms rather than every frame: the page's thread is the reader's, not the test's.
  await page.waitForFunction(([sel, s]) => document.querySelector(sel!)?.getAttribute("data-state") === s, [selector, state], {
    timeout,
    polling: 100,
  });
}

/** A page whose Web Workers' replies are logged with the worker they came from (made in order). */
async function openWithWorkerLog(path: string, options: BrowserContextOptions = {}) {
  const context = await browser().newContext(options);
  await context.addInitScript(() => {
    const log: { worker: number; type: string }[] = [];
    (globalThis as unknown as { workerReplies: typeof log }).workerReplies = log;
    const Original = globalThis.Worker;
    let made = 0;
    globalThis.Worker = class extends Original {
      constructor(url: string | URL, options?: WorkerOptions) {
        super(url, options);
        const worker = made++;
        this.addEventListener("message", (event: MessageEvent<{ type?: string }>) => log.push({ worker, type: String(event.data?.type) }));
      }
    };
  });
  const page = await context.newPage();
  const problems: string[] = [];
  page.on("pageerror", (err) => problems.push(`page error: ${err.message}`));
  page.on("console", (msg) => {
    if (msg.type() === "error") problems.push(`console: ${msg.text()}`);
  });
  await page.goto(siteUrl(path), { waitUntil: "networkidle" });
  const replies = () => page.evaluate(() => [...(globalThis as unknown as { workerReplies: { worker: number; type: string }[] }).workerReplies]);
  return { page, context, problems, replies };
}

test("without JavaScript, the build's figures and tables are on the page, and every far cell is in the theory's phase", async () => {
  const { page, context } = await openPage(browser(), PATH, { javaScriptEnabled: false });
  const shown = await page.evaluate(() =>
    Array.from(document.querySelectorAll<SVGSVGElement>("[data-phase-diagram] figure svg, [data-dimensionality-sweep] figure svg"))
      .filter((svg) => svg.getClientRects().length > 0)
      .map((svg) => svg.getAttribute("aria-label")),
  );
  expect(shown).toEqual([
    "Phase diagram of the toy model with one neuron and two features",
    "Phase diagram of the toy model with two neurons and three features",
    "Dimensions per feature against sparsity, with the sticky fractions",
    "Features per neuron: the trained models against the post's count",
    "Overlaps of the kept features against the Welch floor",
  ]);
  const one = await cells(page, ONE);
  expect(one).toHaveLength(400);
  expect(await cells(page, TWO)).toHaveLength(144);
  expect(await page.locator(`${SWEEP} tbody tr`).count()).toBe(14);
  const { far, misses } = farMisses(one);
  expect(far).toBeGreaterThan(300);
  expect(misses).toEqual([]);
  await context.close();
}, 120_000);

test("the tables keep their conventions: every cell a td with its phase, density and importance inside its [data-phase-diagram] root, which has a state and a Run button", async () => {
  const { page, context, problems } = await openPage(browser(), PATH);
  for (const [selector, shape, phases] of [
    [ONE, "one-neuron", ["feature-1", "feature-2", "superposition"]],
    [TWO, "two-neurons", ["extra-dropped", "extra-dedicated", "superposition", "other"]],
  ] as const) {
    const root = page.locator(selector);
    expect(await root.getAttribute("data-phase-diagram")).toBe(shape);
    expect(await root.getAttribute("data-state")).toBe("idle");
    expect(await root.getByRole("button", { name: "Run", exact: true }).count()).toBe(1);
    for (const cell of await cells(page, selector)) {
      expect(phases as readonly string[]).toContain(cell.phase);
      expect(cell.density).toBeGreaterThan(0.01);
      expect(cell.density).toBeLessThan(1);
      expect(cell.importance).toBeGreaterThan(0.1);
      expect(cell.importance).toBeLessThan(10);
    }
  }
  // No cell of a phase diagram outside its root.
  expect(await page.locator("td[data-phase]").count()).toBe(400 + 144);
  expect(problems).toEqual([]);
  await context.close();
});

test("a grid trained live on seed 1 across the workers: progress while it runs, the seed in the address, every far cell in the theory's phase", async () => {
  const { page, context, problems } = await openPage(browser(), PATH);
  const requests: string[] = [];
  page.on("request", (r) => requests.push(r.url()));
  const root = await wake(page, ONE);
  expect(requests.filter((u) => /worker/.test(u))).toEqual([]);
  await root.locator('input[name="phaseSeed"]').fill("1");
  await root.getByRole("button", { name: "Run", exact: true }).click();
  expect(await stateOf(page, ONE)).toBe("running");
  await expect.poll(() => root.locator(".toy-model__progress").innerText(), { timeout: 60_000 }).toMatch(/^[1-9]\d*%, [\d,]+ of 400 cells$/);
  await waitForState(page, ONE, "done", 300_000);
  expect(requests.some((u) => /phase-worker/.test(u))).toBe(true);
  expect(await page.evaluate(() => new URL(location.href).searchParams.get("phaseSeed"))).toBe("1");
  const grid = await cells(page, ONE);
  expect(grid).toHaveLength(400);
  const { far, misses } = farMisses(grid);
  expect(far).toBeGreaterThan(300);
  expect(misses).toEqual([]);
  expect(await root.locator("[data-phase-summary]").innerText()).toMatch(
    /20 × 20 cells, 8 models of 1,000 steps per cell, seed 1, [\d.]+ s in your browser on \d workers?/,
  );
  // The figure redrawn from this grid.
  await expect.poll(() => root.locator("figure svg").first().getAttribute("aria-description"), { timeout: 30_000 }).toContain("seed 1");
  expect(problems).toEqual([]);
  await context.close();
}, 420_000);

test("Cancel stops every worker, says cancelled, and keeps the build's grid", async () => {
  const { page, context, problems, replies } = await openWithWorkerLog(`${PATH}?phaseSeed=2`);
  const root = await wake(page, ONE);
  const before = await cells(page, ONE);
  await root.getByRole("button", { name: "Run", exact: true }).click();
  await expect.poll(async () => (await replies()).filter((r) => r.type === "progress").length, { timeout: 60_000 }).toBeGreaterThan(0);
  const workers = new Set((await replies()).map((r) => r.worker)).size;
  await root.getByRole("button", { name: "Cancel" }).click();
  expect(await stateOf(page, ONE)).toBe("cancelled");
  // Every worker the run started reports itself cancelled; nothing after that changes the page.
  await expect
    .poll(async () => new Set((await replies()).filter((r) => r.type === "cancelled").map((r) => r.worker)).size, { timeout: 10_000 })
    .toBe(workers);
  await page.waitForTimeout(500);
  expect(await stateOf(page, ONE)).toBe("cancelled");
  expect(await cells(page, ONE)).toEqual(before);
  expect(await root.locator("[data-phase-summary]").innerText()).toContain("seed 0, made when this page was built");
  expect(await root.locator("progress").count()).toBe(0);
  expect(problems).toEqual([]);
  await context.close();
}, 120_000);

describe("the dimensionality sweep", () => {
  test("trained live on seed 1 shows the ½ plateau: two neighbouring models within 0.05 of ½", async () => {
    const { page, context, problems } = await openPage(browser(), PATH);
    const root = await wake(page, SWEEP);
    await root.locator('input[name="sweepSeed"]').fill("1");
    await root.getByRole("button", { name: "Run", exact: true }).click();
    await expect.poll(() => root.locator(".toy-model__progress").innerText(), { timeout: 60_000 }).toMatch(/%, [\d,]+ of 14 models$/);
    await waitForState(page, SWEEP, "done", 400_000);
    const values = await root.locator("tbody tr").evaluateAll((rows) => rows.map((r) => Number((r as HTMLElement).dataset.dimensionsPerFeature)));
    expect(values).toHaveLength(14);
    // 0.05: half the distance from ½ to ⅖, the nearest other sticky fraction.
    const near = values.map((v) => Math.abs(v - 0.5) <= 0.05);
    expect(near.some((v, i) => v && near[i + 1])).toBe(true);
    expect(await root.locator("[data-sweep-summary]").innerText()).toMatch(/seed 1, [\d.]+ s in your browser.*stays at .*½ \(digon/);
    await expect.poll(() => root.locator("figure svg").count(), { timeout: 30_000 }).toBe(3);
    expect(await page.evaluate(() => new URL(location.href).searchParams.get("sweepSeed"))).toBe("1");
    expect(problems).toEqual([]);
    await context.close();
  }, 480_000);
});

test.each(["light", "dark"] as const)(
  "has no axe violations, idle with the tables open and while a grid trains (%s mode)",
  async (colorScheme) => {
    const { page, context, problems } = await openPage(browser(), PATH, { colorScheme });
    for (const selector of [ONE, TWO, SWEEP]) await wake(page, selector);
    await page.evaluate(() => document.querySelectorAll<HTMLDetailsElement>(".toy-phase__details").forEach((d) => (d.open = true)));
    const axe = async () => {
      const results = await new AxeBuilder({ page })
        .include(ONE)
        .include(TWO)
        .include(SWEEP)
        .withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"])
        .analyze();
      return results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
    };
    expect(await axe()).toEqual([]);
    const root = page.locator(TWO);
    await root.getByRole("button", { name: "Run", exact: true }).click();
    await expect.poll(() => root.locator("progress").count()).toBe(1);
    expect(await axe()).toEqual([]);
    await root.getByRole("button", { name: "Cancel" }).click();
    await page.locator(ONE).locator('input[name="restarts"]').fill("9");
    await expect.poll(() => page.locator(ONE).locator('input[name="restarts"]').getAttribute("aria-invalid")).toBe("true");
    expect(await axe()).toEqual([]);
    expect(problems).toEqual([]);
    await context.close();
  },
  120_000,
);

test("on a phone, nothing scrolls sideways but the tables, each in a box of its own that a keyboard can reach", async () => {
  const { page, context, problems } = await openPage(browser(), PATH, { viewport: { width: 375, height: 812 }, isMobile: true, hasTouch: true });
  await page.evaluate(() => document.querySelectorAll<HTMLDetailsElement>(".toy-phase__details").forEach((d) => (d.open = true)));
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
  // Each measured on screen: the text's blocks off screen are not laid out (content-visibility).
  const boxes = [];
  for (const box of await page.locator(".toy-phase__scroll").all()) {
    await box.scrollIntoViewIfNeeded();
    boxes.push(
      await box.evaluate((el) => ({
        scrolls: el.scrollWidth > el.clientWidth,
        right: el.getBoundingClientRect().right,
        overflowX: getComputedStyle(el).overflowX,
        tabindex: el.getAttribute("tabindex"),
        label: el.getAttribute("aria-label"),
      })),
    );
  }
  expect(boxes).toHaveLength(3);
  for (const box of boxes) {
    // Inside the page; a table wider than the box scrolls within it.
    expect(box.right).toBeLessThanOrEqual(375);
    expect(box.overflowX).toBe("auto");
    expect(box.tabindex).toBe("0");
    expect(box.label?.length).toBeGreaterThan(10);
  }
  // The one-neuron grid's twenty columns and the sweep's ten are wider than a phone: they scroll in their boxes.
  expect(boxes[0]!.scrolls).toBe(true);
  expect(boxes[2]!.scrolls).toBe(true);
  // The figures drawn for a phone: no text under 10 px, nothing wider than its figure.
  const figures = await page.evaluate(() =>
    Array.from(document.querySelectorAll<SVGSVGElement>("[data-phase-diagram] figure svg, [data-dimensionality-sweep] figure svg"))
      .filter((svg) => svg.getClientRects().length > 0)
      .map((svg) => {
        const scale = svg.getBoundingClientRect().width / (svg.viewBox.baseVal?.width || svg.width.baseVal.value);
        const sizes = Array.from(svg.querySelectorAll("text"), (t) => parseFloat(getComputedStyle(t).fontSize) * scale);
        const box = svg.closest("figure")!;
        return { label: svg.getAttribute("aria-label"), smallest: Math.min(...sizes), overflow: box.scrollWidth - box.clientWidth };
      }),
  );
  expect(figures).toHaveLength(5);
  for (const f of figures) {
    expect(f.smallest, f.label!).toBeGreaterThanOrEqual(9.99);
    expect(f.overflow, f.label!).toBeLessThanOrEqual(0);
  }
  expect(problems).toEqual([]);
  await context.close();
});
