/**
 * Assembles src/core/simulation/kernel.wat (hand-written WebAssembly text) into
 * src/core/simulation/kernel-wasm.ts, a module holding the binary as a base64 string. Inlining the
 * bytes means the kernel loads the same way in Node, in Vite's browser bundle and in a Web Worker,
 * with no loader plugin and no extra request. Run after editing kernel.wat:
 *
 *     npm run build:wasm
 *
 * `--check` only verifies that kernel-wasm.ts matches kernel.wat (exit code 1 if not).
 * Needs the `wabt` dev dependency (WebAssembly Binary Toolkit compiled to JS); the site itself
 * does not.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { assembleKernel, kernelModuleSource } from "./wasm-assemble.ts";

const watPath = fileURLToPath(new URL("../src/core/simulation/kernel.wat", import.meta.url));
const outPath = fileURLToPath(new URL("../src/core/simulation/kernel-wasm.ts", import.meta.url));

const bytes = await assembleKernel(readFileSync(watPath, "utf8"));
const source = kernelModuleSource(bytes);
if (process.argv.includes("--check")) {
  const current = readFileSync(outPath, "utf8");
  if (current !== source) {
    console.error("kernel-wasm.ts is out of date: run `npm run build:wasm`");
    process.exit(1);
  }
  console.log(`kernel-wasm.ts matches kernel.wat (${bytes.length} bytes)`);
} else {
  writeFileSync(outPath, source);
  console.log(`wrote ${outPath} (${bytes.length} bytes of wasm)`);
}
