#!/bin/sh
# Model speed, C++ (bench_models) beside Python PyTorch with the official model
# definitions (torch_peer.py), in one run, on the same thread count.
# usage: bench/models/run.sh [BUILD_DIR] [THREADS] [BEATS_BATCH] [TFSEPNET_BATCH] [REPEATS]
set -eu
here=$(cd "$(dirname "$0")" && pwd)
build=${1:-$here/../../build/dev}
threads=${2:-$(nproc)}
beats_batch=${3:-16}
tf_batch=${4:-256}
repeats=${5:-3}
bin=$build/bin/bench_models
[ -x "$bin" ] || { echo "run.sh: $bin not found; build the bench_models target first" >&2; exit 2; }

# Both sides get the same thread count; OpenBLAS/OpenMP pools are pinned to it too.
# PASSIVE keeps idle OpenMP workers from spinning on a shared machine (both sides).
export OMP_NUM_THREADS=$threads OPENBLAS_NUM_THREADS=$threads OMP_WAIT_POLICY=PASSIVE
cpp=$(mktemp) peer=$(mktemp)
trap 'rm -f "$cpp" "$peer"' EXIT
# Two rounds, the sides alternating, and each case's best round is kept: on a shared
# machine a burst of someone else's load then hits one round, not one side.
for round in 1 2; do
    "$bin" "$threads" "$beats_batch" "$tf_batch" "$repeats" >>"$cpp"
    /usr/bin/python3 "$here/torch_peer.py" "$threads" "$beats_batch" "$tf_batch" "$repeats" >>"$peer"
done
best() { grep -v '^#' "$1" | awk -v n="$2" '$1 == n && $5 > best { best = $5 } END { print best }'; }
least_cpu() { grep -v '^#' "$1" | awk -v n="$2" '$1 == n && (cpu == "" || $6 < cpu) { cpu = $6 } END { print cpu }'; }

grep '^#' "$cpp" | head -1
grep '^#' "$peer" | head -1
echo "# each side: best of 2 alternating rounds"
# Which torch and BLAS each side loads (both use oneDNN for convolutions, BLAS for GEMMs).
blas_of() { ldd "$1" 2>/dev/null | awk '/libtorch_cpu|libblas|libopenblas/ { printf " %s", $3 }'; }
echo "# C++ loads:   $(blas_of "$bin")"
echo "# torch loads: $(blas_of "$(/usr/bin/python3 -c 'import torch._C as c; print(c.__file__)')")"
echo "# libblas.so.3 is $(readlink -f /usr/lib/x86_64-linux-gnu/libblas.so.3 2>/dev/null || echo unknown)"
printf '%-15s %6s %12s %12s %7s %12s %12s %7s\n' case batch "C++ clips/s" "torch" ratio "C++ CPU s" "torch CPU s" ratio
for name in beats-wave beats-fbank tfsepnet-infer tfsepnet-train; do
    batch=$([ "${name#beats}" != "$name" ] && echo "$beats_batch" || echo "$tf_batch")
    rate=$(best "$cpp" "$name") peer_rate=$(best "$peer" "$name")
    cpu=$(least_cpu "$cpp" "$name") peer_cpu=$(least_cpu "$peer" "$name")
    printf '%-15s %6s %12s %12s %6.2fx %12s %12s %6.2fx\n' "$name" "$batch" "$rate" "$peer_rate" \
        "$(echo "$rate $peer_rate" | awk '{ print $1 / $2 }')" "$cpu" "$peer_cpu" \
        "$(echo "$cpu $peer_cpu" | awk '{ print $2 / $1 }')"
done
echo "# clips/s: wall clock, best round; CPU s: CPU seconds (all threads) per batch, least of the rounds"
