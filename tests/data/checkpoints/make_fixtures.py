#!/usr/bin/python3
"""Regenerates the checkpoint test fixtures in this folder (run with Debian's /usr/bin/python3).

 - ground truth (.npy) for some tensors of tests/data/reference/*.pt, read by torch.load;
 - lightning_tiny.ckpt: a Lightning-style checkpoint of the seed code's layout;
 - hostile/*.pt: malformed and malicious archives, built from raw pickle opcodes with the
   standard library only. Nothing here is ever unpickled by Python, so nothing runs.
"""
import io
import os
import struct
import sys
import types
import zipfile

import numpy as np
import torch

HERE = os.path.dirname(os.path.abspath(__file__))
REF = os.path.join(HERE, "..", "reference")


def ground_truth():
    beats = torch.load(os.path.join(REF, "beats_tiny.pt"), map_location="cpu")  # trusted reference files
    tfsep = torch.load(os.path.join(REF, "tfsepnet64_state_dict.pt"), map_location="cpu")  # trusted reference files
    picks = {
        "beats_patch_embedding.weight": beats["model"]["patch_embedding.weight"],
        "beats_encoder.layers.2.self_attn.relative_attention_bias.weight":
            beats["model"]["encoder.layers.2.self_attn.relative_attention_bias.weight"],
        "beats_encoder.pos_conv.0.weight_g": beats["model"]["encoder.pos_conv.0.weight_g"],
        "tfsepnet_conv_layers.0._conv.weight": tfsep["conv_layers.0._conv.weight"],
        "tfsepnet_conv_layers.1._bn.running_var": tfsep["conv_layers.1._bn.running_var"],
        "tfsepnet_conv_layers.0._bn.num_batches_tracked": tfsep["conv_layers.0._bn.num_batches_tracked"],
    }
    os.makedirs(os.path.join(HERE, "truth"), exist_ok=True)
    for name, t in picks.items():
        np.save(os.path.join(HERE, "truth", name + ".npy"), t.numpy())


def fake_class(module, name, base=object):
    """A class that pickles as module.name, like the seed code's own classes (never imported back)."""
    parts = module.split(".")
    for i in range(1, len(parts) + 1):
        sys.modules.setdefault(".".join(parts[:i]), types.ModuleType(".".join(parts[:i])))
    cls = type(name, (base,), {"__module__": module})
    setattr(sys.modules[module], name, cls)
    return cls


def lightning_checkpoint():
    """What Lightning saves for the seed code's LitAcousticSceneClassificationSystem (backbone.*)."""
    torch.manual_seed(0)
    net = torch.nn.Sequential(torch.nn.Conv2d(1, 4, 3), torch.nn.BatchNorm2d(4), torch.nn.Flatten(),
                              torch.nn.Linear(64, 10))
    opt = torch.optim.Adam(net.parameters(), lr=1e-3)
    net(torch.randn(2, 1, 6, 6)).sum().backward()
    opt.step()
    sched = torch.optim.lr_scheduler.LambdaLR(opt, lambda e: 1.0)
    AttributeDict = fake_class("lightning_fabric.utilities.data", "AttributeDict", dict)
    MixUp = fake_class("util.data_augmentation", "MixUp")
    mix = MixUp()
    mix.alpha = 0.3
    mix.lam = torch.tensor(0.5)
    hparams = AttributeDict(class_label="scene", domain_label="device",
                            data_augmentation={"mix_up": mix, "spec_aug": None})
    state = {("backbone." + k): v for k, v in net.state_dict().items()}
    ckpt = {
        "epoch": 41,
        "global_step": 12345,
        "pytorch-lightning_version": "2.1.0",
        "state_dict": state,
        "loops": {"fit_loop": {"state_dict": {}, "epoch_progress": {"total": {"ready": 42, "completed": 41}}}},
        "callbacks": {"ModelCheckpoint{'monitor': 'val_acc', 'mode': 'max'}":
                      {"best_model_score": torch.tensor(0.61), "best_model_path": "log/epoch=41.ckpt"}},
        "optimizer_states": [opt.state_dict()],
        "lr_schedulers": [sched.state_dict()],
        "hparams_name": "kwargs",
        "hyper_parameters": hparams,
    }
    torch.save(ckpt, os.path.join(HERE, "lightning_tiny.ckpt"))
    np.save(os.path.join(HERE, "truth", "lightning_backbone.0.weight.npy"), state["backbone.0.weight"].numpy())


