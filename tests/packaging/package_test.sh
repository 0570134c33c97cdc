#!/usr/bin/env bash
# The Debian package, end to end (CTest "package", labels slow;package):
#   package_test.sh BUILD_DIR SOURCE_DIR CPACK WITH_GUI(0|1)
# 1. cpack -G DEB from BUILD_DIR into a temporary folder (the build folder is not touched);
# 2. apt-get install ./scenebench_*.deb (dependencies resolve; dpkg -i without apt-get);
# 3. runs a tiny experiment with the INSTALLED scenebench-cli (clean environment, PATH
#    /usr/bin:/bin, run from a temporary folder), and the installed GUI's --version;
# 4. checks the installed files (dpkg -L): programs, demo projects, man pages, desktop
#    entry, icons, AppStream metainfo (appstreamcli validate --no-net);
# 5. removes the package and checks the programs are gone.
# Whatever happens, the EXIT trap purges scenebench and any package apt pulled in for it,
# and deletes the temporary folder: the machine's package set is left as it was found.
# Exit codes: 0 passed, 1 failed, 77 skipped (not root, no dpkg, scenebench installed).
set -euo pipefail

build_dir=$1 source_dir=$2 cpack=$3 with_gui=${4:-1}

skip() { echo "SKIP: $*"; exit 77; }
fail() { echo "FAIL: $*" >&2; exit 1; }
step() { echo "== $* ($(( SECONDS ))s)"; }

[[ $(id -u) -eq 0 ]] || skip "needs root (it installs and removes the package)"
if ! command -v dpkg >/dev/null || ! command -v dpkg-query >/dev/null; then skip "no dpkg"; fi
[[ -x $cpack || -n $(command -v "$cpack" || true) ]] || skip "no cpack ($cpack)"
[[ -f $source_dir/tests/data/reference/beats_tiny.pt ]] || fail "$source_dir: no tests/data/reference/beats_tiny.pt"
[[ -f $build_dir/CPackConfig.cmake ]] || fail "$build_dir/CPackConfig.cmake missing (configure first)"
installed() { dpkg-query -W -f='${db:Status-Abbrev}' "$1" 2>/dev/null | grep -q '^ii'; }
if installed scenebench; then
  skip "scenebench is already installed on this machine; not touching it"
fi

export DEBIAN_FRONTEND=noninteractive
apt_opts=(-y -q -o DPkg::Lock::Timeout=120)
tmp=$(mktemp -d /tmp/scenebench-package-test.XXXXXX)
packages_before=$tmp/packages-before.txt
dpkg-query -W -f='${db:Status-Abbrev} ${binary:Package}\n' \
  | awk '$1 == "ii" {print $2}' | sort > "$packages_before"
touched=0

