"""The same training loop as bench_train in Python PyTorch: TF-SepNet-64 as the seed code
defines it (bench/peers/tfsepnet_seed.py), Adam + CosineAnnealingWarmRestarts stepped per
batch, MixUp (loss mixed over both clips' labels and teacher logits), FreqMixStyle, the KD loss of science.md,
a loss.item() per step (the C++ side logs every step).
usage: train_peer.py THREADS CLIPS BATCH EPOCHS
"""
import os
import sys
import time

import torch
import torch.nn.functional as F

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "peers"))
from tfsepnet_seed import TfSepNet  # noqa: E402


def freq_mixstyle(x, alpha=0.4, p=0.8):
    if torch.rand(1).item() > p:
        return x
    b = x.size(0)
    mu = x.mean(dim=(1, 3), keepdim=True)
    var = x.var(dim=(1, 3), keepdim=True)
    sig = (var + 1e-6).sqrt()
    x_normed = (x - mu.detach()) / sig.detach()
    lmda = torch.distributions.Beta(alpha, alpha).sample((b, 1, 1, 1))
    perm = torch.randperm(b)
    mu_mix = mu * lmda + mu[perm] * (1 - lmda)
    sig_mix = sig * lmda + sig[perm] * (1 - lmda)
    return x_normed * sig_mix + mu_mix


def kd_loss(logits, labels, teacher, lam=0.02, t=2.0):
    ce = F.cross_entropy(logits, labels)
    kd = F.kl_div(F.log_softmax(logits / t, 1), F.log_softmax(teacher / t, 1), reduction="batchmean", log_target=True)
    return lam * ce + (1 - lam) * t * t * kd


def train(model, x, y, teacher, batch, epochs):
    opt = torch.optim.Adam(model.parameters(), lr=0.004)
    steps = (x.size(0) + batch - 1) // batch
    sched = torch.optim.lr_scheduler.CosineAnnealingWarmRestarts(opt, T_0=10 * steps, T_mult=2)
    model.train()
    start = time.perf_counter()
    for _ in range(epochs):
        order = torch.randperm(x.size(0))
        for b in range(steps):
            idx = order[b * batch:(b + 1) * batch]
            xb, yb, tb = x[idx], y[idx], teacher[idx]
            lam = torch.distributions.Beta(0.3, 0.3).sample().item()
            perm = torch.randperm(xb.size(0))
            xb = lam * xb + (1 - lam) * xb[perm]
            xb = freq_mixstyle(xb)
            logits = model(xb)
            # SoftMixUp as in sb::mixedDistillationLoss: the loss against both clips' labels and teachers.
            loss = lam * kd_loss(logits, yb, tb) + (1 - lam) * kd_loss(logits, yb[perm], tb[perm])
            opt.zero_grad()
            loss.backward()
            opt.step()
            sched.step()
            loss.item()
    return time.perf_counter() - start


def main():
    threads, clips, batch, epochs = (int(a) for a in sys.argv[1:5])
    torch.set_num_threads(threads)
    torch.manual_seed(0)
    x = torch.randn(clips, 1, 512, 65)
    y = torch.randint(0, 10, (clips,))
    teacher = torch.randn(clips, 10)
    model = TfSepNet()
    train(model, x, y, teacher, batch, 1)  # warm-up
    seconds = train(model, x, y, teacher, batch, epochs)
    print(f"# Python PyTorch {torch.__version__}, {threads} threads, NCHW (the seed code's layout)")
    print(f"student_train {batch} {clips * epochs} {seconds:.3f} {clips * epochs / seconds:.1f}")


if __name__ == "__main__":
    main()
