"""
Independent check of "all m features read right" (src/math/error-rates.ts, fast) and of its
conditional Monte Carlo (src/math/rates-monte-carlo.ts), run by hand:

    python3 scripts/checks/all_right_mc.py            # the shapes below, a few minutes
    python3 scripts/checks/all_right_mc.py --quick    # fewer draws

Three ways to the same probability, P = E[1{every active readout > 1/2} F(1/(2|x|))^(m-l)]:

  brute   numpy, whole vectors: the l active directions drawn as normalised Gaussians in R^n, x
          their sum, the active readouts <v_a, x> computed; the m - l inactive readouts averaged
          exactly given x through F from scipy.special.betainc. No importance sampling: only for
          P above about 10^-5.
  IS      numpy, the span construction written again here (vectorised over draws): each new
          direction's overlap with the current sum from a Beta tilted by lambda |x| (weights
          exact), the rest uniform; lambda from scipy's own search of where the integrand peaks.
  TS      the site's Monte Carlo and fast value, through node.

Prints each with its standard error and the fast value's ratio to the IS estimate.
"""
import json
import os
import subprocess
import sys

import numpy as np
from scipy import optimize, special, stats

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

SHAPES = [
    (64, 512, 4),
    (64, 128, 4),
    (128, 1024, 8),
    (256, 4096, 8),
    (256, 2048, 16),
    (1024, 4096, 16),
    (512, 16384, 12),
    (2304, 16384, 71),
    (2304, 16384, 82),
]


def ln_tail(n, s):
    """ln P(t > s) for the overlap t in R^n, 0 <= s < 1."""
    return np.log(0.5) + np.log(special.betainc((n - 1) / 2, 0.5, 1 - s * s))


def ln_inactive_all_below(n, M, R):
    R = np.asarray(R, float)
    out = np.zeros_like(R)
    big = R > 0.5
    out[big] = M * np.log1p(-np.exp(ln_tail(n, 0.5 / R[big])))
    return out


def brute(n, m, l, draws, rng, batch=20000):
    vals = []
    for start in range(0, draws, batch):
        b = min(batch, draws - start)
        v = rng.standard_normal((b, l, n))
        v /= np.linalg.norm(v, axis=2, keepdims=True)
        x = v.sum(1)
        r = np.einsum("bln,bn->bl", v, x)
        ok = (r > 0.5).all(1)
        vals.append(np.where(ok, np.exp(ln_inactive_all_below(n, m - l, np.linalg.norm(x, axis=1))), 0.0))
    a = np.concatenate(vals)
    return a.mean(), a.std(ddof=1) / np.sqrt(len(a))


def tilt(n, m, l):
    """lambda = d ln(density of |x|^2)/d|x|^2 where a crude model of the integrand peaks: the
    three-cumulant gamma for omega = |x|^2/l, F^(m-l), and the active readouts as l independent
    normals N(omega, (l-1)(l-2)/(n l)) above 1/2 (not the site's saddle point)."""
    if l <= 2:
        return 0.0
    al = (n / 2) * l * (l - 1) / (l - 2) ** 2
    law = stats.gamma(al, loc=-1 / (l - 2), scale=2 * (l - 2) / (n * l))
    s = np.sqrt((l - 1) * (l - 2) / (n * l))
    phi = lambda w: law.logpdf(w) + ln_inactive_all_below(n, m - l, np.array([np.sqrt(l * w)]))[0] + l * stats.norm.logcdf((w - 0.5) / s)
    w = optimize.minimize_scalar(lambda w: -phi(w), bounds=(0.5 + 1e-9, 2.0), method="bounded", options={"xatol": 1e-7}).x
    h = 1e-6
    return max(0.0, (law.logpdf(w + h) - law.logpdf(w - h)) / (2 * h) / l)


