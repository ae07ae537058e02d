#!/usr/bin/env bash
# Fuzzes every parser briefly under AddressSanitizer + UBSan (fuzz/README.md).
#   scripts/fuzz.sh                  build the libFuzzer harnesses in build-asan/ (clang++, the
#                                    sanitizer build of scripts/test.sh --sanitize),
#                                    replay fuzz/regressions/, then fuzz each harness for
#                                    FUZZ_SECONDS (default 20) from a seed corpus of
#                                    tests/testdata plus the regressions
#   FUZZ_SECONDS=0 scripts/fuzz.sh   the replay only
# New inputs found go to build-asan/corpus/<harness>/ (not checked in); a crash is saved as
# build-asan/crash-* and fails the run: add it to fuzz/regressions/<harness>/ with the fix.
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/setup.sh

seconds=${FUZZ_SECONDS:-20}
# The sanitizer build of scripts/test.sh --sanitize (one configuration, compiled once in CI).
dir=build-asan
source scripts/sanitize_args.sh
cmake -S . -B "$dir" "${SANITIZE_CMAKE_ARGS[@]}" >/dev/null
harnesses=(csv yaml json textproto snapshot onet_table http_body csv_dir)
cmake --build "$dir" -j"$(nproc)" --target "${harnesses[@]/#/fuzz_}"

export ASAN_OPTIONS=detect_leaks=1:abort_on_error=1
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1

# Seeds: the shipped test ladders by the extension each harness reads, fuzz/seeds/ (snapshots
# of tests/testdata/csv_dir in the formats testdata lacks) and the regressions; each copied
# under its path with '/' as '_', so files of the same name do not collide.
seed() {
  local h=$1 out=$dir/seeds/$1 pattern
  rm -rf "$out" && mkdir -p "$out"
  case $h in
    csv) pattern='*.csv' ;;
    yaml) pattern='*.y*ml' ;;
    json) pattern='*.json' ;;
    textproto) pattern='*.textproto' ;;
    snapshot) pattern='*.pb' ;;
    onet_table) pattern='*.txt' ;;
    csv_dir) pattern='*.seed' ;;  # fuzz/seeds/csv_dir: moves tables (and position tables) in the harness's form
    http_body) pattern='*.http'
               printf '%s' '{"from": "Software Engineer", "to": "Senior Product Manager", "objective": "OBJECTIVE_FASTEST"}' >"$out/route.json"
               printf '%s' 'from=Analyst&to=Chief&alternatives=3' >"$out/query.txt" ;;
  esac
  find tests/testdata data/default_ladder.yaml fuzz/seeds/"$h" fuzz/regressions/"$h" -type f -name "$pattern" -size -64k \
       2>/dev/null | while read -r f; do cp "$f" "$out/${f//\//_}"; done || true  # some folders may not exist
  cp fuzz/regressions/"$h"/* "$out"/ 2>/dev/null || true
}

for h in "${harnesses[@]}"; do
  echo "== $h: regression replay =="
  if ! compgen -G "fuzz/regressions/$h/*" >/dev/null; then
    echo "0 inputs replayed (no reproducer yet)"
    continue
  fi
  "$dir/fuzz/fuzz_$h" -runs=0 fuzz/regressions/"$h"/* 2>&1 | grep -c '^Executed' | sed 's/$/ inputs replayed/'
done
if [ "$seconds" -gt 0 ]; then
  for h in "${harnesses[@]}"; do
    echo "== $h: fuzzing for ${seconds}s =="
    seed "$h"
    mkdir -p "$dir/corpus/$h"
    # -max_len keeps inputs small enough to mutate quickly; -timeout catches a stuck parser.
    "$dir/fuzz/fuzz_$h" -max_total_time="$seconds" -max_len=4096 -timeout=10 -rss_limit_mb=2048 \
        -print_final_stats=1 -artifact_prefix="$dir/" "$dir/corpus/$h" "$dir/seeds/$h" 2>&1 |
      grep -E '^(#[0-9]+[[:space:]]+DONE|stat::number_of_executed_units|stat::peak_rss_mb|==[0-9]+==ERROR|SUMMARY|fuzz property)' || true
    # grep hides libFuzzer's exit status; a crash leaves an artifact.
    if compgen -G "$dir/crash-*" >/dev/null || compgen -G "$dir/leak-*" >/dev/null || compgen -G "$dir/timeout-*" >/dev/null; then
      echo "fuzz: $h found a problem; reproducer(s): $(ls "$dir"/crash-* "$dir"/leak-* "$dir"/timeout-* 2>/dev/null)" >&2
      exit 1
    fi
  done
fi
echo "fuzz: all harnesses ran clean"
