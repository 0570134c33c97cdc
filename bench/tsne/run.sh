#!/usr/bin/env bash
# t-SNE benchmark: scikit-learn (Debian's /usr/bin/python3, sklearn 1.2.1, Barnes-Hut,
# init='pca', learning_rate='auto', n_iter 1000) against SceneBench on the same inputs, in
# one run, on the same machine. Both maps are scored by the same evaluator (tsne_bench):
# exact KL of the final map (P: the 3·perplexity nearest-neighbour affinities both
# optimise; Q over all pairs), trustworthiness (k=10), 10-NN accuracy.
#   bench/tsne/run.sh [--quick] [BUILD_DIR]     (default BUILD_DIR: build/dev)
#   --quick: skip scikit-learn on the 29,680-point input (it takes minutes)
set -euo pipefail
quick=0
if [[ "${1:-}" == "--quick" ]]; then quick=1; shift; fi
root=$(cd "$(dirname "$0")/../.." && pwd)
build=$(cd "${1:-$root/build/dev}" && pwd)
bench="$build/bin/tsne_bench"
[[ -x "$bench" ]] || { echo "run.sh: $bench not found; build the tsne_bench target first" >&2; exit 2; }
py=/usr/bin/python3
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

echo "machine: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg) (other work on the machine slows both sides)"
echo "scikit-learn: threads and BLAS as reported on its lines below"
echo "SceneBench: threads ${SCENEBENCH_THREADS:-all cores}, BLAS: $(readlink -f /usr/lib/x86_64-linux-gnu/libblas.so.3)"

$py "$root/bench/tsne/make_mixture.py" "$work"
cases=("tsne_2000:$root/tests/data/reference/tsne_2000_x.npy:$root/tests/data/reference/tsne_2000_labels.npy"
       "mixture_29680:$work/mixture_x.npy:$work/mixture_labels.npy")
: > "$work/rows.jsonl"
for c in "${cases[@]}"; do
    IFS=: read -r name x labels <<< "$c"
    if [[ $quick == 1 && $name == mixture_29680 ]]; then
        echo "== $name: SceneBench only (--quick)"
        "$bench" "$x" "$labels" | sed "s/^{/{\"case\":\"$name\",/" >> "$work/rows.jsonl"
        continue
    fi
    echo "== $name: scikit-learn ..."
    sk=$($py "$root/bench/tsne/sklearn_tsne.py" "$x" "$work/sk_$name.npy")
    echo "   $sk"
    read -r seconds cpu < <($py -c "import json,sys; d=json.loads(sys.argv[1]); print(d['seconds'], d['cpu_seconds'])" "$sk")
    echo "== $name: SceneBench ..."
    "$bench" "$x" "$labels" "$work/sk_$name.npy" "$seconds" "$cpu" sklearn | sed "s/^{/{\"case\":\"$name\",/" >> "$work/rows.jsonl"
done

$py - "$work/rows.jsonl" <<'PY'
import json, sys
rows = [json.loads(l) for l in open(sys.argv[1])]
print()
print("| input | N x D | implementation | wall s | CPU s | KL (exact) | trustworthiness k=10 | 10-NN accuracy |")
print("|---|---|---|---|---|---|---|---|")
for r in rows:
    impl = r["name"] + (f" ({r['method']}, {r['threads']} threads)" if "method" in r else "")
    print(f"| {r['case']} | {r['points']} x {r['dims']} | {impl} | {r['seconds']:.2f} | {r['cpu_seconds']:.2f} | {r['kl']:.4f} | "
          f"{r['trustworthiness']:.4f} | {r['knn_accuracy']:.4f} |")
print()
for case in dict.fromkeys(r["case"] for r in rows):
    ours = next(r for r in rows if r["case"] == case and r["name"] == "scenebench")
    peer = next((r for r in rows if r["case"] == case and r["name"] == "sklearn"), None)
    if peer:
        print(f"{case}: speed-up {peer['seconds'] / ours['seconds']:.1f}x wall, "
              f"{peer['cpu_seconds'] / ours['cpu_seconds']:.1f}x CPU, "
              f"KL {ours['kl']:.4f} vs {peer['kl']:.4f} ({'<=' if ours['kl'] <= peer['kl'] else '>'}), "
              f"trustworthiness {ours['trustworthiness']:.4f} vs {peer['trustworthiness']:.4f} "
              f"({'>=' if ours['trustworthiness'] >= peer['trustworthiness'] else '<'})")
PY
echo "load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)"
