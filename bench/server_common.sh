# Sourced by bench/server_load.sh and bench/server_reload.sh: the wrk script, the peers'
# ~100k-position ladder and its query pairs, and starting and stopping `careergraph serve`.
#
# Before sourcing: $bin (the careergraph binary) and $work (a scratch directory the caller
# removes). After it: write_post_lua, peers_graph, route_pairs, start_server, stop_server,
# check_queries, wait_tables, wait_best_fit_tables, server_cpu_ticks; start_server sets $server_pid and $port.

# wrk script: cycles through the JSON bodies of the file given after "--", one per line, and
# prints the latency percentiles (microseconds) and the non-2xx count. wrk calls done() on
# SIGINT too, so a run may be cut short and still report.
write_post_lua() {  # $1 = path
  cat >"$1" <<'LUA'
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
}

# The peers' generated ladder at a scale (medium: 100,020 positions, ~1M transitions; large:
# 1,000,020 and ~10M), generated once into $TMPDIR/careergraph-peers-SCALE. Prints its
# directory.
peers_graph() {  # $1 = scale
  local dir=${TMPDIR:-/tmp}/careergraph-peers-$1
  if [[ ! -f "$dir/nodes.tsv" ]]; then
    local gen=${GEN_GRAPH:-$root/../shared/peers/gen_graph.py}
    echo "generating the $1 peers' graph into $dir ..." >&2
    # Generated beside and renamed into place, so that a generation cut short is never taken
    # for the graph.
    local part
    part=$(mktemp -d "$dir.part.XXXXXX")
    /usr/bin/python3 "$gen" --scale "$1" --out "$part" >&2
    rm -rf "$dir"
    mv "$part" "$dir"
  fi
  echo "$dir"
}

# 64 seeded route bodies: a junior position (levels 1-3) to a senior one (levels 6-9)
# elsewhere, from a ladder's nodes.tsv.
route_pairs() {  # $1 = nodes.tsv
  /usr/bin/python3 - "$1" <<'PY'
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
}

server_pid=
start_server() {  # $1 = graph spec, then extra serve flags
  local graph=$1
  shift
  "$bin" serve --graph "$graph" --host 127.0.0.1 --port 0 --threads "${SERVER_THREADS:-2}" --queue 1024 --quiet "$@" \
    2>"$work/server.err" &
  server_pid=$!
  for _ in $(seq 1 1200); do
    port=$(grep -o 'http://127.0.0.1:[0-9]*' "$work/server.err" 2>/dev/null | sed 's/.*://' || true)
    [[ -n "$port" ]] && return 0
    kill -0 "$server_pid" 2>/dev/null || { cat "$work/server.err" >&2; exit 1; }
    sleep 0.1
  done
  echo "server did not start" >&2
  exit 1
}

stop_server() {
  [[ -n "$server_pid" ]] || return 0
  kill -TERM "$server_pid" 2>/dev/null || true
  wait "$server_pid" 2>/dev/null || true
  server_pid=
}

# Every body of a queries file must answer 200 (this also touches what a first query would).
check_queries() {  # $1 = label, $2 = url, $3 = queries file
  local code body
  while IFS= read -r body; do
    code=$(curl -s -o /dev/null -w '%{http_code}' -H 'Content-Type: application/json' -d "$body" "$2")
    [[ "$code" == 200 ]] || { echo "$1: $body -> HTTP $code" >&2; exit 1; }
  done <"$3"
}

# Waits, up to $1 seconds (default 300), until the graph's landmark tables are built and the
# graph moved to huge pages (both in the background after a start or reload, taking CPU from
# the requests until then); prints the seconds waited, ">N" past the limit, or "-" for a server that does not
# report them (careergraph_graph_landmarks_ready in /metrics).
wait_tables() {
  local limit=${1:-300} t0=$SECONDS metrics tables pages
  while ((SECONDS - t0 <= limit)); do
    metrics=$(curl -s "http://127.0.0.1:$port/metrics" || true)
    tables=$(grep '^careergraph_graph_landmarks_ready ' <<<"$metrics" || true)
    [[ -z "$tables" ]] && { echo "-"; return 0; }
    # Then the move to huge pages the same background thread makes (engine/huge_pages.h),
    # where the server reports it: searches before it run a few percent slower.
    pages=$(grep '^careergraph_graph_huge_pages_ready ' <<<"$metrics" || true)
    [[ "$tables" == *" 1" && ( -z "$pages" || "$pages" == *" 1" ) ]] && { echo $((SECONDS - t0)); return 0; }
    sleep 0.2
  done
  echo ">$limit"
}

# Polls /metrics until the server keeps best-fit tables for at least one weighting (built in
# the background once requests have asked for it often enough); prints the seconds waited.
wait_best_fit_tables() {
  local limit=${1:-300} t0=$SECONDS m
  while ((SECONDS - t0 <= limit)); do
    m=$(curl -s "http://127.0.0.1:$port/metrics" | grep '^careergraph_graph_best_fit_tables ' || true)
    [[ -z "$m" ]] && { echo "-"; return 0; }
    [[ "${m##* }" -ge 1 ]] && { echo $((SECONDS - t0)); return 0; }
    sleep 0.2
  done
  echo ">$limit"
}

# CPU time the server has used so far (user + system, in clock ticks of 1/$(getconf CLK_TCK) s).
server_cpu_ticks() {
  awk '{ print $14 + $15 }' "/proc/$server_pid/stat"
}
