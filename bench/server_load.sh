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
server_pid=

cleanup() {
  if [[ -n "$server_pid" ]]; then kill -TERM "$server_pid" 2>/dev/null || true; wait "$server_pid" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT
trap "exit 130" INT TERM

for tool in "$bin" "$bench"; do
  [[ -x "$tool" ]] || { echo "missing $tool: cmake --build $build --target careergraph careergraph_bench" >&2; exit 2; }
done
command -v wrk >/dev/null || { echo "wrk is not installed (Debian: apt-get install wrk)" >&2; exit 2; }

# wrk script: cycles through the JSON bodies of the file given after "--", one per line, and
# prints the latency percentiles (microseconds) and the non-2xx count.
cat >"$work/post.lua" <<'LUA'
local bodies = {}
local i = 0
local headers = { ["Content-Type"] = "application/json" }
function init(args)
  for line in io.lines(args[1]) do
    if #line > 0 then bodies[#bodies + 1] = line end
  end
  i = math.random(#bodies)
end
function request()
  i = i % #bodies + 1
  return wrk.format("POST", nil, headers, bodies[i])
end
function done(summary, latency, requests)
  io.write(string.format("RESULT rps=%.0f p50_us=%d p90_us=%d p99_us=%d max_us=%d requests=%d non2xx=%d sockerr=%d\n",
    summary.requests / (summary.duration / 1e6), latency:percentile(50), latency:percentile(90),
    latency:percentile(99), latency.max, summary.requests, summary.errors.status,
    summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout))
end
LUA

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

start_server() {  # $1 = graph spec
  "$bin" serve --graph "$1" --host 127.0.0.1 --port 0 --threads "$server_threads" --queue 1024 --quiet \
    2>"$work/server.err" &
  server_pid=$!
  for _ in $(seq 1 600); do
    port=$(grep -o 'http://127.0.0.1:[0-9]*' "$work/server.err" 2>/dev/null | sed 's/.*://' || true)
    [[ -n "$port" ]] && return 0
    kill -0 "$server_pid" 2>/dev/null || { cat "$work/server.err" >&2; exit 1; }
    sleep 0.5
  done
  echo "server did not start" >&2
  exit 1
}

stop_server() {
  kill -TERM "$server_pid"
  wait "$server_pid" || true
  server_pid=
}

results=()
run() {  # $1 = label, $2 = graph spec, $3 = queries file
  local label=$1 graph=$2 queries=$3
  start_server "$graph"
  local url=http://127.0.0.1:$port/v1/route
  # Every query must answer 200 before it is timed (and this warms landmark tables).
  while IFS= read -r body; do
    code=$(curl -s -o /dev/null -w '%{http_code}' -H 'Content-Type: application/json' -d "$body" "$url")
    [[ "$code" == 200 ]] || { echo "$label: $body -> HTTP $code" >&2; exit 1; }
  done <"$queries"
  wrk -t1 -c2 -d1s -s "$work/post.lua" "$url" -- "$queries" >/dev/null  # warm-up
  # One connection: each request's own latency, no queueing (the server's overhead shows
  # against the direct calls below). Then the loaded run.
  local out
  out=$(wrk -t1 -c1 -d"$duration" -s "$work/post.lua" "$url" -- "$queries")
  results+=("$label 1 $(grep '^RESULT' <<<"$out")")
  out=$(wrk -t"$wrk_threads" -c"$connections" -d"$duration" -s "$work/post.lua" "$url" -- "$queries")
  results+=("$label $connections $(grep '^RESULT' <<<"$out")")
  stop_server
}

run default default "$work/default.jsonl"

graph_env=()
if [[ -z "${SKIP_LARGE:-}" ]]; then
  large=${LARGE_GRAPH:-}
  if [[ -z "$large" ]]; then
    large=${TMPDIR:-/tmp}/careergraph-peers-medium
    if [[ ! -f "$large/nodes.tsv" ]]; then
      gen=${GEN_GRAPH:-$root/../shared/peers/gen_graph.py}
      echo "generating the ~100k-position graph into $large ..." >&2
      /usr/bin/python3 "$gen" --scale medium --out "$large" >&2
    fi
  fi
  # 64 seeded pairs: a junior position (levels 1-3) to a senior one (levels 6-9) elsewhere.
  /usr/bin/python3 - "$large/nodes.tsv" >"$work/large.jsonl" <<'PY'
import json, random, sys
rows = [l.rstrip("\n").split("\t") for l in open(sys.argv[1])]
head, rows = rows[0], rows[1:]
idx, lvl = head.index("id"), head.index("level")
junior = [r[idx] for r in rows if 1 <= int(r[lvl]) <= 3]
senior = [r[idx] for r in rows if 6 <= int(r[lvl]) <= 9]
rng = random.Random(20240601)
for _ in range(64):
    print(json.dumps({"from": rng.choice(junior), "to": rng.choice(senior)}, separators=(",", ":")))
PY
  run large "$large" "$work/large.jsonl"
  graph_env=(CAREERGRAPH_BENCH_GRAPH="$large" CAREERGRAPH_BENCH_GRAPH_QUERIES="$work/large.jsonl")
fi

echo
echo "HTTP: POST /v1/route, keep-alive, wrk -t$wrk_threads -d$duration (-t1 for 1 connection), server --threads $server_threads"
printf '%-8s %5s %10s %9s %9s %9s %9s %6s\n' graph conns req/s p50_ms p90_ms p99_ms max_ms errors
for r in "${results[@]}"; do
  awk '{ for (i = 3; i <= NF; ++i) { split($i, kv, "="); v[kv[1]] = kv[2] }
         printf "%-8s %5s %10d %9.3f %9.3f %9.3f %9.3f %6d\n", $1, $2, v["rps"], v["p50_us"] / 1000, v["p90_us"] / 1000,
                v["p99_us"] / 1000, v["max_us"] / 1000, v["non2xx"] + v["sockerr"] }' <<<"$r"
done
echo "load average at the end: $(cut -d' ' -f1-3 /proc/loadavg) (on $(nproc) cores)"

echo
echo "Direct library calls, one thread (bench/server_bench.cc):"
env CAREERGRAPH_BENCH_DEFAULT_QUERIES="$work/default.jsonl" "${graph_env[@]}" \
  "$bench" --benchmark_filter='BM_ServerDirect' --benchmark_min_time=1
