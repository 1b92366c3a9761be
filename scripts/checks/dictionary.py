"""
Independent check of the dictionary engine (src/features/dictionary/engine/), run by hand:

    python3 scripts/checks/dictionary.py

numpy writes decoders with planted structure (a near-duplicate pair at cosine 0.95, an antipodal
pair, a zero row and a NaN row) in every format the page reads: np.save (.npy, C and fortran order,
float32 and float16), np.savez (stored .npz, which numpy writes with zip64 extras) and
np.savez_compressed (deflated), and safetensors written here by hand (F32, F16, BF16). For each file
the site's engine measures it (run through node, which runs the .ts sources directly) and numpy
computes the same statistics from the same file: both are printed side by side with the largest
difference. Then one file in sampled mode against numpy's exact values, in standard errors, and
the engine's readouts recomputed here token by token from the active sets it used.
"""
import json
import os
import subprocess
import sys
import tempfile

import numpy as np

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
ENGINE = os.path.join(ROOT, "src", "features", "dictionary", "engine")

RUNNER = """
import { readFileSync } from "node:fs";
import { bytesSource } from "ENGINE/byte-source.ts";
import { latentReader } from "ENGINE/latent-rows.ts";
import { measureGeometry, measureReadouts } from "ENGINE/measure.ts";
import { openDictionary } from "ENGINE/open-dictionary.ts";
import { activeSets } from "ENGINE/readouts.ts";
const [path, mode, l] = process.argv.slice(2);
const file = await openDictionary(bytesSource(new Uint8Array(readFileSync(path)), path));
const reader = latentReader(file.matrices[file.defaultIndex]);
const run = async (steps) => { for (;;) { const s = await steps.next(); if (s.done) return s.value; } };
const measured = await run(measureGeometry(reader, { mode, subset: 1500, worstSample: 500, seed: 4 }));
const g = measured.geometry;
const out = { format: file.format, matrix: reader.matrix.name, dtype: reader.matrix.dtype, mode: g.mode, live: g.live, dead: g.dead,
  rms: g.rmsOverlap, mean: g.meanOverlap, max: g.maxOverlap.value, pair: g.maxOverlap.pair, above05: g.pairsAbove05, above09: g.pairsAbove09,
  median: g.medianWorstOverlap, p99: g.p99WorstOverlap, histogram: Array.from(g.histogram.counts), comparison: g.comparison };
if (l !== undefined) {
  const r = await run(measureReadouts(reader, measured, Number(l), { tokens: 300, seed: 2 }));
  out.readouts = { threshold: Array.from(r.perTokenThreshold), topk: Array.from(r.perTokenTopk), sets: activeSets(g.live, Number(l), 300, 2).map((s) => Array.from(s)) };
}
console.log(JSON.stringify(out));
"""


def planted(m, n, seed):
    rng = np.random.default_rng(seed)
    d = rng.standard_normal((m, n)) * rng.uniform(0.2, 3.2, (m, 1))
    u0 = d[0] / np.linalg.norm(d[0])
    w = d[1] - (d[1] @ u0) * u0
    w /= np.linalg.norm(w)
    d[1] = 1.7 * (0.95 * u0 + np.sqrt(1 - 0.95**2) * w)
    d[3] = -0.5 * d[2]
    d[5] = 0
    d[7, 3] = np.nan
    return d


def bf16(values):
    bits = np.asarray(values, np.float32).view(np.uint32).astype(np.uint64)
    rounded = ((bits + 0x7FFF + ((bits >> 16) & 1)) >> 16).astype(np.uint16)
    return rounded, (rounded.astype(np.uint32) << 16).view(np.float32)


def write_safetensors(path, name, values, dtype):
    if dtype == "BF16":
        raw, stored = bf16(values)
    else:
        stored = np.asarray(values, {"F32": np.float32, "F16": np.float16}[dtype])
        raw = stored
    data = np.ascontiguousarray(raw).tobytes()
    header = json.dumps({name: {"dtype": dtype, "shape": list(values.shape), "data_offsets": [0, len(data)]}}).encode()
    header += b" " * ((8 - len(header) % 8) % 8)
    with open(path, "wb") as f:
        f.write(len(header).to_bytes(8, "little") + header + data)
    return np.asarray(stored, np.float64)


def numpy_geometry(values):
    norms = np.sqrt((values**2).sum(axis=1))
    live = np.isfinite(norms) & (norms > 0)
    units = values[live] / norms[live, None]
    g = units @ units.T
    k = len(units)
    iu = np.triu_indices(k, 1)
    pairs = np.abs(g[iu])
    np.fill_diagonal(g, 0)
    worst = np.abs(g).max(axis=1)
    top = int(pairs.argmax())
    live_index = np.flatnonzero(live)
    hist = np.bincount(np.minimum((pairs * 1000).astype(int), 999), minlength=1000)
    return {"live": int(live.sum()), "dead": int((~live).sum()), "rms": float(np.sqrt((g[iu] ** 2).mean())), "mean": float(pairs.mean()),
            "max": float(pairs[top]), "pair": [int(live_index[iu[0][top]]), int(live_index[iu[1][top]])], "above05": int((pairs > 0.5).sum()),
            "above09": int((pairs > 0.9).sum()), "median": float(np.quantile(worst, 0.5)), "p99": float(np.quantile(worst, 0.99)), "histogram": hist,
            "units": units}