cleanup() {
  local rc=$?
  set +e
  if [[ $touched -eq 1 ]]; then
    if dpkg-query -W -f='${Status}' scenebench 2>/dev/null | grep -qv 'not-installed'; then
      echo "cleanup: purging scenebench"
      dpkg --purge scenebench >/dev/null
    fi
    # Dependencies apt installed for the package (none where the build's are present).
    local new=()
    mapfile -t new < <(dpkg-query -W -f='${db:Status-Abbrev} ${binary:Package}\n' \
                         | awk '$1 == "ii" {print $2}' | sort | comm -13 "$packages_before" -)
    if [[ ${#new[@]} -gt 0 ]]; then
      echo "cleanup: purging packages installed for scenebench: ${new[*]}"
      apt-get purge "${apt_opts[@]}" "${new[@]}" >/dev/null || dpkg --purge "${new[@]}" >/dev/null
    fi
  fi
  rm -rf "$tmp"
  exit $rc
}
trap cleanup EXIT
trap 'exit 130' INT TERM HUP

# --- 1. build the package -------------------------------------------------------------
step "cpack -G DEB from $build_dir"
(cd "$build_dir" && timeout 600 "$cpack" -G DEB --config "$build_dir/CPackConfig.cmake" -B "$tmp/pkg") \
  > "$tmp/cpack.log" 2>&1 || { cat "$tmp/cpack.log"; fail "cpack failed"; }
debs=("$tmp"/pkg/scenebench_*.deb)
[[ ${#debs[@]} -eq 1 && -f ${debs[0]} ]] || fail "expected one scenebench_*.deb in $tmp/pkg"
deb=${debs[0]}
echo "package: $(basename "$deb"), $(stat -c %s "$deb") bytes"
dpkg-deb -f "$deb" Package Version Section Depends
[[ $(dpkg-deb -f "$deb" Package) == scenebench ]] || fail "package name is not scenebench"
version=$(dpkg-deb -f "$deb" Version)
[[ -n $(dpkg-deb -f "$deb" Depends) ]] || fail "no Depends (dpkg-shlibdeps did not run?)"

# --- 2. install it --------------------------------------------------------------------
step "installing"
touched=1
if command -v apt-get >/dev/null; then
  apt-get install "${apt_opts[@]}" --no-install-recommends "$deb" > "$tmp/apt.log" 2>&1 \
    || { cat "$tmp/apt.log"; fail "apt-get install failed"; }
else
  dpkg -i "$deb" || fail "dpkg -i failed"
fi
installed scenebench || fail "scenebench is not installed after installing it"

# --- 3. run the installed programs ----------------------------------------------------
cli=/usr/bin/scenebench-cli
[[ -x $cli ]] || fail "$cli missing"
if ldd "$cli" | grep -q 'not found'; then ldd "$cli"; fail "$cli: unresolved libraries"; fi
if readelf -d "$cli" 2>/dev/null | grep -qE 'R(UN)?PATH'; then fail "$cli has an RPATH/RUNPATH"; fi
mkdir -p "$tmp/home" "$tmp/work"
cp "$source_dir/tests/data/reference/beats_tiny.pt" "$tmp/work/beats_tiny.pt"
# A clean environment: nothing of the build or source tree on PATH or in the library path.
run_installed() {
  (cd "$tmp/work" && env -i PATH=/usr/bin:/bin HOME="$tmp/home" LANG=C.UTF-8 \
     XDG_CACHE_HOME="$tmp/home/.cache" XDG_RUNTIME_DIR="$tmp/home" SCENEBENCH_THREADS=2 \
     QT_QPA_PLATFORM=offscreen timeout 300 "$@")
}
step "scenebench-cli help"
out=$(run_installed scenebench-cli help) || fail "scenebench-cli help failed"
grep -q 'demo-data' <<< "$out" || fail "scenebench-cli help lists no demo-data"
step "scenebench-cli demo-data --size tiny"
run_installed scenebench-cli demo-data --out "$tmp/work/demo" --size tiny > "$tmp/demo.log" 2>&1 \
  || { cat "$tmp/demo.log"; fail "demo-data failed"; }
# Sized like tst_RunCli: a frozen tiny BEATs teacher and a TF-SepNet-16 student, 2 epochs.
cat > "$tmp/work/smoke.json" <<JSON
{
  "format": "scenebench-experiment", "version": 1, "name": "package-smoke", "seed": 1,
  "threads": 2,
  "dataset": {"path": "$tmp/work/demo", "split": 100, "validation_percent": 10},
  "teachers": [
    {"name": "frozen", "variant": "ssl_frozen", "checkpoint": "$tmp/work/beats_tiny.pt",
     "frozen": true, "epochs": 2, "batch_size": 16,
     "augment": {"specaugment_p": 0.0, "freqmixstyle_p": 0.0, "device_ir_p": 0.0}}
  ],
  "student": {"width": 16, "depth": 16, "mels": 64, "epochs": 2, "batch_size": 32,
              "augment": {"device_ir_p": 0.0}, "also_without_kd": true}
}
JSON
step "scenebench-cli run (tiny experiment)"
run_installed scenebench-cli run "$tmp/work/smoke.json" --out "$tmp/work/run" > "$tmp/run.log" 2>&1 \
  || { cat "$tmp/run.log"; fail "scenebench-cli run failed"; }
grep -q 'student-nokd' "$tmp/run.log" || { cat "$tmp/run.log"; fail "no summary table"; }
[[ -f $tmp/work/run/summary.json ]] || fail "the run wrote no summary.json"
sed -n '/^model /,$p' "$tmp/run.log"
step "scenebench-cli model inspect"
run_installed scenebench-cli model inspect --arch tfsepnet --width 64 --depth 17 > /dev/null \
  || fail "model inspect failed"

# --- 4. the installed files -----------------------------------------------------------
step "installed files"
files=$tmp/files.txt
dpkg -L scenebench > "$files"
expect=(/usr/bin/scenebench-cli /usr/share/man/man1/scenebench-cli.1.gz
        /usr/share/scenebench/projects/demo.json)
if [[ $with_gui -eq 1 ]]; then
  expect+=(/usr/bin/scenebench /usr/share/man/man1/scenebench.1.gz
           /usr/share/applications/scenebench.desktop
           /usr/share/icons/hicolor/scalable/apps/scenebench.svg)
  for s in 16 32 48 64 128 256; do expect+=("/usr/share/icons/hicolor/${s}x${s}/apps/scenebench.png"); done
  metainfo=$(grep -E '^/usr/share/metainfo/.+\.metainfo\.xml$' "$files" || true)
  [[ -n $metainfo ]] || fail "no AppStream metainfo in the package"
  expect+=("$metainfo")
fi
for f in "${expect[@]}"; do
  grep -qxF "$f" "$files" || fail "$f is not in the package"
  [[ -f $f ]] || fail "$f is listed but not on disk"
done
grep -E '^/usr/share/man/man1/.+\.1\.gz$' "$files" > "$tmp/man.txt" || fail "no man pages"
while read -r m; do
  gzip -t "$m" || fail "$m: not gzip"
  zcat "$m" | head -1 | grep -q '^\.TH ' || fail "$m: not a man page"
  zcat "$m" | head -1 | grep -qF "\"SceneBench $version\"" \
    || fail "$m: its .TH line does not name SceneBench $version (update packaging/man/)"
  if command -v groff >/dev/null; then
    warn=$(zcat "$m" | groff -man -Tutf8 -ww -z 2>&1) || true
    [[ -z $warn ]] || fail "$m: groff warnings: $warn"
  fi
done < "$tmp/man.txt"
if [[ $with_gui -eq 1 ]]; then
  for s in 16 32 48 64 128 256; do
    png=/usr/share/icons/hicolor/${s}x${s}/apps/scenebench.png
    [[ $(head -c 8 "$png" | od -An -tx1 | tr -d ' \n') == 89504e470d0a1a0a ]] || fail "$png: not a PNG"
    # IHDR width and height (big-endian at bytes 16..23) must be the folder's size.
    [[ $(od -An -tu1 -j16 -N8 "$png" | awk '{print $3*256+$4 "x" $7*256+$8}') == "${s}x${s}" ]] \
      || fail "$png: not ${s}x${s}"
  done
  grep -qF "<release version=\"$version\"" "$metainfo" \
    || fail "$metainfo: no <release version=\"$version\"> (update packaging/*.metainfo.xml)"
  if command -v desktop-file-validate >/dev/null; then
    desktop-file-validate /usr/share/applications/scenebench.desktop || fail "desktop-file-validate"
  else
    echo "note: desktop-file-validate not installed (desktop-file-utils); not validated"
  fi
  if command -v appstreamcli >/dev/null; then
    appstreamcli validate --no-net "$metainfo" || fail "appstreamcli validate"
  else
    echo "note: appstreamcli not installed (appstream); metainfo not validated"
  fi
  step "scenebench --version (installed GUI, offscreen)"
  out=$(run_installed scenebench --version 2>/dev/null) || fail "scenebench --version failed"
  grep -qx "SceneBench $version" <<< "$out" || fail "scenebench --version: '$out', not SceneBench $version"
fi

# --- 5. remove it ---------------------------------------------------------------------
step "removing"
if command -v apt-get >/dev/null; then
  apt-get remove "${apt_opts[@]}" scenebench > "$tmp/remove.log" 2>&1 \
    || { cat "$tmp/remove.log"; fail "apt-get remove failed"; }
else
  dpkg -r scenebench || fail "dpkg -r failed"
fi
installed scenebench && fail "scenebench still installed after removing it"
for f in /usr/bin/scenebench-cli /usr/bin/scenebench /usr/share/scenebench/projects/demo.json; do
  [[ ! -e $f ]] || fail "$f is still there after removing the package"
done
step "package test passed"
