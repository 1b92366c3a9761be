"""
Independent check of reading m random directions against any threshold (src/math/thresholds.ts)
and by TopK (src/math/topk-misreads.ts), run by hand:

    python3 scripts/checks/thresholds_topk.py            # everything below, about ten minutes
    python3 scripts/checks/thresholds_topk.py --rates    # only the rates and best thresholds (seconds)

  rates   p_false_on(theta), p_false_off(theta) recomputed with scipy (betainc, quad against
          scipy.stats' beta law for l <= 2 and the three-cumulant shifted gamma beyond), the best
          threshold by scipy.optimize.minimize_scalar, against the TS values through node.
  topk    a numpy simulation of the real thing: m random unit directions (float32), inputs with l
          of them active, every readout computed; misreads at 1/2, at the best threshold, and by
          TopK (twice the inactive features among each input's l largest readouts), mean +- s.e.
          over the inputs (two or more embeddings), against the TS predictions.
"""
import json
import os
import subprocess
import sys

import numpy as np
from scipy import integrate, optimize, special, stats

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

RATE_CASES = [(64, 4, 0.3), (64, 4, 0.7), (256, 16, 0.62), (768, 32, 0.789), (768, 31, 0.211), (2304, 82, 0.69), (1024, 2, 0.6), (16, 3, 0.9)]
BEST_CASES = [(768, 32768, 32), (2304, 16384, 82), (128, 1024, 8), (64, 2048, 2), (1024, 4096, 16), (256, 4096, 4)]
TOPK_CASES = [
    # n, m, l, inputs per embedding, embeddings
    (768, 32768, 32, 256, 2),
    (2304, 16384, 82, 192, 2),
    (128, 1024, 8, 4000, 8),
    (64, 512, 4, 4000, 8),
    (256, 4096, 16, 2000, 4),
    (1024, 4096, 32, 2000, 2),
    (512, 8192, 16, 1000, 2),
    (256, 2048, 16, 2000, 4),
    (1024, 16384, 64, 400, 2),
    (32, 256, 8, 4000, 8),
    (16, 64, 4, 4000, 16),
    (16, 512, 2, 4000, 8),
]


def tail(n, s):
    """P(t > s) for the overlap t in R^n, s in [0, 1]."""
    s = np.clip(s, 0.0, 1.0)
    return 0.5 * special.betainc((n - 1) / 2, 0.5, 1 - s * s)


def mean_tail(n, k, tau):
    """E P(t > tau/|x|), x a sum of k directions, |x|'s law as the site models it."""
    if k == 1:
        return float(tail(n, tau))
    if k == 2:  # |x|^2 = 4b, b = (1 + t)/2 ~ Beta((n-1)/2, (n-1)/2)
        d = stats.beta((n - 1) / 2, (n - 1) / 2)
        lo = tau * tau / 4
        return integrate.quad(lambda b: tail(n, tau / np.sqrt(4 * b)) * d.pdf(b), lo, 1, limit=400, epsabs=0, epsrel=1e-11)[0]
    al = (n / 2) * k * (k - 1) / (k - 2) ** 2
    d = stats.gamma(al, loc=-1 / (k - 2), scale=2 * (k - 2) / (n * k))
    lo = tau * tau / k
    hi = d.isf(1e-30)
    return integrate.quad(lambda w: tail(n, tau / np.sqrt(k * w)) * d.pdf(w), lo, hi, limit=800, epsabs=0, epsrel=1e-11, points=[1.0])[0]


def misreads(n, m, l, theta):
    return (m - l) * mean_tail(n, l, theta) + (l * mean_tail(n, l - 1, 1 - theta) if l > 1 else 0.0)


def node(script, payload):
    out = subprocess.run(["node", "--input-type=module", "-e", script, json.dumps(payload)], cwd=ROOT, capture_output=True, text=True, check=True)
    return json.loads(out.stdout)


