/**
 * The dictionary page in a real Chromium, on the built site: files written here in each format
 * (planted near-duplicates, an antipodal pair, dead rows) are dropped on the tool or chosen in its
 * picker, measured in the page's Web Workers, and every output is read against a direct
 * computation made here; sampled mode agrees with the exact values within its standard errors;
 * each kind of bad file says what is wrong and the next file is taken at once; Cancel reaches
 * every worker; axe finds nothing in any state; nothing scrolls sideways on a phone; without
 * JavaScript the box says what the tool needs. Timings belong to the performance project.
 */
import AxeBuilder from "@axe-core/playwright";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Page } from "playwright-core";
import { afterAll, describe, expect, test } from "vitest";
import { activeSets } from "../../src/features/dictionary/engine/readouts.ts";
import { planRandomTopk } from "../../src/features/dictionary/engine/random-topk.ts";
import { simulateLargeReadoutSync } from "../../src/features/simulation/engine/large-readout.ts";
import { misreadsResult } from "../../src/numbers/error-rate-results.ts";
import {
  concat,
  encode,
  naiveGeometry,
  npyFile,
  plantedDecoder,
  safetensorsFile,
  stored,
  testRandom,
  transpose,
  zipFile,
  type TestDType,
} from "../unit/dictionary-fixtures.ts";
import { openPage, useBrowser } from "./harness.ts";

