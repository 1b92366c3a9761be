"""
The TopK reading of random directions measured with numpy over the corners of its domain, for the
rule that says how its prediction (src/math/topk-misreads.ts) may be shown (src/math/rate-accuracy.ts,
topkAccuracy). Run by hand (about half an hour on one core):

    python3 scripts/checks/topk_grid.py > tests/unit/topk-measured.json

Four groups of shapes, beyond the twelve of scripts/checks/thresholds_topk.py (real SAE shapes and
their neighbours, n >= 16, l <= m/8):
  few-neurons   n = 2 ... 12, m = 8 ... 100 000, l from 3 to 0.9 m
  dense         n = 16 ... 256 with l from m/2 to 0.9 m
  about-one     shapes that misread about one feature per input (0.25 ... 2)
  tail          shapes that misread far less than one (down to 10^-3)

For each shape: float32 random unit directions, embeddings of `inputs` inputs each, l features
active at 1, every readout computed, the l largest taken as on; the misreads are twice the
inactive features among them. The standard error is the larger of the one over all inputs and the
one over the embeddings' means (at a handful of features the directions themselves vary the
count). Prints one JSON array: [n, m, l, mean, standard error, inputs].
"""
import json
import sys

import numpy as np

FEW_NEURONS = [
    (n, m, l)
    for n in (2, 3, 4, 6, 8, 12)
    for m, l in ((8, 3), (8, 4), (8, 7), (64, 3), (64, 16), (64, 32), (64, 57), (1024, 3), (1024, 8), (1024, 256), (1024, 512), (16384, 3))
] + [(2, 100000, 3), (3, 100000, 3), (2, 100000, 20), (3, 4096, 6)]
DENSE = [(n, m, l) for n in (16, 32, 64, 256) for m, l in ((8, 4), (8, 7), (32, 16), (32, 28), (64, 48), (256, 128), (256, 230), (1024, 900))]
ABOUT_ONE = [
    (16, 32, 4), (32, 64, 4), (32, 128, 4), (64, 128, 4), (64, 256, 4), (128, 64, 8), (128, 128, 8), (128, 256, 8), (128, 512, 8),
    (256, 128, 16), (256, 256, 16), (256, 512, 16), (256, 1024, 16), (512, 256, 32), (512, 512, 32), (512, 1024, 32), (512, 2048, 32),
    (1024, 1024, 64), (1024, 2048, 64), (64, 64, 8), (64, 32, 8), (256, 64, 16), (128, 32, 8),
]
TAIL = [(256, 512, 8), (128, 128, 4), (2048, 8192, 32), (1024, 4096, 16), (512, 1024, 8)]

# Readouts per shape (inputs x m x n multiply-adds): a fixed budget, and embeddings enough that the
# directions' own spread is measured.
BUDGET = {"few-neurons": 2e8, "dense": 2e8, "about-one": 1.6e9, "tail": 1.6e10}


def measure(n, m, l, budget, rng):
    embeddings = 32 if m <= 64 else 16 if m <= 1024 else 8
    inputs = int(max(100, min(4000, budget / (m * n * embeddings))))
    counts, means = [], []
    for _ in range(embeddings):
        V = rng.standard_normal((m, n), dtype=np.float32)
        V /= np.linalg.norm(V, axis=1, keepdims=True)
        mine = []
        for start in range(0, inputs, 512):
            b = min(512, inputs - start)
            # l distinct features per input: the first l of a random order (small m), or drawn one input at a time.
            act = np.argsort(rng.random((b, m)), axis=1)[:, :l] if m <= 16384 else np.array([rng.choice(m, l, replace=False) for _ in range(b)])
            R = V[act].sum(axis=1) @ V.T
            top = np.argpartition(-R, l - 1, axis=1)[:, :l]
            on = np.zeros((b, m), bool)
            on[np.arange(b)[:, None], act] = True
            mine.extend(2 * (~on[np.arange(b)[:, None], top]).sum(axis=1))
        counts.extend(mine)
        means.append(np.mean(mine))
    counts = np.array(counts, float)
    pooled = counts.std(ddof=1) / np.sqrt(len(counts))
    between = np.std(means, ddof=1) / np.sqrt(len(means))
    return float(counts.mean()), float(max(pooled, between)), len(counts)


def main():
    rng = np.random.default_rng(20250505)
    rows = []
    for group, shapes in (("few-neurons", FEW_NEURONS), ("dense", DENSE), ("about-one", ABOUT_ONE), ("tail", TAIL)):
        for n, m, l in shapes:
            mean, se, inputs = measure(n, m, l, BUDGET[group], rng)
            rows.append([n, m, l, round(mean, 6), round(se, 6), inputs])
            print(group, n, m, l, mean, se, inputs, file=sys.stderr, flush=True)
    print(json.dumps(rows))


if __name__ == "__main__":
    main()
