/**
 * Assembles the hand-written WebAssembly kernels (see WASM_KERNELS in wasm-assemble.ts: the
 * simulation's kernel.wat and the toy model's toy-kernel.wat, and RELAXED_WASM_KERNELS: the
 * simulation's kernel in its relaxed-SIMD build) into TypeScript modules holding the
 * binaries as base64 strings. Inlining the bytes means a kernel loads the same way in Node, in
 * Vite's browser bundle and in a Web Worker, with no loader plugin and no extra request. Run after
 * editing a .wat file:
 *
 *     npm run build:wasm
 *
 * `--check` only verifies that every generated module matches its .wat (exit code 1 if not).
 * Needs the `wabt` dev dependency (WebAssembly Binary Toolkit compiled to JS); the site itself
 * does not.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { basename } from "node:path";
import { fileURLToPath } from "node:url";
import { assembleKernel, kernelModuleSource, readKernelText, RELAXED_WASM_KERNELS, WASM_KERNELS } from "./wasm-assemble.ts";

const root = new URL("..", import.meta.url);
let stale = false;
const builds = [...WASM_KERNELS.map((kernel) => ({ kernel, relaxed: false })), ...RELAXED_WASM_KERNELS.map((kernel) => ({ kernel, relaxed: true }))];
for (const { kernel, relaxed } of builds) {
  const watPath = fileURLToPath(new URL(kernel.wat, root));
  const outPath = fileURLToPath(new URL(kernel.module, root));
  const name = basename(watPath);
  const bytes = await assembleKernel(readKernelText(watPath), name, relaxed);
  const source = kernelModuleSource(bytes, name, kernel.constant, relaxed);
  if (process.argv.includes("--check")) {
    let current = "";
    try {
      current = readFileSync(outPath, "utf8");
    } catch {
      // A missing module is out of date too.
    }
    if (current !== source) {
      console.error(`${basename(outPath)} is out of date: run \`npm run build:wasm\``);
      stale = true;
    } else {
      console.log(`${basename(outPath)} matches ${name} (${bytes.length} bytes)`);
    }
  } else {
    writeFileSync(outPath, source);
    console.log(`wrote ${outPath} (${bytes.length} bytes of wasm)`);
  }
}
if (stale) process.exit(1);
