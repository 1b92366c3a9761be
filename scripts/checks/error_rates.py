"""
Independent check of the error rates of src/math/error-rates.ts (reading m random unit directions
in R^n with a threshold at 1/2), run by hand:

    python3 scripts/checks/error_rates.py            # the grid below, about two minutes
    python3 scripts/checks/error_rates.py --quick    # fewer trials
    python3 scripts/checks/error_rates.py --walk     # also the law of |x| against its recursion

For each (n, m, l) it prints p_false_on, expected misreads and all right three ways:

  TS     the site's functions, run through node (Node 24 runs the .ts sources directly)
  scipy  the same model recomputed here with scipy: the overlap tail from special.betainc, the
         expectations over |x| by scipy.integrate.quad against scipy.stats densities (the beta law
         for l <= 2, the three-cumulant shifted gamma beyond; see src/math/random-walk.ts), and for
         all right the active readouts tied to |x| as in src/math/active-readouts.ts (G_l by the
         same saddle point, written here with scipy.special.log_ndtr and optimize.brentq)
  MC     a Monte Carlo of the real thing, written here in numpy, fresh random directions every
         trial: the l active vectors are drawn as normalised Gaussians, x is their sum, every
         active feature is read as <v_a, x>; the m - l inactive readouts are |x| t with t drawn
         from the exact overlap law (t = 2B - 1, B ~ Beta((n-1)/2, (n-1)/2): the overlap of a
         fresh uniform direction with x/|x|, independent across features given x). Above 2*10^5
         inactive features, their number of misreads is drawn from its exact conditional law,
         Binomial(m - l, q(|x|)), q from betainc, instead of one overlap each. All right is the
         Rao-Blackwellised estimate, the mean over trials of 1{all active read right} times
         (1 - q(|x|))^(m-l), the exact chance given x that all inactive read right: unbiased like
         the plain count, and able to resolve 10^-30 where a count of trials sees only zeros.

The MC column carries +- one standard error; "dev" is (TS - MC) / s.e. p_false_on and the
misreads are exact given the law of |x| (exact for l <= 2, a three-cumulant approximation beyond:
--walk measures it); all right also models the active readouts given |x| (exact for l <= 2), and
the "recipe" column shows the site's notes' simpler product, which treats them as independent.
"""
import json
import os
import subprocess
import sys

import numpy as np
from scipy import integrate, optimize, special, stats

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

GRID = [
    (8, 20, 3),
    (64, 128, 4),
    (64, 2048, 2),
    (64, 512, 4),
    (8, 16, 3),
    (8, 8, 8),
    (16, 64, 4),
    (128, 1024, 8),
    (256, 4096, 4),
    (256, 4096, 5),
    (1024, 4096, 16),
    (1024, 4096, 20),
    (768, 32768, 32),
    (2304, 16384, 82),
    (3584, 2**20, 193),
]


# ---- TS values ------------------------------------------------------------------------------------

def ts_values(grid):
    script = (
        "import { errorRates } from './src/math/error-rates.ts';"
        "const grid = JSON.parse(process.argv[1]);"
        "const v = (q) => q === 0 ? 0 : (q.value ?? null);"
        "const lg = (q) => q === 0 ? null : q.log10;"
        "console.log(JSON.stringify(grid.map(([n, m, l]) => { const r = errorRates(n, m, l);"
        " return { on: v(r.pFalseOn), misreads: v(r.expectedMisreads), all: v(r.allRight), allLog10: lg(r.allRight),"
        " l90: r.lAt90, l50: r.lAt50 }; })));"
    )
    out = subprocess.run(
        ["node", "--input-type=module", "-e", script, json.dumps(grid)],
        cwd=ROOT, capture_output=True, text=True, check=True,
    )
    return json.loads(out.stdout)


# ---- scipy: the same model --------------------------------------------------------------------------

def q(n, R):
    """P(t > 1/(2R)), t the overlap of a fixed and a uniform unit vector in R^n."""
    R = np.asarray(R, float)
    s = np.where(R > 0.5, 1 / (2 * np.maximum(R, 0.5)), 1.0)
    if n == 1:
        return np.where(s < 1, 0.5, 0.0)
    return np.where(s < 1, 0.5 * special.betainc((n - 1) / 2, 0.5, 1 - s * s), 0.0)


def expect(n, k, f):
    """E f(|x|), x the sum of k uniform unit vectors in R^n."""
    if k == 1:
        return float(f(1.0))
    if k == 2:  # W = |x|^2 = 2 + 2t = 4b, b = (t + 1)/2 ~ Beta((n-1)/2, (n-1)/2)
        d = stats.beta((n - 1) / 2, (n - 1) / 2)
        g = lambda b: f(np.sqrt(4 * b)) * d.pdf(b)
        return integrate.quad(g, 0, 1, limit=500, epsabs=0, epsrel=1e-11, points=[1 / 16, 0.5])[0]
    al = (n / 2) * k * (k - 1) / (k - 2) ** 2
    d = stats.gamma(al, loc=-1 / (k - 2), scale=2 * (k - 2) / (n * k))  # omega = W / k
    g = lambda w: f(np.sqrt(max(k * w, 0.0))) * d.pdf(w)
    lo, hi = -1 / (k - 2), d.isf(1e-40)
    pts = [p for p in sorted({1.0, 1 / (4 * k), 1 + 1 / (4 * k), d.ppf(1e-20)}) if lo < p < hi]
    return integrate.quad(g, lo, hi, limit=1000, epsabs=0, epsrel=1e-11, points=pts)[0]


