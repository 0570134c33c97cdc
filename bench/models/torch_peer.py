"""The Python peer of bench_models: the same cases in PyTorch with the official model
definitions (bench/peers/beats_official.py, bench/peers/tfsepnet_seed.py), the same
batches, warm-up and median. Prints the same line format as bench_models.

usage: /usr/bin/python3 torch_peer.py THREADS BEATS_BATCH TFSEPNET_BATCH REPEATS
"""
import os
import statistics
import sys
import time

import torch

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "peers"))
from beats_official import BASE_CFG, BEATs, BEATsConfig  # noqa: E402
from tfsepnet_seed import TfSepNet  # noqa: E402


def measure(name, batch, repeats, step):
    step()  # warm-up, as on the C++ side
    wall, cpu = [], []
    for _ in range(repeats):
        start, cpu_start = time.perf_counter(), time.process_time()  # process_time: all threads
        step()
        cpu.append(time.process_time() - cpu_start)
        wall.append(time.perf_counter() - start)
    median = lambda v: sorted(v)[len(v) // 2]  # noqa: E731
    print(f"{name} {batch} {repeats} {median(wall):.4f} {batch / median(wall):.2f} {median(cpu):.4f}", flush=True)


def bench_beats(batch, repeats):
    torch.manual_seed(1)
    net = BEATs(BEATsConfig(BASE_CFG)).eval()
    waves = torch.randn(batch, 16000) * 0.1
    with torch.no_grad():
        fbank = net.preprocess(waves)
        measure("beats-wave", batch, repeats, lambda: net.extract_features(waves))
        measure("beats-fbank", batch, repeats, lambda: net.extract_features_from_fbank(fbank))


def bench_tfsepnet(batch, repeats):
    torch.manual_seed(1)
    net = TfSepNet(base_channels=64, depth=17)
    x = torch.randn(batch, 1, 512, 64)
    labels = torch.randint(0, 10, (batch,))
    net.eval()
    with torch.no_grad():
        measure("tfsepnet-infer", batch, repeats, lambda: net(x))
    net.train()
    adam = torch.optim.Adam(net.parameters(), lr=0.004)

    def step():
        adam.zero_grad()
        torch.nn.functional.cross_entropy(net(x), labels).backward()
        adam.step()

    measure("tfsepnet-train", batch, repeats, step)


def main():
    threads, beats_batch, tf_batch, repeats = (int(a) for a in sys.argv[1:5])
    torch.set_num_threads(threads)
    print(f"# Python PyTorch {torch.__version__}, {threads} threads (intra-op), median of {repeats} batches "
          f"after one warm-up")
    bench_beats(beats_batch, repeats)
    bench_tfsepnet(tf_batch, repeats)


if __name__ == "__main__":
    main()
