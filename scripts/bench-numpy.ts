/**
 * numpy's side of `npm run bench`: the same jobs as the site's engine, timed in python3 with numpy
 * (OpenBLAS) on a given number of threads, so the bench prints ratios measured side by side.
 */
import { spawnSync } from "node:child_process";

/** Timed runs per job, on both sides (the best counts, after one untimed warm-up). */
export const REPEATS = 3;

const NUMPY_PRELUDE = `
import json, sys, time
import numpy as np
args = json.loads(sys.argv[1])
m, n = args["m"], args["n"]
def best(fn, repeats=args.get("best", ${REPEATS})):
    value = fn()
    t = float("inf")
    for _ in range(repeats):
        s = time.perf_counter(); value = fn(); t = min(t, time.perf_counter() - s)
    return t, value
`;

const NUMPY_JOBS: Record<string, string> = {
  embedding: `
rng = np.random.default_rng(1)
def job():
    A = rng.standard_normal((m, n), dtype=np.float32)
    A /= np.sqrt(np.einsum("ij,ij->i", A, A, dtype=np.float64)).astype(np.float32)[:, None]
    return 0.0
t, v = best(job)
`,
  "allpairs-max": `
A = np.fromfile(args["file"], dtype=np.float32).reshape(m, n)
def job():
    G = A @ A.T
    np.fill_diagonal(G, 0)
    return float(np.abs(G).max())
t, v = best(job)
`,
  "allpairs-hist": `
A = np.fromfile(args["file"], dtype=np.float32).reshape(m, n)
r = args["range"]
iu = np.triu_indices(m, 1)
def job():
    G = A @ A.T
    counts, _ = np.histogram(G[iu], bins=120, range=(-r, r))
    return int(counts.sum())
t, v = best(job)
`,
  readout: `
A = np.fromfile(args["file"], dtype=np.float32).reshape(m, n)
l, trials = args["l"], args["trials"]
rng = np.random.default_rng(1)
def job():
    idx = np.argpartition(rng.random((trials, m)), l, axis=1)[:, :l]
    X = A[idx].sum(axis=1)
    R = A @ X.T
    active = np.zeros((m, trials), dtype=bool)
    active[idx.T, np.arange(trials)] = True
    noise = R - active
    inactive_rms = float(np.sqrt(np.mean(noise[~active].astype(np.float64) ** 2)))
    worst = np.abs(noise).max(axis=0)
    correct = np.all((R > 0.5) == active, axis=0)
    return inactive_rms, float(worst.mean()), float(correct.mean())
t, v = best(job)
`,
  "toy-step": `
S, B, steps = args["sparsity"], 1024, args["steps"]
def make(dtype):
    rng = np.random.default_rng(0)
    W = (rng.standard_normal((n, m)) * np.sqrt(2 / (n + m))).astype(dtype)
    b = np.zeros(m, dtype)
    I = (0.9 ** np.arange(m)).astype(dtype)
    state = [0, np.zeros_like(W), np.zeros_like(W), np.zeros_like(b), np.zeros_like(b)]
    def step():
        state[0] += 1
        t = state[0]
        # One draw per entry, as our per-entry sampler: u < S gives 0, else (u − S)/(1 − S) is uniform.
        x = rng.random((B, m), dtype=dtype)
        x -= dtype(S)
        np.maximum(x, 0, out=x)
        x *= dtype(1 / (1 - S))
        h = x @ W.T
        y = h @ W + b
        d = np.maximum(y, 0) - x
        loss = float(((d * d) @ I).sum()) / B
        g = (2 / B) * I * d * (y > 0)
        gb = g.sum(0)
        gW = h.T @ g + W @ (g.T @ x)
        for p, gr, mm, vv in ((W, gW, state[1], state[2]), (b, gb, state[3], state[4])):
            mm *= 0.9; mm += 0.1 * gr
            vv *= 0.999; vv += 0.001 * gr * gr
            p -= (1e-3 / (1 - 0.9 ** t)) * mm / (np.sqrt(vv) / np.sqrt(1 - 0.999 ** t) + 1e-8)
        return loss
    def run():
        for _ in range(steps): loss = step()
        return loss
    for _ in range(100): step()
    return run
t64, _ = best(make(np.float64), args["repeats"])
t32, _ = best(make(np.float32), args["repeats"])
t, v = min(t64, t32) / steps, {"float64": t64 / steps, "float32": t32 / steps}
`,
};

let numpyMissing: string | undefined;

/** numpy's time (and value) for a job on `threads` threads, or undefined when python3/numpy is unavailable. */
export function numpy(job: string, args: Record<string, unknown>, threads = 1): { seconds: number; value: unknown } | undefined {
  if (numpyMissing !== undefined) return undefined;
  const script = `${NUMPY_PRELUDE}${NUMPY_JOBS[job]}print(json.dumps({"seconds": t, "value": v}))`;
  const count = String(threads);
  const env = { ...process.env, OPENBLAS_NUM_THREADS: count, OMP_NUM_THREADS: count, MKL_NUM_THREADS: count };
  const run = spawnSync("python3", ["-c", script, JSON.stringify(args)], { env, encoding: "utf8", maxBuffer: 1 << 20 });
  if (run.error !== undefined || run.status !== 0) {
    numpyMissing = run.error?.message ?? run.stderr.trim().split("\n").at(-1) ?? "python3 failed";
    console.log(`(numpy comparison skipped: ${numpyMissing})`);
    return undefined;
  }
  return JSON.parse(run.stdout) as { seconds: number; value: unknown };
}
