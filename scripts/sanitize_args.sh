# Sourced by scripts/test.sh --sanitize and scripts/fuzz.sh: the CMake arguments of the
# sanitizer build (build-asan/), one configuration for both, compiled once in CI: clang++,
# AddressSanitizer + UBSan, the libFuzzer instrumentation (the fuzz harnesses are built beside
# the tests), -O1 -g1 (line tables for the reports), no benchmarks.
SANITIZE_CMAKE_ARGS=(-G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo "-DCMAKE_CXX_FLAGS_RELWITHDEBINFO=-O1 -g1"
                     -DCMAKE_CXX_COMPILER=clang++ -DCAREERGRAPH_SANITIZE=ON -DCAREERGRAPH_FUZZ=ON
                     -DCAREERGRAPH_BUILD_BENCH=OFF)
