#!/usr/bin/env bash
# The README's second command (and CI's): builds and runs the whole test suite, first in a
# Release build, then in an AddressSanitizer + UndefinedBehaviorSanitizer build made with clang,
# which also builds the libFuzzer targets and runs each for $FRONTLINE_FUZZ_SECONDS (60).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
jobs=2

cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build build -j"$jobs"
ctest --test-dir build --output-on-failure -j"$jobs"

# -O1: the sanitizers' usual level, several times faster than -O0 for the fuzzers. Line tables
# only: enough for the sanitizers' stack traces (file and line), and quicker to build than -g.
cmake -S . -B build-asan -DCMAKE_CXX_COMPILER=clang++ -G Ninja -DCMAKE_BUILD_TYPE=Debug -DCMAKE_CXX_FLAGS_DEBUG="-gline-tables-only -O1" \
  -DFRONTLINE_SANITIZE=ON -DFRONTLINE_FUZZ=ON \
  -DFRONTLINE_BUILD_BENCH=OFF -DFRONTLINE_INDEX_BUILDER="$PWD/build/frontline" >/dev/null
cmake --build build-asan -j"$jobs"
ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
  ctest --test-dir build-asan --output-on-failure -j"$jobs"