def tail_moments(b):
    """Mean, variance, skewness and excess kurtosis of T = W - b for W ~ N(0, 1) given W > b, from
    the integrals of t^k e^(-bt - t^2/2) over t > 0 by quad (stable however far the tail)."""
    # e^(-bt - t^2/2) = e^(b^2/2) e^(-(t + b)^2/2): the second form for b < 0, where the first overflows
    weight = (lambda t: np.exp(-b * t - t * t / 2)) if b >= 0 else (lambda t: np.exp(-0.5 * (t + b) ** 2))
    raw = [integrate.quad(lambda t, k=k: t ** k * weight(t), 0, np.inf, epsabs=0, epsrel=1e-12, points=None if b >= 0 else [-b])[0]
           if b >= 0 else integrate.quad(lambda t, k=k: t ** k * weight(t), 0, -b + 40, epsabs=0, epsrel=1e-12, points=[-b], limit=200)[0]
           for k in range(5)]
    m1, m2, m3, m4 = (raw[k] / raw[0] for k in range(1, 5))
    var = m2 - m1 ** 2
    c3 = m3 - 3 * m1 * m2 + 2 * m1 ** 3
    c4 = m4 - 4 * m1 * m3 + 6 * m1 ** 2 * m2 - 3 * m1 ** 4
    return m1, var, c3 / var ** 1.5, c4 / var ** 2 - 3


def ln_centred_minimum_above(l, d):
    """ln P(min_a (Z_a - mean Z) > -d) for l standard normals, by the saddle point with Daniels'
    correction. The tilted law of one variable is N(lam, 1) truncated to (-d, inf) with mean 0,
    that is -d + T with T as in tail_moments(b), b = -(d + lam), E T = d; its cumulants come from
    numerical integrals here, not from the closed forms the TS code uses."""
    if d <= 0:
        return -np.inf
    if d < 1e-3:  # the small-d limit, as in the TS code
        return (l - 1) * np.log(d) + l * (1 - 0.5 * np.log(2 * np.pi)) + np.log1p(-1 / (12 * l))
    if d > 6:  # 1 - G below 10^-8: the first Bonferroni term, all that is left
        return np.log1p(-l * stats.norm.sf(d * np.sqrt(l / (l - 1))))
    b = optimize.brentq(lambda b: tail_moments(b)[0] - d, -d - 2, 1 / d + 10, xtol=1e-13, rtol=1e-13)
    _, var, skew, kurt = tail_moments(b)
    lam = -b - d
    corr = 1 + (kurt / 8 - 5 * skew ** 2 / 24) / l
    return l * (lam * lam / 2 + special.log_ndtr(-b)) - 0.5 * np.log(var) + np.log(corr)


def scipy_values(n, m, l):
    on = expect(n, l, lambda R: q(n, R))
    off = 0.0 if l == 1 else expect(n, l - 1, lambda R: q(n, R))
    misreads = (m - l) * on + l * off
    recipe = None
    if n == 1:
        all_right = 2.0 ** (1 - m)
    elif l == 1:
        all_right = (1 - q(n, 1.0)) ** (m - 1)
    elif l == 2:  # exact: both active readouts are 1 + t, right iff t > -1/2 (b > 1/4)
        d = stats.beta((n - 1) / 2, (n - 1) / 2)
        g = lambda b: np.exp((m - 2) * np.log1p(-q(n, np.sqrt(4 * b)))) * d.pdf(b)
        all_right = integrate.quad(g, 0.25, 1, limit=500, epsabs=0, epsrel=1e-11, points=[0.5])[0]
    else:
        inactive = expect(n, l, lambda R: np.exp((m - l) * np.log1p(-q(n, R))))
        recipe = inactive * (1 - off) ** l
        # omega = |x|^2 / l; active readouts given omega: omega + sigma'(Z_a - mean Z), sigma'^2 = (l-2)/n
        al = (n / 2) * l * (l - 1) / (l - 2) ** 2
        law = stats.gamma(al, loc=-1 / (l - 2), scale=2 * (l - 2) / (n * l))
        sp = np.sqrt((l - 2) / n)
        c = lambda w: np.exp(ln_centred_minimum_above(l, (w - 0.5) / sp))
        F = lambda w: np.exp((m - l) * np.log1p(-q(n, np.sqrt(l * w))))
        hi = max(law.isf(1e-40), 0.6)
        pts = [p for p in sorted({1.0, 0.75, law.ppf(1e-20), law.ppf(1e-6)}) if 0.5 < p < hi]
        A = integrate.quad(lambda w: law.pdf(w) * F(w) * c(w), 0.5, hi, points=pts, limit=800, epsabs=0, epsrel=1e-10)[0]
        B = integrate.quad(lambda w: law.pdf(w) * c(w), 0.5, hi, points=pts, limit=800, epsabs=0, epsrel=1e-10)[0]
        all_right = A / B * (1 - off) ** l
    return on, misreads, all_right, recipe


