#!/bin/sh
# Training speed: TF-SepNet-64 distillation throughput, C++ (bench_train) beside the same
# loop in Python PyTorch, same thread count, one run; then the wall time of the teaching
# demo (projects/demo.json) end to end.
# usage: bench/train/run.sh [BUILD_DIR] [THREADS] [CLIPS] [BATCH] [EPOCHS] [--no-demo]
set -eu
here=$(cd "$(dirname "$0")" && pwd)
build=${1:-$here/../../build/release}
threads=${2:-$(nproc)}
clips=${3:-512}
batch=${4:-64}
epochs=${5:-2}
demo=${6:-}
bin=$build/bin/bench_train
cli=$build/bin/scenebench-cli
[ -x "$bin" ] || { echo "run.sh: $bin not found; build the bench_train target first" >&2; exit 2; }

export OMP_NUM_THREADS=$threads OPENBLAS_NUM_THREADS=$threads OMP_WAIT_POLICY=PASSIVE
cpp=$(mktemp) peer=$(mktemp)
trap 'rm -f "$cpp" "$peer"' EXIT
"$bin" "$threads" "$clips" "$batch" "$epochs" >"$cpp"
/usr/bin/python3 "$here/train_peer.py" "$threads" "$clips" "$batch" "$epochs" >"$peer"
grep '^#' "$cpp"
grep '^#' "$peer"
echo "# libblas.so.3 is $(readlink -f /usr/lib/x86_64-linux-gnu/libblas.so.3 2>/dev/null || echo unknown)"
printf '%-15s %6s %8s %14s %14s %8s\n' case batch clips "C++ clips/s" "torch clips/s" ratio
read -r name b n _ rate <<EOT
$(grep -v '^#' "$cpp")
EOT
peer_rate=$(grep -v '^#' "$peer" | awk '{ print $5 }')
printf '%-15s %6s %8s %14s %14s %7.2fx\n' "$name" "$b" "$n" "$rate" "$peer_rate" \
    "$(echo "$rate $peer_rate" | awk '{ print $1 / $2 }')"

[ "$demo" = "--no-demo" ] && exit 0
[ -x "$cli" ] || { echo "run.sh: $cli not found" >&2; exit 2; }
# The demo pays for the dataset and the pre-trained demo encoder once (cached); the
# target is for a warm cache, so a cold cache is warmed by a first run that is not timed.
out=$(mktemp -d)
trap 'rm -f "$cpp" "$peer"; rm -rf "$out"' EXIT
if ! ls "${SCENEBENCH_DEMO_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/scenebench/demo}"/pretrained/*.pt >/dev/null 2>&1; then
    echo "# cold cache: warming it with an untimed run"
    "$cli" run "$here/../../projects/demo.json" --out "$out/warm" --threads "$threads" >/dev/null
fi
start=$(date +%s.%N)
"$cli" run "$here/../../projects/demo.json" --out "$out/timed" --threads "$threads" >"$out/log" 2>&1
end=$(date +%s.%N)
echo "projects/demo.json end to end (cache warm), $threads threads: $(echo "$start $end" | awk '{ printf "%.0f s", $2 - $1 }')"
tail -n 7 "$out/log"
