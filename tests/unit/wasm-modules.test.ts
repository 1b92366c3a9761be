/**
 * The committed WebAssembly modules are their .wat sources assembled: a kernel edited without
 * `npm run build:wasm` fails here, not silently in the browser.
 */
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { assembleKernel, kernelModuleSource, readKernelText, WASM_KERNELS } from "../../scripts/wasm-assemble.ts";

describe("the committed WebAssembly modules", () => {
  for (const source of WASM_KERNELS) {
    it(`${source.module} is ${source.wat} assembled (run \`npm run build:wasm\` after editing it)`, async () => {
      const root = new URL("../../", import.meta.url);
      const wat = readKernelText(fileURLToPath(new URL(source.wat, root)));
      const committed = readFileSync(new URL(source.module, root), "utf8");
      const name = source.wat.split("/").at(-1)!;
      expect(committed).toBe(kernelModuleSource(await assembleKernel(wat, name), name, source.constant));
    });
  }
});