# ---- numpy Monte Carlo --------------------------------------------------------------------------------

def monte_carlo(n, m, l, trials, rng):
    misread_counts = np.empty(trials)
    all_right = np.empty(trials)
    inactive_on = 0.0
    batch = max(1, min(trials, int(4e6 // (l * n))))
    done = 0
    while done < trials:
        b = min(batch, trials - done)
        v = rng.standard_normal((b, l, n))
        v /= np.linalg.norm(v, axis=2, keepdims=True)
        x = v.sum(axis=1)
        R = np.linalg.norm(x, axis=1)
        active = np.einsum("bln,bn->bl", v, x)
        active_wrong = (active <= 0.5).sum(axis=1)
        M = m - l
        if M <= 200_000:
            wrong = np.empty(b)
            for i in range(b):
                t = 2 * rng.beta((n - 1) / 2, (n - 1) / 2, M) - 1 if n > 1 else rng.choice([-1.0, 1.0], M)
                wrong[i] = (R[i] * t >= 0.5).sum()
        else:
            wrong = rng.binomial(M, q(n, R)).astype(float)
        misread_counts[done:done + b] = wrong + active_wrong
        all_right[done:done + b] = (active_wrong == 0) * np.exp(M * np.log1p(-q(n, R)))
        inactive_on += wrong.sum() / M if M > 0 else 0.0
        done += b
    se = lambda a: a.std(ddof=1) / np.sqrt(len(a))
    # Effective number of trials behind the all-right mean (Kish): when a few trials carry it all,
    # as for 10^-30, its standard error means nothing.
    ess = all_right.sum() ** 2 / (all_right ** 2).sum() if all_right.any() else 0.0
    return inactive_on / trials, misread_counts.mean(), se(misread_counts), all_right.mean(), se(all_right), ess


# ---- the law of |x| against its exact recursion ------------------------------------------------------

def walk_check(rng, samples):
    """E q(|x|) under the shifted gamma against Monte Carlo of W_k = W_{k-1} + 1 + 2 |x_{k-1}| t."""
    print("\nThe law of |x|: E q(|x|) from the three-cumulant gamma vs Monte Carlo of the exact recursion")
    print(f"{'n':>6} {'k':>4} {'gamma':>12} {'recursion':>12} {'rel. s.e.':>9} {'ratio':>7}")
    for n in [2, 3, 5, 8, 64, 1024]:
        for k in [3, 4, 8, 30]:
            W = np.ones(samples)
            for _ in range(k - 1):
                t = 2 * rng.beta((n - 1) / 2, (n - 1) / 2, samples) - 1
                W = np.maximum(W + 1 + 2 * np.sqrt(W) * t, 0)
            qs = q(n, np.sqrt(W))
            mc, se = qs.mean(), qs.std() / np.sqrt(samples)
            g = expect(n, k, lambda R: q(n, R))
            print(f"{n:>6} {k:>4} {g:>12.5g} {mc:>12.5g} {se / mc:>9.1e} {g / mc:>7.4f}")


def fmt(x):
    return "—" if x is None else f"{x:.4g}"


def main():
    quick = "--quick" in sys.argv
    rng = np.random.default_rng(20240303)
    ts = ts_values(GRID)
    print("n      m        l    quantity          TS           scipy        MC ± s.e.                 dev")
    for (n, m, l), t in zip(GRID, ts):
        trials = (1000 if quick else 4000) if l * n < 300_000 else (300 if quick else 1000)
        on, mis, allr, recipe = scipy_values(n, m, l)
        mc_on, mc_mis, mc_mis_se, mc_all, mc_all_se, ess = monte_carlo(n, m, l, trials, rng)
        head = f"{n:<6} {m:<8} {l:<4}"
        print(f"{head} p_false_on      {fmt(t['on']):>12} {on:>12.4g} {mc_on:>12.4g}")
        print(f"{'':19}misreads        {fmt(t['misreads']):>12} {mis:>12.4g} {mc_mis:>12.4g} ± {mc_mis_se:<10.2g}"
              f" {(t['misreads'] - mc_mis) / mc_mis_se:>+6.1f}")
        ts_all = f"{t['all']:.4g}" if t["all"] is not None else f"10^{t['allLog10']:.1f}"
        dev = f"{(t['all'] - mc_all) / mc_all_se:+6.1f}" if ess >= 30 and t["all"] is not None else "     —"
        print(f"{'':19}all right       {ts_all:>12} {allr:>12.4g} {mc_all:>12.4g} ± {mc_all_se:<10.2g}"
              f" {dev}   (MC effective trials {ess:.0f}; recipe {fmt(recipe)}; l at 90 % / 50 %: {t['l90']} / {t['l50']})")
    if "--walk" in sys.argv:
        walk_check(rng, 400_000 if quick else 2_000_000)


if __name__ == "__main__":
    main()
