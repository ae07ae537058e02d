#!/usr/bin/env bash
# Rebuilds data/onet/graph.pb, the shipped O*NET occupational career graph, from the public
# O*NET and BLS files in ../shared/data (data/onet/README.md describes the mapping).
#
#   scripts/build_onet.sh [path/to/careergraph]
#
# Without an argument (or $CAREERGRAPH_BIN) the careergraph binary is built in build/
# (Release). $CAREERGRAPH_SHARED_DATA overrides where the data folders are.
# The import is deterministic and writes atomically: on the same inputs it reproduces the
# shipped file byte for byte (tests/onet_integration_test.cc checks exactly that).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
data=${CAREERGRAPH_SHARED_DATA:-$root/../shared/data}
bin=${1:-${CAREERGRAPH_BIN:-}}

for d in onet-29.3 bls-oews-2024-national onet-18.1-legacy-context onet-30.0-work-activities; do
  if [ ! -d "$data/$d" ]; then
    echo "build_onet.sh: $data/$d not found; set CAREERGRAPH_SHARED_DATA to the folder holding it" >&2
    exit 2
  fi
done

if [ -z "$bin" ]; then
  cmake -S "$root" -B "$root/build" -G Ninja -DCMAKE_BUILD_TYPE=Release >/dev/null
  cmake --build "$root/build" --target careergraph -j2
  bin=$root/build/careergraph
fi

mkdir -p "$root/data/onet"
"$bin" import onet \
  --onet-dir "$data/onet-29.3" \
  --wages "$data/bls-oews-2024-national/national_M2024.tsv" \
  --context "$data/onet-18.1-legacy-context" \
  --activities "$data/onet-30.0-work-activities/work_activities.tsv" \
  -o "$root/data/onet/graph.pb"
