#!/bin/sh
# The paper's effects on the demo data: projects/demo.json at the 5 % split for three
# seeds and at 100 % for one (with fewer epochs, see below), then a table of accuracy
# (all, seen, unseen devices) per model, the 5 % rows averaged over the seeds.
# usage: bench/train/effects.sh [BUILD_DIR] [OUT_DIR] [THREADS]
set -eu
here=$(cd "$(dirname "$0")" && pwd)
build=${1:-$here/../../build/release}
out=${2:-runs/effects}
threads=${3:-$(nproc)}
cli=$build/bin/scenebench-cli
[ -x "$cli" ] || { echo "effects.sh: $cli not found" >&2; exit 2; }
mkdir -p "$out"

variant() {  # SPLIT SEED -> an experiment file
    /usr/bin/python3 - "$here/../../projects/demo.json" "$1" "$2" "$out/demo-split$1-seed$2.json" <<'PY'
import json, sys
src, split, seed, dst = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), sys.argv[4]
e = json.load(open(src))
e["dataset"]["split"] = split
e["seed"] = seed
e["name"] = f"demo split {split} seed {seed}"
if split == 100:
    # 19.5x the clips, so 19.5x the steps per epoch: fewer epochs keep the run near 20
    # minutes on 2 cores and still give each model more updates than at 5 %.
    for t in e["teachers"]:
        if t["frozen"]:
            t["epochs"] = 20
        else:
            t["epochs"] = 4
            t["schedule"].update(warmup_epochs=1, decay_epochs=3)
    e["student"]["epochs"] = 5
    e["student"]["schedule"].update(t0=5, t_mult=1)
json.dump(e, open(dst, "w"), indent=2)
PY
    echo "$out/demo-split$1-seed$2.json"
}

for run in "5 1" "5 2" "5 3" "100 1"; do
    set -- $run
    dir=$out/split$1-seed$2
    if [ -f "$dir/summary.json" ] && grep -q student-nokd "$dir/summary.json"; then continue; fi
    if [ -d "$dir" ]; then "$cli" resume "$dir" --threads "$threads" >/dev/null
    else "$cli" run "$(variant "$1" "$2")" --out "$dir" --threads "$threads" >/dev/null; fi
done

/usr/bin/python3 - "$out" <<'PY'
import json, os, sys
out = sys.argv[1]
def summary(split, seed):
    return json.load(open(os.path.join(out, f"split{split}-seed{seed}", "summary.json")))
runs = {5: [summary(5, s) for s in (1, 2, 3)], 100: [summary(100, 1)]}
models = ["demo-frozen", "demo-trained", "ensemble", "student", "student-nokd"]
print(f"{'split':>5} {'model':<14} {'acc %':>7} {'seen %':>7} {'unseen %':>9} {'gap pp':>7}  runs")
for split, sums in runs.items():
    for m in models:
        rows = [s[m] for s in sums if m in s]
        mean = lambda k: 100 * sum(r[k] for r in rows) / len(rows)
        print(f"{split:>5} {m:<14} {mean('accuracy'):7.1f} {mean('accuracy_seen_devices'):7.1f} "
              f"{mean('accuracy_unseen_devices'):9.1f} {mean('unseen_gap'):7.1f}  {len(rows)}")
for split, sums in runs.items():
    for i, s in enumerate(sums):
        print(f"# split {split} run {i + 1}: " + ", ".join(f"{m} {100 * s[m]['accuracy']:.1f}" for m in models))
PY
