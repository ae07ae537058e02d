#!/usr/bin/env bash
# Installs the dependencies, builds careergraph (Release) and answers the question it was
# made for on the embedded reference ladder: Staff Software Engineer -> Director of Product.
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/setup.sh
cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=Release -DCAREERGRAPH_BUILD_TESTS=OFF -DCAREERGRAPH_BUILD_BENCH=OFF >/dev/null
cmake --build build --target careergraph -j"$(nproc)"
echo
./build/careergraph route --from "Staff Software Engineer" --to "Director of Product"
