#!/usr/bin/python3
"""Prints what stock PyTorch sees in a checkpoint, as JSON, for the C++ tests to compare.

usage: torch_dump.py FILE [--weights-only]
Output: {"layout", "cfg", "tensors": [{"name", "dtype", "shape", "hex"}], "shared": [[names...]]}
"hex" is the tensor's values as contiguous little-endian bytes. Exit 3 if torch is missing.
"""
import json
import sys

try:
    import torch
except ImportError:
    sys.exit(3)

path = sys.argv[1]
obj = torch.load(path, map_location="cpu", weights_only="--weights-only" in sys.argv)
layout, cfg = "state_dict", None
if isinstance(obj, dict) and "cfg" in obj and "model" in obj:
    layout, cfg, obj = "beats", obj["cfg"], obj["model"]
tensors, by_storage = [], {}
for name, t in obj.items():
    flat = t.detach().contiguous().reshape(-1)
    raw = flat.view(torch.uint8) if flat.numel() else torch.empty(0, dtype=torch.uint8)
    tensors.append({"name": name, "dtype": str(t.dtype).replace("torch.", ""), "shape": list(t.shape),
                    "hex": bytes(raw.tolist()).hex()})
    by_storage.setdefault(t.storage().data_ptr(), []).append(name)
print(json.dumps({"layout": layout, "cfg": cfg, "tensors": tensors,
                  "shared": [names for names in by_storage.values() if len(names) > 1]}))
