"""
Independent check of the real-SAEs page's readout rules (src/features/real-saes/components/
readout-rules.ts), written to the fixture its build test reads. Run by hand after changing the
table of SAEs (src/facts/real-saes.ts) or the rates (a few minutes):

    python3 scripts/checks/real_saes_readout.py > tests/build/real-saes-readout.json
    python3 scripts/checks/real_saes_readout.py <id> …    # only these rows, to look at

For every SAE's shape (n, m, L0), with scipy, none of the site's code:
  half    misreads per token against 1/2: (m - l) E q_1/2(|x|) + l E q_1/2(|y|), the overlap's beta
          tail and the three-cumulant shifted gamma law of |x|^2 (thresholds_topk.py's mean_tail);
  theta   the threshold that minimises the misreads (scipy's bounded minimize_scalar), and best,
          the misreads there;
  topk    TopK's mean-field prediction, written again: per input the cut c where the expected
          inactive readouts above it, (m - l) P(t > c/|x|), equal the expected active ones below it,
          l Phi((c - w)/s) / Phi((|x| - w)/s), w = |x|^2/l, s^2 = (l - 1)(l - 2)/(n l), solved by
          brentq; the misreads are twice the inactive ones above, averaged over w's law.
For the SAEs the build measures (readout-rules.ts MEASURED_SAES), numpy counts the same three on
random float32 directions of that shape (two embeddings), mean and standard error over the inputs.
"""
import json
import os
import subprocess
import sys

import numpy as np
from scipy import integrate, optimize, special, stats

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from thresholds_topk import ROOT, misreads, simulate  # noqa: E402

MEASURED_INPUTS = {"gpt-2-small-openai-topk-v5-32k": 256, "gemma-2-2b-res-layer-12-16k-l0-82": 192}


def saes():
    script = (
        "import { SPARSE_AUTOENCODERS } from './src/facts/real-saes.ts';"
        "console.log(JSON.stringify(SPARSE_AUTOENCODERS.map((s) => ({ id: s.id, n: s.n, m: s.m, l: s.l0 }))));"
    )
    out = subprocess.run(["node", "--input-type=module", "-e", script], cwd=ROOT, capture_output=True, text=True, check=True)
    return json.loads(out.stdout)


def log_q(n, rho):
    """ln P(t > rho) for the overlap t in R^n, rho in (-1, 1)."""
    if rho >= 0:
        # ln 0 = -inf at the bracket's ends, which brentq reads as a sign.
        with np.errstate(divide="ignore"):
            return np.log(0.5 * special.betainc((n - 1) / 2, 0.5, 1 - rho * rho))
    return np.log1p(-0.5 * special.betainc((n - 1) / 2, 0.5, 1 - rho * rho))


def inactive_above(n, M, l, w):
    """K(w): the inactive readouts above the mean-field cut of an input with |x|^2 = l w."""
    R = np.sqrt(l * w)
    s = np.sqrt((l - 1) * (l - 2) / (n * l))
    below_top = special.log_ndtr((R - w) / s)
    g = lambda c: np.log(M) + log_q(n, c / R) - np.log(l) - special.log_ndtr((c - w) / s) + below_top
    lo, hi = -R * (1 - 1e-12), R * (1 - 1e-12)
    if g(lo) <= 0:
        return M
    if g(hi) >= 0:
        return l
    c = optimize.brentq(g, lo, hi, xtol=1e-14 * R, rtol=1e-13, maxiter=500)
    return M * np.exp(log_q(n, c / R))


def topk(n, m, l):
    """TopK's misreads per input by the mean field, over w = |x|^2/l = shift + Gamma(alpha, theta)."""
    alpha = (n / 2) * l * (l - 1) / (l - 2) ** 2
    law = stats.gamma(alpha, loc=-1 / (l - 2), scale=2 * (l - 2) / (n * l))
    k = lambda u: inactive_above(n, m - l, l, max(law.ppf(u), 1e-300))
    mean = integrate.quad(k, 1e-12, 1 - 1e-12, limit=400, epsabs=0, epsrel=1e-7)[0]
    return 2 * min(mean, l)


def main():
    rng = np.random.default_rng(20240621)
    rows = []
    only = set(sys.argv[1:])  # ids, to check a few rows by hand
    for sae in saes():
        if only and sae["id"] not in only:
            continue
        n, m, l = sae["n"], sae["m"], sae["l"]
        best = optimize.minimize_scalar(lambda t: np.log(misreads(n, m, l, t)), bounds=(1e-4, 1 - 1e-4), method="bounded", options={"xatol": 1e-9})
        row = {"id": sae["id"], "n": n, "m": m, "l": l, "half": misreads(n, m, l, 0.5), "theta": float(best.x), "best": float(np.exp(best.fun)), "topk": topk(n, m, l)}
        if sae["id"] in MEASURED_INPUTS:
            (h, hs), (b, bs), (t, ts) = simulate(n, m, l, MEASURED_INPUTS[sae["id"]], 2, row["theta"], rng)
            row["measured"] = {"half": [h, hs], "best": [b, bs], "topk": [t, ts]}
        print(sae["id"], row, file=sys.stderr, flush=True)
        rows.append(row)
    print(json.dumps(rows, indent=1))


if __name__ == "__main__":
    main()