def check_rates():
    ts = node(
        "import { pFalseOnAt, pFalseOffAt, bestThreshold } from './src/math/thresholds.ts';"
        "const [rates, best] = JSON.parse(process.argv[1]);"
        "const v = (q) => q === 0 ? 0 : q.value;"
        "console.log(JSON.stringify({ rates: rates.map(([n, l, t]) => [v(pFalseOnAt(n, l, t)), v(pFalseOffAt(n, l, t))]),"
        " best: best.map(([n, m, l]) => { const b = bestThreshold(n, m, l); return [b.threshold, v(b.misreads)]; }) }));",
        [RATE_CASES, BEST_CASES],
    )
    print("p_false_on(theta), p_false_off(theta): TS / scipy")
    for (n, l, t), (on, off) in zip(RATE_CASES, ts["rates"]):
        s_on = mean_tail(n, l, t)
        s_off = mean_tail(n, l - 1, 1 - t) if l > 1 else 0.0
        print(f"  n={n:<5} l={l:<3} theta={t:<6} on {on:.10g} / {s_on:.10g} ({on / s_on - 1:+.1e})   off {off:.10g} / {s_off:.10g}"
              + (f" ({off / s_off - 1:+.1e})" if s_off > 0 else ""))
    print("best threshold: TS theta, misreads / scipy theta, misreads")
    for (n, m, l), (theta, mis) in zip(BEST_CASES, ts["best"]):
        r = optimize.minimize_scalar(lambda t: np.log(misreads(n, m, l, t)), bounds=(1e-4, 1 - 1e-4), method="bounded", options={"xatol": 1e-8})
        print(f"  n={n:<5} m={m:<6} l={l:<3} {theta:.6f} {mis:.8g} / {r.x:.6f} {np.exp(r.fun):.8g}")


def simulate(n, m, l, inputs, embeddings, theta, rng, batch=64):
    half, best, topk = [], [], []
    for _ in range(embeddings):
        V = rng.standard_normal((m, n), dtype=np.float32)
        V /= np.linalg.norm(V, axis=1, keepdims=True)
        for start in range(0, inputs, batch):
            b = min(batch, inputs - start)
            act = np.array([rng.choice(m, l, replace=False) for _ in range(b)])
            X = V[act].sum(axis=1)
            R = V @ X.T
            on = np.zeros((m, b), bool)
            on[act.T, np.arange(b)] = True
            half.extend(((R >= 0.5) & ~on).sum(0) + ((R <= 0.5) & on).sum(0))
            best.extend(((R >= theta) & ~on).sum(0) + ((R <= theta) & on).sum(0))
            top = np.argpartition(-R, l - 1, axis=0)[:l]
            topk.extend(2 * (~on[top, np.arange(b)]).sum(0))
    stat = lambda a: (float(np.mean(a)), float(np.std(a, ddof=1) / np.sqrt(len(a))))
    return stat(half), stat(best), stat(topk)


def check_topk():
    ts = node(
        "import { bestThreshold } from './src/math/thresholds.ts';"
        "import { topkMisreads } from './src/math/topk-misreads.ts';"
        "import { expectedMisreads } from './src/math/error-rates.ts';"
        "const v = (q) => q === 0 ? 0 : q.value;"
        "console.log(JSON.stringify(JSON.parse(process.argv[1]).map(([n, m, l]) => { const b = bestThreshold(n, m, l);"
        " return { half: v(expectedMisreads(n, m, l)), theta: b.threshold, best: v(b.misreads), topk: v(topkMisreads(n, m, l)) }; })));",
        [c[:3] for c in TOPK_CASES],
    )
    rng = np.random.default_rng(20240303)
    print("\nmisreads per input: predicted (TS) / measured (numpy) +- s.e.")
    print(f"{'n':>5} {'m':>6} {'l':>3}  {'threshold 1/2':>26}  {'theta':>6} {'best threshold':>26}  {'TopK':>26}  TopK pred/meas")
    for (n, m, l, inputs, emb), t in zip(TOPK_CASES, ts):
        theta = t["theta"] if 0 < t["theta"] < 1 else 0.5
        (h, hs), (b, bs), (k, ks) = simulate(n, m, l, inputs, emb, theta, rng)
        ratio = t["topk"] / k if k > 0 else float("nan")
        print(f"{n:>5} {m:>6} {l:>3}  {t['half']:>9.4g} / {h:>7.4g} ± {hs:<6.2g}  {theta:6.3f} {t['best']:>9.4g} / {b:>7.4g} ± {bs:<6.2g}"
              f"  {t['topk']:>9.4g} / {k:>7.4g} ± {ks:<6.2g}  {ratio:.3f}", flush=True)


if __name__ == "__main__":
    check_rates()
    if "--rates" not in sys.argv:
        check_topk()
