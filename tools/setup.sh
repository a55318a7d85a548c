#!/usr/bin/env bash
# MedSec Tidy set-up for a fresh Debian 12 machine (run as root):
#  1. installs the Debian packages that are missing,
#  2. configures and builds MedSecTidy.so, medsec and medsec-clangd into build/,
#  3. runs the main job: scans the sample firmware in test-inputs/, writes its results, the SBOM
#     of its vendored libraries and its traceability report (medsec-out/report/report.html).
# Idempotent: a second run installs nothing and rebuilds only what changed.
# Usage: tools/setup.sh [--no-scan]
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build=${MEDSEC_BUILD_DIR:-$root/build}
out=${MEDSEC_OUT_DIR:-$root/medsec-out}

packages=(
  cmake ninja-build g++ python3 git
  llvm-19-dev libclang-19-dev clang-19 clang-tidy-19 llvm-19-tools libclang-rt-19-dev
  libyaml-cpp-dev libgtest-dev
  libcurl4-openssl-dev   # medsec scan --cache-url (the shared result cache over HTTP)
  nginx-core      # the HTTP cache tests run a real WebDAV server on the loopback
  libgrpc++-dev libprotobuf-dev libabsl-dev   # medsec-clangd links clangd's clangdMain
  clang-tidy-14   # only to test that the plugin refuses a foreign LLVM
  chromium        # the browser test of the HTML report
)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" -ne 0 ]; then
    echo "setup: missing packages: ${missing[*]}; run as root (or install them) first" >&2
    exit 2
  fi
  echo "setup: installing ${missing[*]}"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

# Test tools from the npm registry (the SARIF validator), repo-local.
if ! command -v npm > /dev/null; then
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends nodejs npm
fi
if [ ! -x "$root/node_modules/@microsoft/sarif-multitool-linux/Sarif.Multitool" ]; then
  (cd "$root" && npm ci --no-audit --no-fund --loglevel=error)
  chmod u+x "$root/node_modules/@microsoft/sarif-multitool-linux/Sarif.Multitool"
fi

cmake -S "$root" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release > /dev/null
cmake --build "$build" -j "$(nproc)"

[ "${1:-}" = "--no-scan" ] && exit 0

# The main job: the sample infusion-pump firmware, scanned as a firmware team would.
cmake -S "$root/test-inputs/infusion-pump" -B "$build/infusion-pump" \
  -DCMAKE_C_COMPILER=clang-19 -DCMAKE_EXPORT_COMPILE_COMMANDS=ON > /dev/null
mkdir -p "$out"
set +e
(cd "$root" && "$build/medsec" scan -p "$build/infusion-pump" -o "$out/results.json" \
  > "$out/findings.txt")
rc=$?
set -e
# 1 means findings, which the sample firmware has on purpose.
if [ $rc -ne 0 ] && [ $rc -ne 1 ]; then
  echo "setup: the scan of the sample firmware failed (exit $rc)" >&2
  exit $rc
fi
echo "setup: $(grep -c ': warning: ' "$out/findings.txt") findings in the sample firmware"
echo "setup: findings: $out/findings.txt"
echo "setup: results:  $out/results.json"

# The software bill of materials of the components that scan found (docs/sbom.md).
(cd "$root" && "$build/medsec" sbom -r "$out/results.json" -o "$out/sbom.cdx.json" \
  --name "IP-400 infusion pump" --vex "$root/test-inputs/infusion-pump/security/vulnerabilities.cdx.json" &&
  "$build/medsec" sbom -r "$out/results.json" -o "$out/sbom.spdx.json" --format spdx \
  --name "IP-400 infusion pump")
echo "setup: SBOM:     $out/sbom.cdx.json (CycloneDX 1.6) and $out/sbom.spdx.json (SPDX 2.3)"

# The traceability report of that scan; tools/run-tests.sh --output-junit medsec-tests.xml
# leaves the test-suite result that the report quotes as tool validation evidence.
evidence=()
[ -f "$build/medsec-tests.xml" ] && evidence=(--test-evidence "$build/medsec-tests.xml")
(cd "$root" && "$build/medsec" report -q -r "$out/results.json" -o "$out/report" \
  --sbom "$out/sbom.cdx.json" --sbom "$out/sbom.spdx.json" \
  --vulnerabilities "$root/test-inputs/infusion-pump/security/vulnerabilities.cdx.json" ${evidence[@]+"${evidence[@]}"})
echo "setup: report:   $out/report/report.html (and report.md, report.csv, report.json)"
