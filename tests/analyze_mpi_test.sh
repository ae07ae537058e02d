#!/bin/sh
# The distributed analysis must write the same report, byte for byte, as one process.
# Usage: analyze_mpi_test.sh CAREERGRAPH MPIEXEC SOURCE_DIR
# Runs 2 ranks on this host (--oversubscribe: CI machines may have fewer cores; root is
# allowed because CI containers run as root). Ladders: the reference ladder, small test
# ladders, a directory ladder and a rejected one; every ladder's sources are split over the
# ranks (--split-threshold 1), exact and sampled betweenness both appear (--exact-limit 30).
set -eu
bin=$1
mpiexec=$2
src=$3
work=$(mktemp -d "${TMPDIR:-/tmp}/careergraph-mpi.XXXXXX")
trap 'rm -rf "$work"' EXIT

cat >"$work/rejected.yaml" <<'YAML'
name: Rejected
org: X
tracks:
  - id: t
    levels:
      - {id: a, title: A, pay: 100, ambiguity: 0.1, leadership: 0.1}
transitions:
  - {from: a, to: ghost, years: 1, probability: 0.5}
YAML

set -- "$src/data/default_ladder.yaml" "$src/tests/testdata/yaml/ladder.yaml" \
       "$src/tests/testdata/peers_tiny" "$src/tests/testdata/tsv_pair" "$work/rejected.yaml"
opts="--split-threshold 1 --exact-limit 30 --samples 40 --threads 2"

# Exit code 5: the rejected ladder is reported; anything else is a failure.
rc=0
"$bin" analyze $opts --out "$work/single.pb" --csv "$work/single-csv" "$@" >"$work/single.txt" 2>&1 || rc=$?
[ "$rc" -eq 5 ] || { echo "single-process run exited $rc"; cat "$work/single.txt"; exit 1; }

# Leak checkers cannot tell Open MPI's process-lifetime allocations from leaks.
ASAN_OPTIONS="${ASAN_OPTIONS:-}:detect_leaks=0"
export ASAN_OPTIONS
rc=0
"$mpiexec" --allow-run-as-root --oversubscribe -np 2 \
  "$bin" analyze --distributed $opts --out "$work/mpi.pb" --csv "$work/mpi-csv" "$@" >"$work/mpi.txt" 2>&1 || rc=$?
[ "$rc" -eq 5 ] || { echo "mpirun exited $rc"; cat "$work/mpi.txt"; exit 1; }

cmp "$work/single.pb" "$work/mpi.pb" || { echo "reports differ"; exit 1; }
for t in ladders tracks track_levels positions track_switches level_mapping findings; do
  cmp "$work/single-csv/$t.csv" "$work/mpi-csv/$t.csv" || { echo "$t.csv differs"; exit 1; }
done
size=$(wc -c <"$work/mpi.pb")
echo "2-rank report identical to the single-process report ($size bytes)"
