#!/usr/bin/python3
"""A realistic stand-in for the student's 160-D embeddings of the full test fold:
29,680 points (the DCASE 2024 test fold size), 10 classes of equal size with different
spreads, each a Gaussian around a low-rank (8-D) manifold plus isotropic noise; the
manifolds share 6 of their 8 directions, so classes overlap partly (a 10-NN classifier in
the input space is right for about 55% of a 4,000-point sample, like a weak student).
Deterministic (seed 2024).
usage: make_mixture.py OUT_DIR  ->  OUT_DIR/mixture_x.npy (float32), mixture_labels.npy (int64)"""
import pathlib
import sys

import numpy as np

N, D, CLASSES, RANK = 29680, 160, 10, 8
rng = np.random.default_rng(2024)
out = pathlib.Path(sys.argv[1])
out.mkdir(parents=True, exist_ok=True)

labels = np.repeat(np.arange(CLASSES), N // CLASSES)
centres = rng.normal(scale=0.3, size=(CLASSES, D))
shared = rng.normal(size=(RANK - 2, D)) / np.sqrt(D)
spreads = np.linspace(0.6, 1.4, CLASSES)
x = np.empty((N, D), dtype=np.float64)
for c in range(CLASSES):
    rows = labels == c
    basis = np.vstack([shared, rng.normal(size=(2, D)) / np.sqrt(D)])
    latent = rng.normal(scale=3.0, size=(rows.sum(), RANK))
    noise = rng.normal(scale=0.5, size=(rows.sum(), D))
    x[rows] = centres[c] + spreads[c] * (latent @ basis * np.sqrt(D) / 4 + noise)
order = rng.permutation(N)
np.save(out / "mixture_x.npy", x[order].astype(np.float32))
np.save(out / "mixture_labels.npy", labels[order].astype(np.int64))
