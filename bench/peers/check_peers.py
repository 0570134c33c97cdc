"""Checks that the Python peers of bench/models are the models of the reference outputs:
the official-format tiny BEATs and the seed TF-SepNet-64 are loaded into them and must
reproduce tests/data/reference. Prints one line per check; exit 1 on a mismatch.

usage: /usr/bin/python3 bench/peers/check_peers.py [REFERENCE_DIR]
"""
import os
import sys

import numpy as np
import torch

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from beats_official import BEATs, BEATsConfig  # noqa: E402
from tfsepnet_seed import TfSepNet  # noqa: E402


def worst(got, want):
    return float(np.abs(got.detach().numpy() - want).max())


def main():
    ref = sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(__file__), "../../tests/data/reference")
    load = lambda name: np.load(os.path.join(ref, name))  # noqa: E731
    failures = 0

    # Our own reference files: 1.13's weights_only unpickler lacks BINFLOAT, which cfg needs.
    ckpt = torch.load(os.path.join(ref, "beats_tiny.pt"), weights_only=False)
    beats = BEATs(BEATsConfig(ckpt["cfg"]))
    beats.load_state_dict(ckpt["model"])
    beats.eval()
    with torch.no_grad():
        for clip in ("1s", "10s"):
            want = load(f"beats_tiny_features_{clip}.npy")
            got, _ = beats.extract_features(torch.from_numpy(load(f"beats_wave_{clip}_16k.npy")))
            err = worst(got, want)
            ok = err < 1e-4 * max(1.0, np.abs(want).max())
            failures += not ok
            print(f"beats_official tiny {clip}: max abs diff {err:.2e} {'ok' if ok else 'MISMATCH'}")

    net = TfSepNet(base_channels=64, depth=17)
    net.load_state_dict(torch.load(os.path.join(ref, "tfsepnet64_state_dict.pt"), weights_only=False))
    net.eval()
    with torch.no_grad():
        err = worst(net(torch.from_numpy(load("tfsepnet64_input.npy"))), load("tfsepnet64_logits.npy"))
    ok = err < 1e-4
    failures += not ok
    print(f"tfsepnet_seed 64/17 logits: max abs diff {err:.2e} {'ok' if ok else 'MISMATCH'}")
    params = sum(p.numel() for p in net.parameters())
    print(f"tfsepnet_seed 64/17 parameters: {params}")
    return 1 if failures or params != 126858 else 0


if __name__ == "__main__":
    sys.exit(main())
