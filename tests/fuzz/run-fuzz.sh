#!/usr/bin/env bash
# Runs one libFuzzer target of the build (tests/CMakeLists.txt builds them with clang++-19,
# ASan and UBSan) for a short time on a corpus seeded with real inputs.
# Usage: tests/fuzz/run-fuzz.sh catalogue|json SECONDS FUZZ_DIR
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
target=$1
seconds=${2:-20}
work=${3:-$root/build/fuzz}
binary="$work/$target-fuzzer"
if [ ! -x "$binary" ]; then
  echo "fuzz: $binary was not built (it needs clang-19 and libclang-rt-19-dev; reconfigure)" >&2
  exit 1
fi
corpus="$work/corpus-$target"
mkdir -p "$corpus"
case $target in
  catalogue) cp "$root"/rules/guidelines/*.yaml "$root"/rules/checks/*.yaml "$corpus/" ;;
  json) cp "$root"/tests/unit/golden/report/results.json "$corpus/"
        printf '[{"directory": "/tmp", "file": "a.c", "arguments": ["arm-none-eabi-gcc", "-c", "a.c"]}]' \
          > "$corpus/compile_commands.json" ;;
esac
cd "$work"
# -rss_limit_mb keeps a pathological input from taking the machine.
"$binary" -max_total_time="$seconds" -rss_limit_mb=2048 -timeout=10 -print_final_stats=1 \
  "$corpus" 2>&1 | tail -n 12
echo "fuzz: $target ran ${seconds}s without a crash"
