#!/bin/sh
# Front-end throughput, C++ beside the PyTorch/torchaudio peer, in one run.
# usage: bench/frontends/run.sh [BUILD_DIR] [THREADS] [CLIPS_1S] [CLIPS_10S]
set -eu
here=$(cd "$(dirname "$0")" && pwd)
build=${1:-$here/../../build/dev}
threads=${2:-$(nproc)}
clips1=${3:-1000}
clips10=${4:-100}
bin=$build/bin/bench_frontends
[ -x "$bin" ] || { echo "run.sh: $bin not found; build the bench_frontends target first" >&2; exit 2; }

# Both sides get the same thread count; OpenBLAS/OpenMP pools are pinned to it too.
# PASSIVE stops torch's OpenMP workers from spinning: on a busy shared machine spinning
# made the peer up to 10x slower at 2 threads, and we want its best figure.
export OMP_NUM_THREADS=$threads OPENBLAS_NUM_THREADS=$threads OMP_WAIT_POLICY=PASSIVE
cpp=$(mktemp) peer=$(mktemp)
trap 'rm -f "$cpp" "$peer"' EXIT
"$bin" "$threads" "$clips1" "$clips10" >"$cpp"
/usr/bin/python3 "$here/torch_peer.py" "$threads" "$clips1" "$clips10" >"$peer"

grep '^#' "$cpp"
grep "^#" "$peer"
echo "# torch BLAS at run time: $(readlink -f /usr/lib/x86_64-linux-gnu/libblas.so.3 2>/dev/null || echo unknown)"
printf '%-10s %5s %6s %14s %14s %8s\n' frontend clip clips "C++ clips/s" "torch clips/s" ratio
grep -v '^#' "$cpp" | while read -r name sec count _ rate; do
    peer_rate=$(grep -v '^#' "$peer" | awk -v n="$name" -v s="$sec" '$1 == n && $2 == s { print $5 }')
    printf '%-10s %4ss %6s %14s %14s %7.1fx\n' "$name" "$sec" "$count" "$rate" "$peer_rate" \
        "$(echo "$rate $peer_rate" | awk '{ print $1 / $2 }')"
done
