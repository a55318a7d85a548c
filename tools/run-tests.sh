#!/usr/bin/env bash
# Runs every test of MedSec Tidy: GoogleTest units, lit/FileCheck check tests,
# end-to-end CLI and plugin tests, and a short fuzz run. Builds first if needed.
# Usage: tools/run-tests.sh [ctest arguments, e.g. -R lit]
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build=${MEDSEC_BUILD_DIR:-$root/build}
if [ ! -f "$build/CMakeCache.txt" ]; then
  cmake -S "$root" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release > /dev/null
fi
cmake --build "$build" -j "$(nproc)"
cd "$build"
ctest --output-on-failure -j "$(nproc)" "$@"
