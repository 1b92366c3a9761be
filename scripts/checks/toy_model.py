"""Independent check of the site's toy model (src/features/toy-model/engine//) against numpy.

Trains the toy model of "Toy Models of Superposition" (Elhage et al., 2022) in numpy with the
same hyper-parameters as the TypeScript core -- m features x_i in [0, 1], each 0 with probability S
and otherwise uniform; importance I_i = r^i; h = W x; x' = ReLU(W^T h + b); loss
sum_i I_i (x_i - x'_i)^2 averaged over a batch of 1024; Adam (lr 1e-3, betas 0.9/0.999, eps 1e-8,
bias-corrected as in PyTorch); Xavier-normal W, b = 0; a fresh batch every step; float64 -- then
measures both models the same way and prints them side by side. The TypeScript numbers come from
running node on scripts/checks/toy-model-results.ts. The two use different random generators, so
the same seed gives different (equally valid) runs: compare ranges, not digits.

Run by hand (about two minutes; --quick: the two-neuron cases only):

    python3 scripts/checks/toy_model.py [--quick]
"""
import json
import os
import subprocess
import sys
import time

import numpy as np

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
BATCH = 1024


def train(n, m, S, r, steps, seed, lr=1e-3, b1=0.9, b2=0.999, eps=1e-8):
    rng = np.random.default_rng(seed)
    W = rng.standard_normal((n, m)) * np.sqrt(2 / (n + m))
    b = np.zeros(m)
    I = r ** np.arange(m)
    mW, vW, mb, vb = np.zeros_like(W), np.zeros_like(W), np.zeros_like(b), np.zeros_like(b)
    for t in range(1, steps + 1):
        x = np.where(rng.random((BATCH, m)) < S, 0.0, rng.random((BATCH, m)))
        h = x @ W.T
        y = h @ W + b
        d = np.maximum(y, 0) - x
        g = 2 * I * d * (y > 0) / BATCH
        gb = g.sum(0)
        gW = h.T @ g + (g @ W.T).T @ x
        for p, gr, mm, vv in ((W, gW, mW, vW), (b, gb, mb, vb)):
            mm *= b1
            mm += (1 - b1) * gr
            vv *= b2
            vv += (1 - b2) * gr * gr
            p -= lr / (1 - b1 ** t) * mm / (np.sqrt(vv) / np.sqrt(1 - b2 ** t) + eps)
    return W, b


def measure(W, b, S, r, seed, samples=4000):
    n, m = W.shape
    norms = np.linalg.norm(W, axis=0)
    rep = norms > 0.5
    k = int(rep.sum())
    out = {"represented": k}
    if k >= 2:
        D = W[:, rep] / norms[rep]
        c = (D.T @ D)[np.triu_indices(k, 1)]
        out["rms"] = float(np.sqrt(np.mean(c ** 2)))
        out["maxAbs"] = float(np.abs(c).max())
        out["welch"] = float(np.sqrt((k - n) / (n * (k - 1)))) if k > n else 0.0
    rng = np.random.default_rng(seed + 10 ** 6)
    x = np.where(rng.random((samples, m)) < S, 0.0, rng.random((samples, m)))
    linear = x @ W.T @ W
    relu = np.maximum(linear + b, 0)
    inactive = x == 0
    if inactive.any():
        out["linearRms"] = float(np.sqrt(np.mean(linear[inactive] ** 2)))
        out["reluRms"] = float(np.sqrt(np.mean(relu[inactive] ** 2)))
    out["loss"] = float(((r ** np.arange(m)) * (x - relu) ** 2).sum(1).mean())
    out["meanBias"] = float(b.mean())
    if n == 2 and k >= 2:
        angles = np.sort(np.arctan2(W[1, rep], W[0, rep]))
        gaps = np.degrees(np.diff(np.append(angles, angles[0] + 2 * np.pi)))
        out["angles"] = [float(a) for a in gaps]
    return out


def typescript(jobs):
    run = subprocess.run(
        ["node", os.path.join(ROOT, "scripts", "checks", "toy-model-results.ts"), json.dumps(jobs)],
        capture_output=True, text=True, cwd=ROOT, check=True,
    )
    return [json.loads(line) for line in run.stdout.splitlines() if line.strip()]


def fmt(x, digits=3):
    if x is None:
        return "-"
    if isinstance(x, list):
        return f"{min(x):.1f}-{max(x):.1f}"
    if isinstance(x, int):
        return str(x)
    return f"{x:.{digits}g}"


def main():
    quick = "--quick" in sys.argv
    jobs = [
        dict(n=2, m=5, sparsity=0.0, importance=0.9, steps=10000, seed=0),
        dict(n=2, m=5, sparsity=0.99, importance=0.9, steps=4000, seed=0),
    ]
    if not quick:
        jobs += [dict(n=20, m=80, sparsity=S, importance=0.9, steps=6000, seed=0) for S in (0.7, 0.9, 0.97, 0.99)]
    os.environ.setdefault("OMP_NUM_THREADS", "1")
    ts = typescript(jobs)
    columns = [("represented", "k"), ("loss", "loss"), ("rms", "RMS |cos|"), ("welch", "Welch(k)"), ("maxAbs", "max |cos|"),
               ("linearRms", "linear noise"), ("reluRms", "after ReLU"), ("meanBias", "mean b"), ("angles", "n=2 gaps (deg)")]
    print(f"{'setting':<34}" + "".join(f"{title:>24}" for _, title in columns))
    print(f"{'':<34}" + "".join(f"{'TS / numpy':>24}" for _ in columns))
    for job, ours in zip(jobs, ts):
        start = time.perf_counter()
        W, b = train(job["n"], job["m"], job["sparsity"], job["importance"], job["steps"], job["seed"])
        seconds = time.perf_counter() - start
        theirs = measure(W, b, job["sparsity"], job["importance"], job["seed"])
        mine = {
            "represented": ours["represented"], "loss": ours["readout"]["loss"], "rms": ours["overlaps"].get("rms"),
            "welch": ours["references"].get("welch"), "maxAbs": ours["overlaps"].get("maxAbs"),
            "linearRms": ours["readout"].get("linearRms"), "reluRms": ours["readout"].get("reluRms"),
            "meanBias": ours["meanBias"], "angles": (ours.get("plane") or {}).get("neighbourAngles") if job["n"] == 2 else None,
        }
        label = f"n={job['n']} m={job['m']} S={job['sparsity']} {job['steps']} steps"
        print(f"{label:<34}" + "".join(f"{fmt(mine.get(key)) + ' / ' + fmt(theirs.get(key)):>24}" for key, _ in columns))
        print(f"{'':<34}time: TS {ours['seconds']:.1f} s ({ours['kernel']}), numpy {seconds:.1f} s")


if __name__ == "__main__":
    main()