def variants():
    """Other shapes of genuine files: Parameters, pickle protocol 4, a fine-tuned BEATs label_dict."""
    torch.manual_seed(1)
    w = torch.nn.Parameter(torch.randn(3, 2))
    torch.save({"w": w, "b": torch.randn(2).requires_grad_(), "w_t": w.t()}, os.path.join(HERE, "parameters.pt"))
    torch.save({"x": torch.arange(6.0).reshape(2, 3), "y": torch.ones(2, dtype=torch.bool)},
               os.path.join(HERE, "protocol4.pt"), pickle_protocol=4)
    torch.save({"cfg": {"encoder_layers": 1, "finetuned_model": True, "predictor_class": 3},
                "model": {"predictor.weight": torch.zeros(3, 4), "predictor.bias": torch.zeros(3)},
                "label_dict": {0: "/m/09x0r", 1: "/m/05zppz", 2: "/m/02zsn"}},
               os.path.join(HERE, "beats_finetuned_labels.pt"))
    np.save(os.path.join(HERE, "truth", "parameters_w.npy"), w.detach().numpy())


class P:
    """Raw pickle opcodes (protocol 2), enough to forge the hostile records."""

    def __init__(self):
        self.b = bytearray(b"\x80\x02")

    def op(self, code):
        self.b += code
        return self

    def glob(self, module, name):
        return self.op(b"c" + module.encode() + b"\n" + name.encode() + b"\n")

    def s(self, text):
        data = text.encode()
        return self.op(b"X" + struct.pack("<I", len(data)) + data)

    def i(self, value):
        return self.op(b"J" + struct.pack("<i", value)) if -2**31 <= value < 2**31 else \
            self.op(b"\x8a\x08" + struct.pack("<q", value))

    def tup(self, *items):
        self.op(b"(")
        for item in items:
            item(self)
        return self.op(b"t")

    def tensor(self, key, numel, offset, size, stride, storage="FloatStorage"):
        self.glob("torch._utils", "_rebuild_tensor_v2").op(b"(")
        self.tup(lambda p: p.s("storage"), lambda p: p.glob("torch", storage), lambda p: p.s(key),
                 lambda p: p.s("cpu"), lambda p: p.i(numel)).op(b"Q")
        self.i(offset)
        self.tup(*[lambda p, v=v: p.i(v) for v in size])
        self.tup(*[lambda p, v=v: p.i(v) for v in stride])
        self.op(b"\x89").glob("collections", "OrderedDict").op(b")R")
        return self.op(b"tR")

    def state_dict(self, *entries):
        self.glob("collections", "OrderedDict").op(b")R(")
        for name, value in entries:
            self.s(name)
            value(self)
        return self.op(b"u")

    def stop(self):
        return bytes(self.b + b".")


def archive(name, pickle_bytes, records=None, compress=zipfile.ZIP_STORED):
    os.makedirs(os.path.join(HERE, "hostile"), exist_ok=True)
    path = os.path.join(HERE, "hostile", name)
    entries = [("archive/data.pkl", pickle_bytes)] + [("archive/data/" + k, d) for k, d in (records or {}).items()]
    with zipfile.ZipFile(path, "w") as z:
        for record, data in entries + [("archive/version", b"3\n")]:
            info = zipfile.ZipInfo(record, date_time=(2024, 1, 1, 0, 0, 0))  # fixed: files regenerate identically
            info.compress_type = compress
            z.writestr(info, data)
    return path


FOUR_FLOATS = {"0": struct.pack("<4f", 1, 2, 3, 4)}


