#!/usr/bin/python3
"""The scikit-learn side of bench/tsne: t-SNE of X.npy with sklearn's defaults
(Barnes-Hut, init='pca', learning_rate='auto', perplexity 30, n_iter 1000, angle 0.5).
Writes the map (float32 (N, 2)) and prints one JSON line: wall and CPU seconds (all threads), sklearn's own KL
estimate, OpenMP threads, thread pools (BLAS). usage: sklearn_tsne.py X.npy MAP_OUT.npy [SEED [INIT]]
(INIT: pca, the default, or random)"""
import json
import os
import sys
import time

import numpy as np
import sklearn
from sklearn.manifold import TSNE
from sklearn.utils._openmp_helpers import _openmp_effective_n_threads
from threadpoolctl import threadpool_info

x = np.load(sys.argv[1])
seed = int(sys.argv[3]) if len(sys.argv) > 3 else 0
init = sys.argv[4] if len(sys.argv) > 4 else "pca"
tsne = TSNE(n_components=2, perplexity=30.0, n_iter=1000, init=init, learning_rate="auto",
            method="barnes_hut", angle=0.5, random_state=seed)
start, cpu_start = time.perf_counter(), time.process_time()
y = tsne.fit_transform(x)
seconds, cpu = time.perf_counter() - start, time.process_time() - cpu_start
np.save(sys.argv[2], y.astype(np.float32))
print(json.dumps({"sklearn": sklearn.__version__, "seconds": seconds, "cpu_seconds": cpu, "kl_estimate": float(tsne.kl_divergence_),
                  "threads": _openmp_effective_n_threads(), "n_iter": int(tsne.n_iter_),
                  "pools": [f"{p['internal_api']}:{p['num_threads']}" for p in threadpool_info()]}))
