#!/bin/sh
# The paper's effects on the demo data: the demo sweep (projects/demo-sweep.json, the
# recipe of projects/demo.json at the 5, 10, 25, 50 and 100 % splits x seeds 1-3), run
# here cell by cell (finished cells are kept, so running again continues), then its
# learning-curve table (mean ± std over seeds, seen / unseen devices), a check of each
# target of the paper's story, and the learning curve as OUT_DIR/learning-curve.svg.
# usage: bench/train/effects.sh [BUILD_DIR] [OUT_DIR] [THREADS]
set -eu
here=$(cd "$(dirname "$0")" && pwd)
build=${1:-$here/../../build/release}
out=${2:-runs/effects}
threads=${3:-$(nproc)}
cli=$build/bin/scenebench-cli
[ -x "$cli" ] || { echo "effects.sh: $cli not found" >&2; exit 2; }

[ -f "$out/sweep.json" ] || "$cli" sweep plan "$here/../../projects/demo-sweep.json" --out "$out"
"$cli" sweep run "$out" --jobs 1 --threads "$threads" >/dev/null || true  # a failed cell shows in the table
"$cli" sweep report "$out"
/usr/bin/python3 "$here/effects_check.py" "$out/report.json" "$out/learning-curve.svg"
