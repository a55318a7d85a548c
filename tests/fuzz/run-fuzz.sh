#!/usr/bin/env bash
# Builds the catalogue loader fuzz target with libFuzzer + ASan + UBSan and runs it
# for a short time (default 20 s) on a corpus seeded with the real catalogue.
# Usage: tests/fuzz/run-fuzz.sh [SECONDS] [WORK_DIR]
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
seconds=${1:-20}
work=${2:-$root/build/fuzz}
mkdir -p "$work/corpus"
cp "$root"/rules/guidelines/*.yaml "$root"/rules/checks/*.yaml "$work/corpus/"
clang++-19 -std=c++17 -g -O1 -fexceptions -fsanitize=fuzzer,address,undefined \
  -fno-sanitize-recover=undefined \
  "$here/CatalogueFuzzer.cpp" "$root/rules/loader/YamlLoader.cpp" "$root/rules/loader/Model.cpp" \
  -lyaml-cpp -o "$work/catalogue-fuzzer"
cd "$work"
# -rss_limit_mb keeps a pathological input from taking the machine.
./catalogue-fuzzer -max_total_time="$seconds" -rss_limit_mb=2048 -timeout=10 \
  -print_final_stats=1 corpus 2>&1 | tail -n 12
echo "fuzz: catalogue loader ran ${seconds}s without a crash"
