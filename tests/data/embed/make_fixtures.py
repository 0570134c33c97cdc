#!/usr/bin/python3
"""Generates the small fixtures of tests/core/embed with scikit-learn 1.2.1 (Debian's
/usr/bin/python3). Run from the repository root: tests/data/embed/make_fixtures.py
trust_x.npy (200, 8) float32, trust_y.npy (200, 2) float32: a noisy 2-D view of clustered
data; trust.json: sklearn.manifold.trustworthiness for k = 5 and k = 10 (computed on the
float32 values promoted to float64, so the oracle has no float32 distance ties)."""
import json
import pathlib

import numpy as np
import sklearn
from sklearn.manifold import trustworthiness

here = pathlib.Path(__file__).resolve().parent
rng = np.random.default_rng(7)
centres = rng.normal(scale=4.0, size=(5, 8))
x = (centres[rng.integers(0, 5, size=200)] + rng.normal(size=(200, 8))).astype(np.float32)
y = (x[:, :2] + rng.normal(scale=1.5, size=(200, 2))).astype(np.float32)
np.save(here / "trust_x.npy", x)
np.save(here / "trust_y.npy", y)
x64, y64 = x.astype(np.float64), y.astype(np.float64)
result = {
    "sklearn": sklearn.__version__,
    "trustworthiness_k5": trustworthiness(x64, y64, n_neighbors=5),
    "trustworthiness_k10": trustworthiness(x64, y64, n_neighbors=10),
}
(here / "trust.json").write_text(json.dumps(result, indent=1) + "\n")
print(result)