def hostile():
    ok = lambda: P().state_dict(("w", lambda p: p.tensor("0", 4, 0, [4], [1])))
    archive("valid_control.pt", ok().stop(), FOUR_FLOATS)  # the template of the others, must load
    archive("wrong_storage_size.pt", P().state_dict(("w", lambda p: p.tensor("0", 6, 0, [6], [1]))).stop(), FOUR_FLOATS)
    archive("huge_numel.pt", P().state_dict(("w", lambda p: p.tensor("0", 2**61, 0, [2**61], [1]))).stop(), FOUR_FLOATS)
    archive("shape_past_storage.pt", P().state_dict(("w", lambda p: p.tensor("0", 4, 0, [5], [1]))).stop(), FOUR_FLOATS)
    archive("stride_past_storage.pt", P().state_dict(("w", lambda p: p.tensor("0", 4, 0, [2, 2], [3, 1]))).stop(),
            FOUR_FLOATS)
    archive("offset_past_storage.pt", P().state_dict(("w", lambda p: p.tensor("0", 4, 3, [2], [1]))).stop(), FOUR_FLOATS)
    archive("negative_stride.pt", P().state_dict(("w", lambda p: p.tensor("0", 4, 3, [2], [-1]))).stop(), FOUR_FLOATS)
    archive("missing_storage.pt", ok().stop(), {})
    archive("compressed.pt", ok().stop(), FOUR_FLOATS, zipfile.ZIP_DEFLATED)
    # The classic exploits: calls that would run code when Python unpickles them.
    archive("builtins_eval.pt", P().glob("__builtin__", "eval").tup(lambda p: p.s("1+1")).op(b"R").stop())
    archive("builtins_exec.pt", P().glob("builtins", "exec").tup(lambda p: p.s("import os")).op(b"R").stop())
    archive("os_system.pt",
            P().glob("posix", "system").tup(lambda p: p.s("touch /tmp/scenebench_pwned_by_checkpoint")).op(b"R").stop())
    archive("os_system_in_state_dict.pt", P().state_dict(
        ("w", lambda p: p.glob("os", "system").tup(lambda q: q.s("touch /tmp/scenebench_pwned_by_checkpoint")).op(b"R")))
        .stop())
    archive("subprocess_in_lightning.pt", P().op(b"}(").s("state_dict").state_dict(
        ("w", lambda p: p.tensor("0", 4, 0, [4], [1]))).s("hyper_parameters")
        .glob("subprocess", "check_call").tup(lambda p: p.s("touch /tmp/scenebench_pwned_by_checkpoint")).op(b"R")
        .op(b"u").stop(), FOUR_FLOATS)
    archive("foreign_object_as_tensor.pt", P().state_dict(
        ("w", lambda p: p.glob("mymodule", "Thing").op(b")R"))).stop())
    archive("inst_opcode.pt", P().op(b"(").s("touch x").op(b"ios\nsystem\n").stop())
    archive("truncated_pickle.pt", ok().stop()[:40], FOUR_FLOATS)
    archive("oversized_string.pt", P().op(b"X\xff\xff\xff\x7f").op(b"abc").stop())
    archive("memo_before_put.pt", P().op(b"h\x05").stop())
    archive("deep_marks.pt", P().op(b"(" * 20000).stop())
    deep = P().op(b"}(").s("cfg").op(b"]" * 2000).op(b"a" * 1999).s("model").state_dict().op(b"u")
    archive("deep_lists_cfg.pt", deep.stop())
    # Exponential sharing: 60 levels of [x, x] would be 2**60 values if expanded naively.
    laughs = P().op(b"}(").s("cfg").op(b"]q\x000")
    for level in range(60):
        laughs.op(b"](h" + bytes([level]) + b"h" + bytes([level]) + b"eq" + bytes([level + 1]) + b"0")
    archive("shared_lists_cfg.pt", laughs.op(b"h\x3c").s("model").state_dict().op(b"u").stop())
    with open(os.path.join(HERE, "hostile", "not_a_zip.pt"), "wb") as f:
        f.write(b"this is not a checkpoint\n" * 4)
    good = open(os.path.join(HERE, "lightning_tiny.ckpt"), "rb").read()
    with open(os.path.join(HERE, "hostile", "truncated_zip.pt"), "wb") as f:
        f.write(good[: len(good) // 2])
    flipped = bytearray(good)
    z = zipfile.ZipFile(io.BytesIO(good))
    info = z.getinfo("lightning_tiny/data/0")  # the first tensor of the state dict
    name_len, extra_len = struct.unpack("<HH", good[info.header_offset + 26: info.header_offset + 30])
    flipped[info.header_offset + 30 + name_len + extra_len + 5] ^= 0x40
    with open(os.path.join(HERE, "hostile", "bit_flip.pt"), "wb") as f:
        f.write(bytes(flipped))


MARKER = "scenebench_marker"  # relative: lands in the working directory of whoever unpickles it


def marker_payloads():
    """Live exploits that would create MARKER in the working directory if a real unpickler ran them.

    tst_checkpoint reads them (library and CLI) in an empty temporary working directory and checks
    MARKER never appears there. Verify a payload is live with `python3 -c "import pickle, zipfile;
    pickle.loads(zipfile.ZipFile('F').read('archive/data.pkl'))"` in a throwaway directory only.
    """
    # builtins.open(MARKER, 'w') as a value before a genuine tensor: the file is otherwise well formed.
    archive("open_marker.pt", P().state_dict(
        ("x", lambda p: p.glob("builtins", "open").tup(lambda q: q.s(MARKER), lambda q: q.s("w")).op(b"R")),
        ("w", lambda p: p.tensor("0", 4, 0, [4], [1])))
        .stop(), FOUR_FLOATS)
    # posix.system("touch MARKER") as the whole pickle (what os.system pickles as on Linux).
    archive("system_marker.pt", P().glob("posix", "system").tup(lambda p: p.s("touch " + MARKER)).op(b"R").stop())


if __name__ == "__main__":
    if sys.argv[1:] == ["--marker-payloads"]:  # only these two files; leaves every other fixture as committed
        marker_payloads()
        sys.exit(0)
    ground_truth()
    lightning_checkpoint()
    variants()
    hostile()
    marker_payloads()
