"""The Python peer of bench_frontends: the same work in PyTorch/torchaudio.

fbank: BEATs.preprocess (microsoft/unilm beats/BEATs.py), i.e. torchaudio.compliance.kaldi.fbank
per clip exactly as BEATs calls it, stacked and normalised, in batches.
cpmel: the seed code's CpMel forward (conv1d pre-emphasis, torch.stft with the symmetric Hann
window of 3072 centred in 4096, hop 500, power, the Kaldi mel matrix multiply, log, normalise),
batched. Prints the same line format as bench_frontends.

usage: /usr/bin/python3 torch_peer.py THREADS CLIPS_1S CLIPS_10S
"""
import re
import sys
import time

import torch
import torchaudio
import torchaudio.compliance.kaldi as ta_kaldi

BATCH = 32


def beats_preprocess(source, fbank_mean=15.41663, fbank_std=6.55582):
    fbanks = []
    for waveform in source:
        waveform = waveform.unsqueeze(0) * 2 ** 15
        fbank = ta_kaldi.fbank(waveform, num_mel_bins=128, sample_frequency=16000, frame_length=25, frame_shift=10)
        fbanks.append(fbank)
    fbank = torch.stack(fbanks, dim=0)
    return (fbank - fbank_mean) / (2 * fbank_std)


class CpMel(torch.nn.Module):
    def __init__(self, n_mels, sr=32000, win_length=3072, hopsize=500, n_fft=4096, fmin=0.0, fmax=16000.0):
        super().__init__()
        self.n_fft, self.hopsize, self.win_length = n_fft, hopsize, win_length
        self.register_buffer("window", torch.hann_window(win_length, periodic=False), persistent=False)
        self.register_buffer("preemphasis_coefficient", torch.as_tensor([[[-0.97, 1]]]), persistent=False)
        mel_basis, _ = ta_kaldi.get_mel_banks(n_mels, n_fft, sr, fmin, fmax, vtln_low=100.0, vtln_high=-500.0,
                                              vtln_warp_factor=1.0)
        self.register_buffer("mel_basis", torch.nn.functional.pad(mel_basis, (0, 1), mode="constant", value=0),
                             persistent=False)

    def forward(self, x):
        x = torch.nn.functional.conv1d(x.unsqueeze(1), self.preemphasis_coefficient).squeeze(1)
        x = torch.stft(x, self.n_fft, hop_length=self.hopsize, win_length=self.win_length, center=True,
                       normalized=False, window=self.window, return_complex=True)
        x = x.real ** 2 + x.imag ** 2
        melspec = torch.matmul(self.mel_basis, x)
        melspec = (melspec + 0.00001).log()
        return (melspec + 4.5) / 5.0


def measure(label, fn, seconds, count, rate):
    torch.manual_seed(1)
    clips = torch.randn(count, seconds * rate) * 0.1
    fn(clips[:2])  # warm-up
    start = time.perf_counter()
    with torch.no_grad():
        for b in range(0, count, BATCH):
            fn(clips[b:b + BATCH])
    elapsed = time.perf_counter() - start
    print(f"{label} {seconds} {count} {elapsed:.4f} {count / elapsed:.1f}", flush=True)


def main():
    threads, clips1, clips10 = (int(a) for a in sys.argv[1:4])
    torch.set_num_threads(threads)
    blas = re.search(r"BLAS_INFO=(\w+)", torch.__config__.show())
    print(f"# torch {torch.__version__} + torchaudio {torchaudio.__version__}, {torch.get_num_threads()} threads, "
          f"BLAS_INFO={blas.group(1) if blas else '?'}, batches of {BATCH}")
    with torch.no_grad():
        measure("fbank", beats_preprocess, 1, clips1, 16000)
        measure("fbank", beats_preprocess, 10, clips10, 16000)
        for mels in (256, 512):
            measure(f"cpmel{mels}", CpMel(mels), 1, clips1, 32000)
            measure(f"cpmel{mels}", CpMel(mels), 10, clips10, 32000)


if __name__ == "__main__":
    main()