def engine(path, mode="exact", l=None):
    with tempfile.NamedTemporaryFile("w", suffix=".ts", delete=False) as f:
        f.write(RUNNER.replace("ENGINE", ENGINE))
        runner = f.name
    try:
        args = ["node", runner, path, mode] + ([str(l)] if l is not None else [])
        return json.loads(subprocess.run(args, check=True, capture_output=True, text=True).stdout)
    finally:
        os.unlink(runner)


def main():
    m, n = 2000, 96
    values = planted(m, n, 3)
    folder = tempfile.mkdtemp()
    files = []
    for dtype, kind in ((np.float32, "F32"), (np.float16, "F16")):
        p = os.path.join(folder, f"decoder-{kind}.npy")
        np.save(p, values.astype(dtype))
        files.append((f"npy {kind}", p, values.astype(dtype).astype(np.float64)))
    p = os.path.join(folder, "decoder-fortran.npy")
    np.save(p, np.asfortranarray(values.astype(np.float32)))
    files.append(("npy F32 fortran", p, values.astype(np.float32).astype(np.float64)))
    for save, label in ((np.savez, "npz stored"), (np.savez_compressed, "npz deflated")):
        p = os.path.join(folder, f"params-{label[4:]}.npz")
        save(p, W_enc=values.T.astype(np.float32), W_dec=values.astype(np.float32), b_dec=np.zeros(n, np.float32))
        files.append((label, p, values.astype(np.float32).astype(np.float64)))
    for kind in ("F32", "F16", "BF16"):
        p = os.path.join(folder, f"sae-{kind}.safetensors")
        files.append((f"safetensors {kind}", p, write_safetensors(p, "W_dec", values, kind)))

    keys = ["rms", "mean", "max", "median", "p99"]
    print(f"{'file':20} {'stat':8} {'engine':>14} {'numpy':>14} {'|diff|':>9}")
    worst_diff = 0.0
    mismatches = 0
    for label, path, stored in files:
        ours = engine(path)
        ref = numpy_geometry(stored)
        for key in keys:
            value = ours[key]["value"] if isinstance(ours[key], dict) else ours[key]
            diff = abs(value - ref[key])
            worst_diff = max(worst_diff, diff)
            print(f"{label:20} {key:8} {value:14.9f} {ref[key]:14.9f} {diff:9.1e}")
        exact_fields = [("live", ours["live"], ref["live"]), ("dead", ours["dead"], ref["dead"]), ("above05", ours["above05"]["value"], ref["above05"]),
                        ("above09", ours["above09"]["value"], ref["above09"]), ("pair", ours["pair"], ref["pair"])]
        moved = int(np.abs(np.array(ours["histogram"]) - ref["histogram"]).sum())
        for name, a, b in exact_fields:
            mismatches += a != b
        print(f"{label:20} counts   live {ours['live']}/{ref['live']}, dead {ours['dead']}/{ref['dead']}, above 0.5 {ours['above05']['value']}/{ref['above05']},"
              f" above 0.9 {ours['above09']['value']}/{ref['above09']}, max pair {ours['pair']}/{ref['pair']}, histogram moved {moved}")
    print(f"\nlargest difference over every file and statistic: {worst_diff:.1e}; count mismatches: {mismatches}")

    print("\nsampled mode (1 500-latent subset, 500-latent worst sample) against numpy's exact values, in standard errors:")
    big = planted(8000, 64, 5)
    p = os.path.join(folder, "big.npy")
    np.save(p, big.astype(np.float32))
    ours = engine(p, "sampled")
    ref = numpy_geometry(big.astype(np.float32).astype(np.float64))
    for key in ["rms", "mean", "median", "p99", "above05"]:
        est = ours[key]
        print(f"  {key:8} engine {est['value']:.6g} ± {est['se']:.2g}   numpy exact {ref[key]:.6g}   deviation {(est['value'] - ref[key]) / est['se']:+.2f} se")

    print("\nreadouts at L0 = 8 over 300 tokens, recomputed here from the engine's active sets:")
    path = files[0][1]
    ours = engine(path, "exact", 8)
    units = numpy_geometry(files[0][2])["units"].astype(np.float32)
    threshold, topk = [], []
    for s in ours["readouts"]["sets"]:
        x = np.zeros(n, np.float32)
        for i in s:
            x = x + units[i]
        r = units.astype(np.float64) @ x.astype(np.float64)
        active = np.zeros(len(units), bool)
        active[s] = True
        threshold.append(int(((active & ~(r > 0.5)) | (~active & ~(r < 0.5))).sum()))
        order = np.lexsort((np.arange(len(r)), -r))[: len(s)]
        topk.append(2 * (len(s) - int(active[order].sum())))
    same_t = sum(a == b for a, b in zip(threshold, ours["readouts"]["threshold"]))
    same_k = sum(a == b for a, b in zip(topk, ours["readouts"]["topk"]))
    print(f"  misreads-threshold: engine mean {np.mean(ours['readouts']['threshold']):.4f}, numpy {np.mean(threshold):.4f}, tokens equal {same_t}/300")
    print(f"  misreads-topk:      engine mean {np.mean(ours['readouts']['topk']):.4f}, numpy {np.mean(topk):.4f}, tokens equal {same_k}/300")
    return 0 if worst_diff < 1e-5 and mismatches == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
