#!/usr/bin/env bash
# Runs every test of MedSec Tidy: GoogleTest units, lit/FileCheck check tests,
# end-to-end CLI and plugin tests, and a short fuzz run. Builds first if needed.
# Usage: tools/run-tests.sh [ctest arguments, e.g. -R lit]
#   tools/run-tests.sh --output-junit medsec-tests.xml
# also writes the results as JUnit XML into the build directory: the tool validation evidence
# that `medsec report --test-evidence build/medsec-tests.xml` quotes (docs/report.md).
# Environment: MEDSEC_BUILD_DIR (default build/); MEDSEC_NO_BUILD=1 tests the build as it is.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build=${MEDSEC_BUILD_DIR:-$root/build}
if [ "${MEDSEC_NO_BUILD:-}" != 1 ]; then
  if [ ! -f "$build/CMakeCache.txt" ]; then
    cmake -S "$root" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release > /dev/null
  fi
  cmake --build "$build" -j "$(nproc)"
fi
cd "$build"
ctest --output-on-failure -j "$(nproc)" "$@"
