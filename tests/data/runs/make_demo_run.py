#!/usr/bin/env python3
"""Writes tests/data/runs/demo-run/metrics.jsonl: a TEST FIXTURE, not a result.

Synthetic but plausible curves in the docs/run-directory.md schema: two BEATs teachers
fine-tuned on a small subset, then a TF-SepNet student distilled from them (CE and KD
terms). The numbers come from smooth formulas plus seeded noise; no model was trained.
Used by the ui tests (curve replay and follow) and for the user guide's screenshots.

    python3 tests/data/runs/make_demo_run.py [OUT_DIR]
"""
import json
import math
import os
import random
import sys

STEPS_PER_EPOCH = 20
rng = random.Random(2024)


def cosine_lr(step, total, peak, warmup):
    if step < warmup:
        return peak * (step + 1) / warmup
    progress = (step - warmup) / max(1, total - warmup)
    return peak * 0.5 * (1 + math.cos(math.pi * progress))


def emit(out, clock, **fields):
    fields["time"] = round(clock, 3)
    out.write(json.dumps(fields, separators=(",", ":")) + "\n")


def teacher(out, clock, model, epochs, peak_lr, final_val):
    emit(out, clock, event="stage", model=model, stage="finetune", status="started")
    total = epochs * STEPS_PER_EPOCH
    for epoch in range(epochs):
        losses, accs = [], []
        for i in range(STEPS_PER_EPOCH):
            step = epoch * STEPS_PER_EPOCH + i
            clock += 0.9 + rng.random() * 0.2
            progress = step / total
            loss = 2.30 * math.exp(-2.6 * progress) + 0.55 + rng.gauss(0, 0.12)
            acc = min(1.0, max(0.0, 0.92 - 0.80 * math.exp(-3.0 * progress) + rng.gauss(0, 0.06)))
            lr = cosine_lr(step, total, peak_lr, STEPS_PER_EPOCH)
            losses.append(loss)
            accs.append(acc)
            emit(out, clock, event="step", model=model, stage="finetune", epoch=epoch, step=step,
                 lr=lr, loss=round(loss, 5), acc=round(acc, 4))
        clock += 6.0
        p = (epoch + 1) / epochs
        val_acc = final_val - 0.35 * math.exp(-4.0 * p) + rng.gauss(0, 0.008)
        emit(out, clock, event="epoch", model=model, stage="finetune", epoch=epoch, step=step, lr=lr,
             train_loss=round(sum(losses) / len(losses), 5), train_acc=round(sum(accs) / len(accs), 4),
             val_loss=round(1.25 + 0.9 * math.exp(-3.5 * p) + rng.gauss(0, 0.02), 5), val_acc=round(val_acc, 4))
    emit(out, clock, event="stage", model=model, stage="finetune", status="finished")
    return clock


def student(out, clock, epochs, peak_lr, kd_lambda=0.02):
    emit(out, clock, event="stage", model="student", stage="distill", status="started")
    total = epochs * STEPS_PER_EPOCH
    for epoch in range(epochs):
        sums = {"loss": 0.0, "acc": 0.0, "ce": 0.0, "kd": 0.0}
        for i in range(STEPS_PER_EPOCH):
            step = epoch * STEPS_PER_EPOCH + i
            clock += 0.25 + rng.random() * 0.05
            progress = step / total
            ce = 2.30 * math.exp(-1.8 * progress) + 0.95 + rng.gauss(0, 0.10)
            kd = 1.60 * math.exp(-2.2 * progress) + 0.35 + rng.gauss(0, 0.05)
            loss = (1 - kd_lambda) * ce + kd_lambda * kd * 4.0
            acc = min(1.0, max(0.0, 0.62 - 0.52 * math.exp(-2.5 * progress) + rng.gauss(0, 0.07)))
            lr = cosine_lr(step, total, peak_lr, 3 * STEPS_PER_EPOCH)
            for k, v in (("loss", loss), ("acc", acc), ("ce", ce), ("kd", kd)):
                sums[k] += v
            emit(out, clock, event="step", model="student", stage="distill", epoch=epoch, step=step, lr=lr,
                 loss=round(loss, 5), acc=round(acc, 4), ce=round(ce, 5), kd=round(kd, 5))
        clock += 3.0
        p = (epoch + 1) / epochs
        n = STEPS_PER_EPOCH
        emit(out, clock, event="epoch", model="student", stage="distill", epoch=epoch, step=step, lr=lr,
             train_loss=round(sums["loss"] / n, 5), train_acc=round(sums["acc"] / n, 4),
             ce=round(sums["ce"] / n, 5), kd=round(sums["kd"] / n, 5),
             val_loss=round(1.55 + 0.8 * math.exp(-3.0 * p) + rng.gauss(0, 0.02), 5),
             val_acc=round(0.50 - 0.36 * math.exp(-3.2 * p) + rng.gauss(0, 0.01), 4))
    emit(out, clock, event="stage", model="student", stage="distill", status="finished")
    return clock


def main():
    out_dir = sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(__file__), "demo-run")
    os.makedirs(out_dir, exist_ok=True)
    with open(os.path.join(out_dir, "metrics.jsonl"), "w") as out:
        clock = 0.0
        clock = teacher(out, clock, "teacher-1", epochs=6, peak_lr=3e-5, final_val=0.56)
        clock = teacher(out, clock, "teacher-2", epochs=6, peak_lr=3e-5, final_val=0.54)
        student(out, clock, epochs=30, peak_lr=5e-3)


if __name__ == "__main__":
    main()