def importance(n, m, l, draws, rng, batch=2000):
    lam = tilt(n, m, l)
    h = (n - 1) / 2
    D = min(l, n)
    logs = []
    for start in range(0, draws, batch):
        N = min(batch, draws - start)
        V = np.zeros((N, l, D))
        X = np.zeros((N, D))
        lnw = np.zeros(N)
        V[:, 0, 0] = 1
        X[:, 0] = 1
        d = 1
        for k in range(1, l):
            R = np.linalg.norm(X, axis=1)
            xh = X / R[:, None]
            delta = np.clip(lam * R, -0.9 * h, 0.9 * h)
            a, b = h - delta, h + delta
            B = rng.beta(a, b)
            t = 2 * B - 1
            lnw += special.betaln(a, b) - special.betaln(h, h) + delta * (np.log(B) - np.log1p(-B))
            s = np.sqrt(1 - t * t)
            y = np.zeros((N, D))
            ww = np.zeros(N)
            if d >= 2:
                g = rng.standard_normal((N, d - 1))
                rest = rng.chisquare(n - d, N) if n > d else np.zeros(N)
                w = g / np.sqrt((g * g).sum(1) + rest)[:, None]
                ww = (w * w).sum(1)
                y[:, 1:d] = s[:, None] * w
            # reflection taking e1 to x-hat: u = e1 - x-hat, written as x-hat + e1 (and -t) when x-hat_1 > 0
            pos = xh[:, 0] > 0
            u = np.zeros((N, D))
            u[:, :d] = xh[:, :d]
            u[:, 0] = np.where(pos, xh[:, 0] + 1, xh[:, 0] - 1)
            y[:, 0] = np.where(pos, -t, t)
            y = y - 2 * u * ((u * y).sum(1) / (u * u).sum(1))[:, None]
            if d < D:
                y[:, d] = s * np.sqrt(np.maximum(1 - ww, 0))
                d += 1
            V[:, k, :] = y
            X += y
        r = np.einsum("nkd,nd->nk", V, X)
        ok = (r > 0.5).all(1)
        logs.append(np.where(ok, lnw + ln_inactive_all_below(n, m - l, np.linalg.norm(X, axis=1)), -np.inf))
    v = np.concatenate(logs)
    top = v.max()
    e = np.exp(v - top)
    mean = e.mean()
    return top + np.log(mean), e.std(ddof=1) / np.sqrt(len(e)) / mean, e.sum() ** 2 / (e * e).sum()


def ts_values(shapes, draws):
    script = (
        "import { allRight } from './src/math/error-rates.ts';"
        "import { allRightMonteCarlo } from './src/math/rates-monte-carlo.ts';"
        "const [shapes, draws] = JSON.parse(process.argv[1]);"
        "console.log(JSON.stringify(shapes.map(([n, m, l]) => { const mc = allRightMonteCarlo(n, m, l, { draws, seed: 1 });"
        " return { fast: allRight(n, m, l).log10, mc: mc.lnEstimate / Math.LN10, rel: mc.relativeError }; })));"
    )
    out = subprocess.run(["node", "--input-type=module", "-e", script, json.dumps([shapes, draws])], cwd=ROOT, capture_output=True, text=True, check=True)
    return json.loads(out.stdout)


def main():
    quick = "--quick" in sys.argv
    rng = np.random.default_rng(20240303)
    draws = 4000 if quick else 20000
    ts = ts_values(SHAPES, draws)
    print(f"{'n':>5} {'m':>6} {'l':>3}  {'brute (numpy)':>24}  {'IS (numpy)':>26}  {'TS Monte Carlo':>22}  {'fast':>10}  fast/IS")
    for (n, m, l), t in zip(SHAPES, ts):
        ln_is, rel, ess = importance(n, m, l, draws, rng)
        is_log10 = ln_is / np.log(10)
        brute_text = "—"
        if t["fast"] > -5:
            mean, se = brute(n, m, l, 20 * draws if not quick else 4 * draws, rng)
            brute_text = f"{mean:.4g} ± {se:.2g}"
        print(f"{n:>5} {m:>6} {l:>3}  {brute_text:>24}  {10 ** (is_log10 % 1):.4f}e{int(np.floor(is_log10)):+d} ± {100 * rel:4.1f}% (ess {ess:6.0f})"
              f"  {10 ** (t['mc'] % 1):.4f}e{int(np.floor(t['mc'])):+d} ± {100 * t['rel']:4.1f}%  {10 ** (t['fast'] % 1):.3f}e{int(np.floor(t['fast'])):+d}"
              f"  {10 ** (t['fast'] - is_log10):.3f}")


if __name__ == "__main__":
    main()
