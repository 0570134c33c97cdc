#!/usr/bin/env bash
# Installs the Debian 12 packages SceneBench builds, tests and benchmarks with
# (dpkg-dev: dpkg-shlibdeps, which derives the .deb's dependencies; see "Debian package").
# Idempotent: packages already present are skipped by apt. Works as root or via sudo.
#   packaging/install-deps.sh            build + test dependencies
#   packaging/install-deps.sh --bench    also the Python peers used by bench/
set -euo pipefail

BUILD_PKGS=(
  build-essential cmake ninja-build pkg-config git
  qt6-base-dev qt6-base-dev-tools qt6-multimedia-dev qt6-svg-dev libqt6svg6
  libqcustomplot-dev libqcustomplot2.1-qt6
  libtorch-dev libopenblas0-pthread
  libsndfile1-dev libfftw3-dev libsoxr-dev nlohmann-json3-dev
  zlib1g-dev
  dpkg-dev
)
# Python peers: interop tests use them when present (PyTorch loading our checkpoints).
# appstream, desktop-file-utils: the package test validates the metainfo and .desktop file.
# slurm-wlm, munge: tests/slurm/slurm-fixture.sh runs a private one-node Slurm cluster for the Slurm tests.
TEST_PKGS=(python3-numpy python3-torch appstream desktop-file-utils slurm-wlm munge)
BENCH_PKGS=(python3-torchaudio python3-sklearn)

want=("${BUILD_PKGS[@]}" "${TEST_PKGS[@]}")
[[ "${1:-}" == "--bench" ]] && want+=("${BENCH_PKGS[@]}")

missing=()
for p in "${want[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [[ ${#missing[@]} -eq 0 ]]; then
  echo "install-deps: all ${#want[@]} packages already installed"
  exit 0
fi

SUDO=""
if [[ $(id -u) -ne 0 ]]; then
  command -v sudo >/dev/null || { echo "install-deps: need root or sudo to install: ${missing[*]}" >&2; exit 1; }
  SUDO="sudo"
fi
echo "install-deps: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
