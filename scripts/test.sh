#!/usr/bin/env bash
# Builds everything and runs the whole test suite with CTest.
#   scripts/test.sh             Release build in build-test/
#   scripts/test.sh --sanitize  the same under AddressSanitizer + UBSan in build-asan/
# Also runs a short smoke run of the benchmarks (timings are printed, never asserted), and
# (Release only) scripts/check_install.sh on the same build: install into a fresh prefix,
# build examples/cpp against it, build the .deb and run it extracted, test the Python module.
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/setup.sh

jobs=$(nproc)
if [ "${1:-}" = "--sanitize" ]; then
  dir=build-asan
  # -O1 -g1: the usual sanitizer build (line tables for the reports), quicker to compile than -O2 -g.
  cmake -S . -B "$dir" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCMAKE_CXX_FLAGS_RELWITHDEBINFO="-O1 -g1" \
        -DCAREERGRAPH_SANITIZE=ON \
        -DCAREERGRAPH_BUILD_BENCH=OFF >/dev/null
  export ASAN_OPTIONS=detect_leaks=1:abort_on_error=1
  export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
else
  dir=build-test
  cmake -S . -B "$dir" -G Ninja -DCMAKE_BUILD_TYPE=Release >/dev/null
fi
cmake --build "$dir" -j"$jobs"
ctest --test-dir "$dir" --output-on-failure -j"$jobs"
if [ "${1:-}" != "--sanitize" ]; then
  scripts/check_install.sh "$dir"
fi
if [ "${1:-}" != "--sanitize" ] && [ -x "$dir/bench/careergraph_bench" ]; then
  echo "== benchmark smoke run (not a gate) =="
  # The ~1k-position variants only: the point is that every suite builds and runs.
  timeout 900 "$dir/bench/careergraph_bench" --benchmark_filter='1k' --benchmark_min_time=0.01 >/dev/null
  echo "benchmarks ran"
fi
