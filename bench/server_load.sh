#!/usr/bin/env bash
# Load test of `careergraph serve`: POST /v1/route under wrk on the default ladder and on a
# ~100k-position graph, beside the same queries as direct library calls
# (bench/server_bench.cc) in the same run, so the difference is the server's overhead.
#
#   bench/server_load.sh [BUILD_DIR]          (default: build-bench; build it Release
#                                              with the targets careergraph and careergraph_bench)
#
# Environment:
#   DURATION=5s  CONNECTIONS=16  WRK_THREADS=2   wrk's -d, -c and -t
#   SERVER_THREADS=2                             the server's --threads
#   LARGE_GRAPH=DIR                              a ladder for the large run; default: generate
#                                                ../shared/peers/gen_graph.py --scale medium
#                                                (100,020 positions, ~1M transitions) into
#                                                $TMPDIR/careergraph-peers-medium once
#   SKIP_LARGE=1                                 only the default ladder
#   SKIP_DIRECT=1                                no direct library calls (then only
#                                                careergraph needs building)
#   BEST_FIT=1                                   the large graph's queries ask for best fit
#                                                (years 1, risk 0.5, pay 2, ambiguity 0.5,
#                                                leadership 0.5), timed once the server has
#                                                built that weighting's tables
#                                                (engine/best_fit_tables.h)
#
# Everything listens on 127.0.0.1 only; the servers are stopped (SIGTERM) on exit.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/.." && pwd)
build=${1:-$root/build-bench}
bin=$build/careergraph
bench=$build/bench/careergraph_bench
duration=${DURATION:-5s}
connections=${CONNECTIONS:-16}
wrk_threads=${WRK_THREADS:-2}
server_threads=${SERVER_THREADS:-2}
work=$(mktemp -d "${TMPDIR:-/tmp}/careergraph-load.XXXXXX")

source "$here/server_common.sh"

cleanup() {
  stop_server
  rm -rf "$work"
}
trap cleanup EXIT
trap "exit 130" INT TERM

tools=("$bin")
[[ -n "${SKIP_DIRECT:-}" ]] || tools+=("$bench")
for tool in "${tools[@]}"; do
  [[ -x "$tool" ]] || { echo "missing $tool: cmake --build $build --target careergraph careergraph_bench" >&2; exit 2; }
done
command -v wrk >/dev/null || { echo "wrk is not installed (Debian: apt-get install wrk)" >&2; exit 2; }

write_post_lua "$work/post.lua"

# Default ladder: pairs across tracks and levels.
cat >"$work/default.jsonl" <<'EOF'
{"from":"swe-l3","to":"pm-l5"}
{"from":"swe-l3","to":"em-l8"}
{"from":"swe-l4","to":"pm-l8"}
{"from":"tpm-l4","to":"pm-l6"}
{"from":"swe-l5","to":"em-l9"}
{"from":"pm-l3","to":"pm-l9"}
{"from":"swe-l3","to":"swe-l8"}
{"from":"Software Engineer","to":"Director of Product","objective":"OBJECTIVE_SAFEST"}
EOF

results=()
run() {  # $1 = label, $2 = graph spec, $3 = queries file
  local label=$1 graph=$2 queries=$3
  start_server "$graph"
  local url=http://127.0.0.1:$port/v1/route
  # Every query must answer 200 before it is timed, and the landmark tables the server
  # builds in the background after starting must be done (they would take CPU from the run).
  check_queries "$label" "$url" "$queries"
  wait_tables >/dev/null
  # Once the landmark tables are there, each query asked for again is enough for the server
  # to want a best-fit weighting's own tables (searches before that read no tables at all).
  if grep -q OBJECTIVE_BEST_FIT "$queries"; then
    check_queries "$label" "$url" "$queries"
    echo "$label: best-fit tables built after $(wait_best_fit_tables) s more" >&2
  fi
  wrk -t1 -c2 -d1s -s "$work/post.lua" "$url" -- "$queries" >/dev/null  # warm-up
  # One connection: each request's own latency, no queueing (the server's overhead shows
  # against the direct calls below). Then the loaded run. cpu_us: the server's CPU time
  # (user + system, from /proc) per answered request.
  local out conns cpu0 tck
  tck=$(getconf CLK_TCK)
  for conns in 1 "$connections"; do
    cpu0=$(server_cpu_ticks)
    if [[ "$conns" == 1 ]]; then
      out=$(wrk -t1 -c1 -d"$duration" -s "$work/post.lua" "$url" -- "$queries")
    else
      out=$(wrk -t"$wrk_threads" -c"$connections" -d"$duration" -s "$work/post.lua" "$url" -- "$queries")
    fi
    out=$(grep '^RESULT' <<<"$out")
    results+=("$label $conns $out cpu_ticks=$(($(server_cpu_ticks) - cpu0)) tck=$tck")
  done
  stop_server
}

run default default "$work/default.jsonl"

graph_env=()
if [[ -z "${SKIP_LARGE:-}" ]]; then
  large=${LARGE_GRAPH:-$(peers_graph medium)}
  route_pairs "$large/nodes.tsv" >"$work/large.jsonl"
  if [[ -n "${BEST_FIT:-}" ]]; then
    sed -i 's/}$/,"objective":"OBJECTIVE_BEST_FIT","weights":{"years":1,"risk":0.5,"pay":2,"ambiguity":0.5,"leadership":0.5}}/' \
      "$work/large.jsonl"
  fi
  run large "$large" "$work/large.jsonl"
  graph_env=(CAREERGRAPH_BENCH_GRAPH="$large" CAREERGRAPH_BENCH_GRAPH_QUERIES="$work/large.jsonl")
fi

echo
echo "HTTP: POST /v1/route, keep-alive, wrk -t$wrk_threads -d$duration (-t1 for 1 connection), server --threads $server_threads"
printf '%-8s %5s %10s %9s %9s %9s %9s %6s %8s\n' graph conns req/s p50_ms p90_ms p99_ms max_ms errors cpu_us
for r in "${results[@]}"; do
  awk '{ for (i = 3; i <= NF; ++i) { split($i, kv, "="); v[kv[1]] = kv[2] }
         printf "%-8s %5s %10d %9.3f %9.3f %9.3f %9.3f %6d %8.1f\n", $1, $2, v["rps"], v["p50_us"] / 1000, v["p90_us"] / 1000,
                v["p99_us"] / 1000, v["max_us"] / 1000, v["non2xx"] + v["sockerr"],
                v["requests"] ? v["cpu_ticks"] * 1e6 / v["tck"] / v["requests"] : 0 }' <<<"$r"
done
echo "load average at the end: $(cut -d' ' -f1-3 /proc/loadavg) (on $(nproc) cores)"

[[ -z "${SKIP_DIRECT:-}" ]] || exit 0
echo
echo "Direct library calls, one thread (bench/server_bench.cc):"
env CAREERGRAPH_BENCH_DEFAULT_QUERIES="$work/default.jsonl" "${graph_env[@]}" \
  "$bench" --benchmark_filter='BM_ServerDirect' --benchmark_min_time=1