const browser = useBrowser();
const WCAG_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"];
const PAGE = "measure-a-dictionary/";
const scratch = mkdtempSync(join(tmpdir(), "dictionary-browser-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

interface GivenFile {
  readonly name: string;
  readonly bytes: Uint8Array;
}

/** The page with every message its workers send recorded (which worker, what type). */
async function openTool(options: Parameters<typeof openPage>[2] = {}) {
  const tracked = await openPage(browser(), PAGE, options);
  await tracked.page.evaluate(() => {
    const log: { worker: number; type: string }[] = [];
    (globalThis as unknown as { workerReplies: typeof log }).workerReplies = log;
    const Original = globalThis.Worker;
    let made = 0;
    globalThis.Worker = class extends Original {
      constructor(url: string | URL, workerOptions?: WorkerOptions) {
        super(url, workerOptions);
        const worker = made++;
        this.addEventListener("message", (event: MessageEvent<{ type?: string }>) => log.push({ worker, type: String(event.data?.type) }));
      }
    };
  });
  const root = tracked.page.locator("[data-dictionary]");
  await root.scrollIntoViewIfNeeded();
  return { ...tracked, root };
}

/** Drops `files` on the tool as a reader's drag would: over it (which wakes it), then the drop. */
async function drop(page: Page, files: readonly GivenFile[]): Promise<void> {
  await page.evaluate(
    (given) => {
      const data = new DataTransfer();
      for (const f of given) data.items.add(new File([Uint8Array.from(atob(f.b64), (c) => c.charCodeAt(0))], f.name));
      const root = document.querySelector("[data-dictionary]")!;
      for (const type of ["dragenter", "dragover", "drop"])
        root.dispatchEvent(new DragEvent(type, { bubbles: true, cancelable: true, dataTransfer: data }));
    },
    files.map((f) => ({ name: f.name, b64: Buffer.from(f.bytes).toString("base64") })),
  );
}

/** Chooses `files` (written here, or paths on disk) in the tool's picker, waking it first as a reader's click does. */
async function pick(page: Page, files: readonly GivenFile[] | readonly string[]): Promise<void> {
  const root = page.locator("[data-dictionary]");
  await root.dispatchEvent("pointerdown");
  await page.waitForFunction(() => document.querySelector("[data-dictionary]")?.closest("astro-island")?.hasAttribute("ssr") === false);
  const input = root.locator('input[type="file"]');
  if (files.every((f): f is string => typeof f === "string")) await input.setInputFiles(files);
  else
    await input.setInputFiles(
      (files as GivenFile[]).map((f) => ({ name: f.name, mimeType: "application/octet-stream", buffer: Buffer.from(f.bytes) })),
    );
}

const state = (page: Page) => page.locator("[data-dictionary]").getAttribute("data-state");

async function settled(page: Page, timeout = 60_000): Promise<string> {
  await page.waitForFunction(
    () => ["done", "error", "cancelled"].includes(document.querySelector("[data-dictionary]")?.getAttribute("data-state") ?? ""),
    undefined,
    {
      timeout,
      polling: 50,
    },
  );
  return (await state(page))!;
}

interface Shown {
  readonly value: string | null;
  readonly se: string | null;
  readonly pair: string | null;
  readonly text: string;
}

async function outputs(page: Page): Promise<Record<string, Shown>> {
  return page
    .locator("[data-dictionary] output")
    .evaluateAll((os) =>
      Object.fromEntries(
        os.map((o) => [
          o.getAttribute("name"),
          { value: o.getAttribute("data-value"), se: o.getAttribute("data-se"), pair: o.getAttribute("data-pair"), text: o.textContent ?? "" },
        ]),
      ),
    );
}

const num = (shown: Shown | undefined) => Number(shown?.value);

/** Per-token misreads by brute force: float32 unit rows, sums in float32, dot products in float64. */
function naiveReadouts(values: ArrayLike<number>, m: number, n: number, l: number, tokens: number, seed: number) {
  const units: Float32Array[] = [];
  for (let i = 0; i < m; i++) {
    const row = Array.from({ length: n }, (_, k) => values[i * n + k]!);
    const squares = row.reduce((s, v) => s + v * v, 0);
    if (!(squares > 0 && Number.isFinite(squares))) continue;
    units.push(Float32Array.from(row, (v) => v / Math.sqrt(squares)));
  }
  let threshold = 0;
  let topk = 0;
  for (const set of activeSets(units.length, l, tokens, seed)) {
    const x = new Float32Array(n);
    for (const i of set) for (let k = 0; k < n; k++) x[k] = x[k]! + units[i]![k]!;
    const active = new Set(set);
    const readouts = units.map((u, j) => ({ r: u.reduce((s, v, k) => s + v * x[k]!, 0), j }));
    threshold += readouts.filter(({ r, j }) => (active.has(j) ? !(r > 0.5) : !(r < 0.5))).length;
    const top = [...readouts].sort((a, b) => b.r - a.r || a.j - b.j).slice(0, l);
    topk += 2 * (l - top.filter(({ j }) => active.has(j)).length);
  }
  return { threshold: threshold / tokens, topk: topk / tokens, live: units.length };
}

async function axe(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).include("[data-dictionary]").withTags(WCAG_AA).analyze();
  return results.violations.map((v) => `${v.id}: ${v.nodes.map((node) => node.target.join(" ")).join(", ")}`);
}

describe("measuring a file", () => {
  test("a SAELens safetensors dropped with its cfg.json: every output against a direct computation", async () => {
    const m = 600;
    const n = 64;
    const values = plantedDecoder(m, n, 5);
    const weights = safetensorsFile([
      { name: "W_enc", dtype: "F32", shape: [n, m], bytes: encode(transpose(values, m, n), "F32") },
      { name: "W_dec", dtype: "F32", shape: [m, n], bytes: encode(values, "F32") },
      { name: "b_dec", dtype: "F32", shape: [n], bytes: encode(new Float64Array(n), "F32") },
    ]);
    const cfg = JSON.stringify({ d_in: n, d_sae: m, architecture: "topk", activation_fn_kwargs: { k: 8 } });
    const { page, context, problems, root } = await openTool();
    // Dropped before the tool has woken: the drag wakes it, and the drop is handed over.
    expect(await root.evaluate((el) => el.closest("astro-island")?.hasAttribute("ssr"))).toBe(true);
    await drop(page, [
      { name: "sae_weights.safetensors", bytes: weights },
      { name: "cfg.json", bytes: new TextEncoder().encode(cfg) },
    ]);
    expect(await settled(page)).toBe("done");
    expect(await root.locator('input[name="l0"]').inputValue()).toBe("8");
    const shown = await outputs(page);
    const naive = naiveGeometry(stored(values, "F32"), m, n);
    const live = naive.live.length;
    expect([num(shown.n), num(shown.m), num(shown.dead), shown.mode?.value]).toEqual([n, m, naive.dead.length, "exact"]);
    expect(Math.abs(num(shown["rms-overlap"]) - naive.rms)).toBeLessThan(1e-6);
    expect(Math.abs(num(shown["mean-overlap"]) - naive.mean)).toBeLessThan(1e-6);
    expect(Math.abs(num(shown["max-overlap"]) - naive.max)).toBeLessThan(1e-6);
    expect(shown["max-overlap"]!.pair).toBe(naive.maxPair.join(","));
    expect([num(shown["pairs-above-0.5"]), num(shown["pairs-above-0.9"])]).toEqual([naive.above05, naive.above09]);
    expect(Math.abs(num(shown["median-worst-overlap"]) - naive.median)).toBeLessThan(1e-6);
    expect(Math.abs(num(shown["p99-worst-overlap"]) - naive.p99)).toBeLessThan(1e-6);
    expect(num(shown["random-rms"])).toBeCloseTo(1 / Math.sqrt(n), 12);
    expect(num(shown.welch)).toBeCloseTo(Math.sqrt((live - n) / (n * (live - 1))), 12);
    expect(num(shown["post-epsilon"])).toBeCloseTo(Math.sqrt((8 * Math.log(live)) / n), 12);
    // Exact: no errors on the geometry; the readouts carry theirs.
    expect(shown["rms-overlap"]!.se).toBeNull();
    const readouts = naiveReadouts(stored(values, "F32"), m, n, 8, 1000, 1);
    expect(num(shown["misreads-threshold"])).toBe(readouts.threshold);
    expect(num(shown["misreads-topk"])).toBe(readouts.topk);
    expect(Number(shown["misreads-threshold"]!.se)).toBeGreaterThan(0);
    expect(shown["misreads-threshold"]!.text).toMatch(/^[\d,.]+ ± [\d.]+$/);
    expect(num(shown["random-misreads-threshold"])).toBe(misreadsResult(n, live, 8).value);
    const plan = planRandomTopk(n, live, 8, 1);
    if (!plan.ok) throw new Error(plan.reason);
    const random = simulateLargeReadoutSync(plan.params);
    if (!random.ok) throw new Error(random.error.message);
    // The same simulation with the same seed; the browser's kernel may round a readout differently
    // from Node's (fused multiply-adds or not), which can swap one pair at a TopK boundary: at most
    // one such swap (2 misreads) over the inputs.
    expect(Math.abs(num(shown["random-misreads-topk"]) - random.result.topkMisreadsMean)).toBeLessThanOrEqual(2 / plan.params.trials + 1e-12);
    for (const [name, o] of Object.entries(shown)) expect(o.text, name).not.toMatch(/NaN|Infinity|undefined/);
    // Both figures drawn, described, with their downloads.
    await expect.poll(() => root.locator("figure svg").count()).toBe(2);
    expect(await root.locator("figure svg").first().getAttribute("aria-description")).toMatch(/RMS \|cos\| is 0\.1/);
    expect(await root.locator("figure svg").nth(1).getAttribute("aria-description")).toMatch(/Your dictionary, on the first row, has L0 = 8/);
    expect(await axe(page)).toEqual([]);
    expect(problems).toEqual([]);
    await context.close();
  }, 90_000);

  test("a Gemma Scope params.npz (deflated) in sampled mode agrees with the exact values within its standard errors", async () => {
    const m = 10_000;
    const n = 16;
    const { gaussian } = testRandom(8);
    const values = Float64Array.from({ length: m * n }, gaussian);
    const params = zipFile(
      [
        { name: "W_enc.npy", data: npyFile("<f4", [n, m], encode(transpose(values, m, n), "F32")) },
        { name: "W_dec.npy", data: npyFile("<f4", [m, n], encode(values, "F32")) },
        { name: "threshold.npy", data: npyFile("<f4", [m], encode(new Float64Array(m), "F32")) },
      ],
      { deflate: true },
    );
    const { page, context, problems, root } = await openTool();
    await pick(page, []);
    await root.locator("select[name='mode']").selectOption("sampled");
    await pick(page, [{ name: "params.npz", bytes: params }]);
    expect(await settled(page, 120_000)).toBe("done");
    const shown = await outputs(page);
    expect(shown.mode!.value).toBe("sampled");
    expect(await root.locator("select[name='matrix']").inputValue()).toBe("1");
    const exact = naiveGeometry(stored(values, "F32"), m, n);
    for (const [name, truth] of [
      ["rms-overlap", exact.rms],
      ["mean-overlap", exact.mean],
      ["median-worst-overlap", exact.median],
      ["p99-worst-overlap", exact.p99],
      ["pairs-above-0.5", exact.above05],
    ] as const) {
      const se = Number(shown[name]!.se);
      expect(se, name).toBeGreaterThan(0);
      expect(Math.abs(num(shown[name]) - truth) / se, name).toBeLessThan(4);
    }
    // The largest found is a lower bound of the largest.
    expect(num(shown["max-overlap"])).toBeLessThanOrEqual(exact.max + 1e-6);
    expect(shown["max-overlap"]!.text).toMatch(/^≥ /);
    expect(await root.textContent()).toMatch(/the pairs of 8,192 live latents drawn at random/);
    expect(problems).toEqual([]);
    await context.close();
  }, 180_000);

  test("a sparsify sae.safetensors in bfloat16 with its cfg.json: L0 from k, the numbers of the stored values", async () => {
    const m = 300;
    const n = 40;
    const values = plantedDecoder(m, n, 9);
    const dtype: TestDType = "BF16";
    const weights = safetensorsFile([
      { name: "encoder.weight", dtype, shape: [m, n], bytes: encode(values, dtype) },
      { name: "W_dec", dtype, shape: [m, n], bytes: encode(values, dtype) },
    ]);
    const cfg = JSON.stringify({ expansion_factor: 0, k: 12, num_latents: m, d_in: n });
    const { page, context, problems, root } = await openTool();
    await pick(page, [
      { name: "sae.safetensors", bytes: weights },
      { name: "cfg.json", bytes: new TextEncoder().encode(cfg) },
    ]);
    expect(await settled(page)).toBe("done");
    expect(await root.locator('input[name="l0"]').inputValue()).toBe("12");
    expect(await root.textContent()).toContain("L0 = 12, from cfg.json’s k.");
    const shown = await outputs(page);
    const naive = naiveGeometry(stored(values, dtype), m, n);
    expect(Math.abs(num(shown["rms-overlap"]) - naive.rms)).toBeLessThan(1e-6);
    expect(shown["max-overlap"]!.pair).toBe(naive.maxPair.join(","));
    const readouts = naiveReadouts(stored(values, dtype), m, n, 12, 1000, 1);
    expect(num(shown["misreads-topk"])).toBe(readouts.topk);
    expect(problems).toEqual([]);
    await context.close();
  }, 90_000);
});

describe("bad files", () => {
  test("each kind says what is wrong next to the picker, and the next file is measured at once", async () => {
    const good = safetensorsFile([{ name: "W_dec", dtype: "F32", shape: [16, 4], bytes: encode(new Float64Array(64).fill(0.5), "F32") }]);
    const withLength = (value: number) => {
      const bytes = good.slice();
      new DataView(bytes.buffer).setUint32(0, value, true);
      return bytes;
    };
    const png = concat([Uint8Array.of(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a), new Uint8Array(100)]);
    const cases: [string, GivenFile, RegExp][] = [
      ["a truncated file", { name: "w.safetensors", bytes: good.subarray(0, good.length - 10) }, /cut short: tensor "W_dec" ends at byte/],
      ["a header length past the end", { name: "w.safetensors", bytes: withLength(good.length) }, /runs past the end/],
      ["an absurd header length", { name: "w.safetensors", bytes: withLength(0xffffffff) }, /100 MB limit/],
      [
        "a header that is not JSON",
        { name: "w.safetensors", bytes: concat([Uint8Array.of(6, 0, 0, 0, 0, 0, 0, 0), new TextEncoder().encode("{oops}"), new Uint8Array(8)]) },
        /header .* is not JSON/,
      ],
      [
        "an unknown dtype",
        { name: "w.safetensors", bytes: safetensorsFile([{ name: "W_dec", dtype: "I8", shape: [4, 4], bytes: new Uint8Array(16) }]) },
        /"W_dec" \(I8\)/,
      ],
      [
        "a 1-D tensor",
        { name: "w.safetensors", bytes: safetensorsFile([{ name: "b_dec", dtype: "F32", shape: [16], bytes: new Uint8Array(64) }]) },
        /no 2-D tensor.*"b_dec" \[16\]/,
      ],
      [
        "a shape whose bytes do not match",
        { name: "w.safetensors", bytes: safetensorsFile([{ name: "W_dec", dtype: "F32", shape: [16, 5], bytes: new Uint8Array(256) }]) },
        /shape \[16, 5\] in F32, which needs 320 bytes, but its entry holds 256/,
      ],
      ["a zip that is not an npz", { name: "p.npz", bytes: zipFile([{ name: "notes.txt", data: new Uint8Array(5) }]) }, /not an \.npz/],
      [
        "an npz without a 2-D array",
        { name: "p.npz", bytes: zipFile([{ name: "b_dec.npy", data: npyFile("<f4", [4], new Uint8Array(16)) }]) },
        /no 2-D array of floats to measure/,
      ],
      ["an empty file", { name: "params.npz", bytes: new Uint8Array(0) }, /params\.npz is empty \(0 bytes\)/],
      ["a PNG renamed .npz", { name: "params.npz", bytes: png }, /params\.npz is a PNG image, not SAE weights/],
      [
        "a file with NaN rows",
        { name: "nan.npy", bytes: npyFile("<f4", [6, 4], encode(new Float64Array(24).fill(Number.NaN), "F32")) },
        /nan has 0 live latents: measuring overlaps needs at least 2/,
      ],
      ["a PyTorch checkpoint", { name: "sae.pt", bytes: zipFile([{ name: "archive/data.pkl", data: new Uint8Array(5) }]) }, /PyTorch checkpoint/],
    ];
    const { page, context, problems, root } = await openTool();
    await pick(page, []);
    for (const [label, bad, message] of cases) {
      await pick(page, [bad]);
      expect(await settled(page), label).toBe("error");
      const alert = root.locator("[role='alert']");
      expect(await alert.count(), label).toBe(1);
      expect(await alert.textContent(), label).toMatch(message);
      expect(await alert.evaluate((el) => el.closest(".dictionary__picker") !== null), label).toBe(true);
      expect(await root.innerText(), label).not.toMatch(/\bNaN\b|\bInfinity\b|\bundefined\b/);
    }
    expect(await axe(page)).toEqual([]);
    await pick(page, [
      {
        name: "sae_weights.safetensors",
        bytes: safetensorsFile([{ name: "W_dec", dtype: "F32", shape: [50, 8], bytes: encode(plantedDecoder(50, 8, 1), "F32") }]),
      },
    ]);
    await root.locator('input[name="l0"]').fill("3");
    expect(await settled(page)).toBe("done");
    expect(await root.locator("[role='alert']").count()).toBe(0);
    expect(problems).toEqual([]);
    await context.close();
  }, 120_000);
});

describe("Cancel", () => {
  test("reaches every worker, keeps the page usable, and passes axe while running and after", async () => {
    // 12 000 latents of 1 024: seconds of pairs, far more than the time to cancel.
    const m = 12_000;
    const n = 1024;
    const { gaussian } = testRandom(2);
    const path = join(scratch, "big.npy");
    writeFileSync(path, npyFile("<f4", [m, n], new Uint8Array(Float32Array.from({ length: m * n }, gaussian).buffer)));
    const { page, context, problems, root } = await openTool();
    await pick(page, [path]);
    await page.waitForFunction(() => document.querySelector("[data-dictionary]")?.getAttribute("data-state") === "measuring", undefined, {
      timeout: 60_000,
    });
    await expect.poll(() => root.locator("progress").evaluate((p) => (p as HTMLProgressElement).value), { timeout: 30_000 }).toBeGreaterThan(0);
    expect(await axe(page)).toEqual([]);
    await root.getByRole("button", { name: "Cancel" }).click();
    expect(await state(page)).toBe("cancelled");
    expect(await root.locator("progress").count()).toBe(0);
    const cores = await page.evaluate(() => Math.max(1, Math.min(8, navigator.hardwareConcurrency)));
    await expect
      .poll(
        async () =>
          new Set(
            (await page.evaluate(() => (globalThis as unknown as { workerReplies: { worker: number; type: string }[] }).workerReplies))
              .filter((r) => r.type === "cancelled")
              .map((r) => r.worker),
          ).size,
        { timeout: 10_000 },
      )
      .toBe(cores);
    expect(await axe(page)).toEqual([]);
    await pick(page, [
      {
        name: "small.safetensors",
        bytes: safetensorsFile([{ name: "W_dec", dtype: "F32", shape: [80, 8], bytes: encode(plantedDecoder(80, 8, 2), "F32") }]),
      },
    ]);
    expect(await settled(page)).toBe("done");
    expect(problems).toEqual([]);
    await context.close();
  }, 120_000);
});

describe("on a phone, in the dark, and without JavaScript", () => {
  test("at 375 px after a measurement nothing scrolls sideways, every control is touch-sized, and axe passes in dark mode", async () => {
    const { page, context, problems } = await openTool({
      viewport: { width: 375, height: 800 },
      isMobile: true,
      hasTouch: true,
      colorScheme: "dark",
    });
    await pick(page, [
      {
        name: "sae_weights.safetensors",
        bytes: safetensorsFile([{ name: "W_dec", dtype: "F32", shape: [400, 32], bytes: encode(plantedDecoder(400, 32, 3), "F32") }]),
      },
    ]);
    expect(await settled(page)).toBe("done");
    await expect.poll(() => page.locator("[data-dictionary] figure svg").count()).toBe(2);
    expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0);
    const small = await page.evaluate(() =>
      Array.from(document.querySelectorAll<HTMLElement>("[data-dictionary] :is(button, input, select)"))
        .filter((el) => el.offsetParent !== null)
        .map((el) => ({ name: el.getAttribute("name") ?? el.textContent, r: el.getBoundingClientRect() }))
        .filter(({ r }) => r.width < 24 || r.height < 24)
        .map(({ name, r }) => `${name} ${Math.round(r.width)}×${Math.round(r.height)}`),
    );
    expect(small).toEqual([]);
    // Figures drawn for the phone's width: their text stays at 10 px or more.
    const smallest = await page.evaluate(() =>
      Math.min(
        ...Array.from(document.querySelectorAll<SVGSVGElement>("[data-dictionary] figure svg")).flatMap((svg) => {
          const scale = svg.getBoundingClientRect().width / svg.viewBox.baseVal.width;
          return Array.from(svg.querySelectorAll("text"), (t) => parseFloat(getComputedStyle(t).fontSize) * scale);
        }),
      ),
    );
    expect(smallest).toBeGreaterThanOrEqual(9.99);
    expect(await axe(page)).toEqual([]);
    expect(problems).toEqual([]);
    await context.close();
  }, 90_000);

  test("without JavaScript the box says the tool needs it, and shows no control that could not work", async () => {
    const { page, context } = await openPage(browser(), PAGE, { javaScriptEnabled: false });
    const root = page.locator("[data-dictionary]");
    expect(await root.getAttribute("data-state")).toBe("idle");
    expect(await root.locator(".dictionary__needs-js").isVisible()).toBe(true);
    expect(await root.locator(".dictionary__needs-js").textContent()).toMatch(/needs JavaScript, which is off/);
    expect(await root.locator('input[type="file"]').isVisible()).toBe(false);
    expect(await root.getByRole("button", { name: "Measure" }).isVisible()).toBe(false);
    await context.close();
  });
});
