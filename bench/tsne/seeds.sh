#!/usr/bin/env bash
# t-SNE quality across seeds on the 29,680 x 160 mixture: scikit-learn and SceneBench,
# each with PCA and with random initialisation, one map per seed, all in one run and all
# scored by the same evaluator (tsne_bench --score). One map per side is not enough to
# compare trustworthiness at this size: a different seed moves it by more than the sides
# differ (docs/embedding.md).
#   bench/tsne/seeds.sh [--points N] [--direct] [BUILD_DIR [SEED...]]
#     defaults: all 29,680 points, build/dev, seeds 0 1 2
#     --points N: a seeded random subset of N points of the mixture
#     --direct:   also SceneBench with the all-pairs ('direct') gradient, exact repulsion
# At 29,680 points on 2 cores: ~5-6 minutes per scikit-learn map (2 per seed), ~1 per
# SceneBench map (~2.5 with --direct). SceneBench's PCA initialisation is exact (Jacobi),
# so its seed does not change that map: it is made once per gradient.
set -euo pipefail
points=0 direct=0
while [[ "${1:-}" == --* ]]; do
    case $1 in
        --points) points=$2; shift 2 ;;
        --direct) direct=1; shift ;;
        *) echo "seeds.sh: unknown option $1" >&2; exit 2 ;;
    esac
done
root=$(cd "$(dirname "$0")/../.." && pwd)
build=$(cd "${1:-$root/build/dev}" && pwd)
shift || true
seeds=("$@")
[[ ${#seeds[@]} -gt 0 ]] || seeds=(0 1 2)
bench="$build/bin/tsne_bench" cli="$build/bin/scenebench-cli"
for b in "$bench" "$cli"; do
    [[ -x "$b" ]] || { echo "seeds.sh: $b not found; build it first" >&2; exit 2; }
done
py=/usr/bin/python3
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

echo "machine: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg); seeds: ${seeds[*]}"
$py "$root/bench/tsne/make_mixture.py" "$work"
x="$work/mixture_x.npy" labels="$work/mixture_labels.npy"
if [[ $points -gt 0 ]]; then
    $py - "$x" "$labels" "$points" <<'PY'
import sys, numpy as np
x, labels, n = np.load(sys.argv[1]), np.load(sys.argv[2]), int(sys.argv[3])
keep = np.sort(np.random.default_rng(7).choice(len(x), n, replace=False))
np.save(sys.argv[1], x[keep]); np.save(sys.argv[2], labels[keep])
PY
fi
echo "input: $($py -c "import numpy as np, sys; print('x'.join(map(str, np.load(sys.argv[1]).shape)))" "$x")"
: > "$work/seconds.txt"

ours() {  # ours NAME [embed options...]
    local name=$1; shift
    local secs
    if ! "$cli" embed --method tsne "$@" --out "$work/$name.npy" "$x" > "$work/$name.out" 2> "$work/$name.log"; then
        cat "$work/$name.log" >&2
        exit 1
    fi
    secs=$(sed -n 's/^seconds: //p' "$work/$name.out")
    echo "$name $secs" >> "$work/seconds.txt"
    echo "   $name: $secs s"
}

for s in "${seeds[@]}"; do
    for init in pca random; do
        echo "== scikit-learn, init $init, seed $s ..."
        out=$($py "$root/bench/tsne/sklearn_tsne.py" "$x" "$work/sklearn-$init-$s.npy" "$s" "$init")
        echo "sklearn-$init-$s $($py -c "import json,sys; print(json.loads(sys.argv[1])['seconds'])" "$out")" >> "$work/seconds.txt"
        echo "   $out"
    done
    echo "== SceneBench, init random, seed $s ..."
    ours "scenebench-random-$s" --init random --seed "$s"
    [[ $direct == 0 ]] || ours "scenebench.direct-random-$s" --init random --seed "$s" --gradient direct
done
echo "== SceneBench, init pca ..."
ours scenebench-pca-0
[[ $direct == 0 ]] || ours scenebench.direct-pca-0 --gradient direct

echo "== scoring every map ..."
(cd "$work" && "$bench" --score "$x" "$labels" ./*-*.npy) > "$work/scores.jsonl"

$py - "$work/scores.jsonl" "$work/seconds.txt" <<'PY'
import json, pathlib, statistics, sys
seconds = dict(l.split() for l in open(sys.argv[2]))
rows = []
for line in open(sys.argv[1]):
    r = json.loads(line)
    name = pathlib.Path(r["name"]).stem
    side, init, seed = name.split("-")
    rows.append(dict(r, side=side, init=init, seed=int(seed), wall=float(seconds[name])))
rows.sort(key=lambda r: (r["init"], r["side"], r["seed"]))
print()
print("| implementation | init | seed | wall s | KL (exact) | trustworthiness k=10 | 10-NN accuracy |")
print("|---|---|---|---|---|---|---|")
for r in rows:
    print(f"| {r['side']} | {r['init']} | {r['seed']} | {r['wall']:.1f} | {r['kl']:.4f} | "
          f"{r['trustworthiness']:.4f} | {r['knn_accuracy']:.4f} |")
print()
print("| implementation | init | maps | KL mean | trustworthiness mean (min-max) | 10-NN mean |")
print("|---|---|---|---|---|---|")
for init in ("pca", "random"):
    for side in dict.fromkeys(r["side"] for r in rows):
        g = [r for r in rows if r["side"] == side and r["init"] == init]
        t = [r["trustworthiness"] for r in g]
        print(f"| {side} | {init} | {len(g)} | {statistics.mean(r['kl'] for r in g):.4f} | "
              f"{statistics.mean(t):.4f} ({min(t):.4f}-{max(t):.4f}) | {statistics.mean(r['knn_accuracy'] for r in g):.4f} |")
PY
echo "load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)"
