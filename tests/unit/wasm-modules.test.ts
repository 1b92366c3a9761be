/**
 * The committed WebAssembly modules are their .wat sources assembled: a kernel edited without
 * `npm run build:wasm` fails here, not silently in the browser.
 */
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { assembleKernel, kernelModuleSource, readKernelText, RELAXED_WASM_KERNELS, WASM_KERNELS } from "../../scripts/wasm-assemble.ts";

describe("the committed WebAssembly modules", () => {
  const builds = [
    ...WASM_KERNELS.map((source) => ({ source, relaxed: false })),
    ...RELAXED_WASM_KERNELS.map((source) => ({ source, relaxed: true })),
  ];
  for (const { source, relaxed } of builds) {
    it(`${source.module} is ${source.wat} assembled${relaxed ? " in its relaxed-SIMD build" : ""} (run \`npm run build:wasm\` after editing it)`, async () => {
      const root = new URL("../..", import.meta.url);
      const wat = readKernelText(fileURLToPath(new URL(source.wat, root)));
      const committed = readFileSync(new URL(source.module, root), "utf8");
      const name = source.wat.split("/").at(-1)!;
      expect(committed).toBe(kernelModuleSource(await assembleKernel(wat, name, relaxed), name, source.constant, relaxed));
    });
  }
});
