#!/usr/bin/env bash
# Hot reload of `careergraph serve`: how long POST /v1/admin/reload takes for a snapshot, idle
# and while wrk keeps 8 connections of route queries busy, and what the reload does to those
# queries' latency in a window around the swap.
#
#   bench/server_reload.sh [BUILD_DIR]        (default: build-bench; needs its careergraph)
#
# For each graph the server starts on its snapshot (careergraph build of the peers' generated
# ladder, written once beside its directory as DIR.pb), then:
#   start       the seconds from the first answer to the landmark tables being built
#               (careergraph_graph_landmarks_ready in /metrics; at most TABLES_WAIT seconds);
#   idle        RELOADS reloads of the same snapshot, one a second (a reload stops the
#               table build of the graph it replaces, so nothing else runs meanwhile);
#   load        wrk for WINDOW seconds without a reload: the latency the window would have
#               anyway;
#   reload      RELOADS times: wrk starts, PRE seconds later the reload is sent, and wrk runs
#               POST seconds past its answer. The row gives the reload's wall time (curl)
#               and wrk's figures over the whole window: max is the slowest request of it.
#
# Environment:
#   GRAPHS="medium"            peers' scales to run (medium = 100,020 positions; large =
#                              1,000,020 positions / ~10M transitions, 310 MB snapshot);
#                              "default" = the embedded ladder (a quick smoke run)
#   RELOADS=3  PRE=1  POST=1  WINDOW=3  TABLES_WAIT=300   (seconds)
#   CONNECTIONS=8  WRK_THREADS=2  SERVER_THREADS=2
#
# Exits 1 when a request in any window was not answered 200 (a reload must never cost one);
# the timings are printed, never judged. Everything listens on 127.0.0.1 only; the server is
# stopped (SIGTERM) on exit.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/.." && pwd)
build=${1:-$root/build-bench}
bin=$build/careergraph
graphs=${GRAPHS:-medium}
reloads=${RELOADS:-3}
pre=${PRE:-1}
post=${POST:-1}
window=${WINDOW:-3}
tables_wait=${TABLES_WAIT:-300}
connections=${CONNECTIONS:-8}
wrk_threads=${WRK_THREADS:-2}
token=bench-reload-token
work=$(mktemp -d "${TMPDIR:-/tmp}/careergraph-reload.XXXXXX")
wrk_pid=

source "$here/server_common.sh"

cleanup() {
  if [[ -n "$wrk_pid" ]]; then kill -INT "$wrk_pid" 2>/dev/null || true; wait "$wrk_pid" 2>/dev/null || true; fi
  stop_server
  rm -rf "$work"
}
trap cleanup EXIT
trap "exit 130" INT TERM

[[ -x "$bin" ]] || { echo "missing $bin: cmake --build $build --target careergraph" >&2; exit 2; }
command -v wrk >/dev/null || { echo "wrk is not installed (Debian: apt-get install wrk)" >&2; exit 2; }
write_post_lua "$work/post.lua"

# POST /v1/admin/reload; prints "WALL_SECONDS LOAD_SECONDS" (curl's total time, the server's
# load_seconds) or fails with the answer.
reload() {
  local out code
  out=$(curl -s -w '\n%{http_code} %{time_total}' -X POST -H "Authorization: Bearer $token" \
          "http://127.0.0.1:$port/v1/admin/reload")
  code=$(tail -n1 <<<"$out" | cut -d' ' -f1)
  [[ "$code" == 200 ]] || { echo "reload -> HTTP $code: $out" >&2; exit 1; }
  local load
  load=$(head -n1 <<<"$out" | /usr/bin/python3 -c 'import json,sys; print(json.load(sys.stdin)["current"].get("loadSeconds", 0))')
  echo "$(tail -n1 <<<"$out" | cut -d' ' -f2) $load"
}

# wrk in the background over the queries; stopped by stop_wrk, which sets $wrk_result to its
# RESULT line (not in a subshell: only this shell can wait for wrk).
start_wrk() {  # $1 = url, $2 = queries
  wrk -t"$wrk_threads" -c"$connections" -d600s -s "$work/post.lua" "$1" -- "$2" >"$work/wrk.out" 2>&1 &
  wrk_pid=$!
}
stop_wrk() {
  kill -INT "$wrk_pid"
  wait "$wrk_pid" || true
  wrk_pid=
  wrk_result=$(grep '^RESULT' "$work/wrk.out") || { cat "$work/wrk.out" >&2; exit 1; }
}

rows=()
row() { rows+=("$*"); }

for scale in $graphs; do
  if [[ "$scale" == default ]]; then
    snapshot=default
    cat >"$work/queries.jsonl" <<'EOF'
{"from":"swe-l3","to":"pm-l5"}
{"from":"swe-l3","to":"em-l8"}
{"from":"tpm-l4","to":"pm-l6"}
{"from":"Software Engineer","to":"Director of Product","objective":"OBJECTIVE_SAFEST"}
EOF
  else
    dir=$(peers_graph "$scale")
    snapshot=$dir.pb  # beside the directory: a file inside would be read with the ladder
    if [[ ! -s "$snapshot" ]]; then
      echo "writing $snapshot ..." >&2
      "$bin" build "$dir" -o "$snapshot" >/dev/null 2>"$work/build.err" || { cat "$work/build.err" >&2; exit 1; }
    fi
    route_pairs "$dir/nodes.tsv" >"$work/queries.jsonl"
  fi
  start_server "$snapshot" --admin-token "$token"
  url=http://127.0.0.1:$port/v1/route
  check_queries "$scale" "$url" "$work/queries.jsonl"
  tables=$(wait_tables "$tables_wait")
  row "$scale start - - tables_s=$tables"

  for i in $(seq 1 "$reloads"); do
    read -r wall load < <(reload)
    row "$scale idle $wall $load"
    sleep 1
  done

  start_wrk "$url" "$work/queries.jsonl"
  sleep "$window"
  stop_wrk
  row "$scale no-reload - - $wrk_result"

  for i in $(seq 1 "$reloads"); do
    start_wrk "$url" "$work/queries.jsonl"
    sleep "$pre"
    read -r wall load < <(reload)
    sleep "$post"
    stop_wrk
    row "$scale reload $wall $load $wrk_result"
  done
  stop_server
done

echo
echo "Reload: POST /v1/admin/reload of the snapshot being served; under load wrk -t$wrk_threads -c$connections"
echo "(route queries), window = ${pre} s before the reload + the reload + ${post} s after; server --threads ${SERVER_THREADS:-2}"
printf '%-7s %-9s %8s %8s %8s %8s %8s %8s %8s %6s\n' graph run reload_s load_s tables_s req/s p50_ms p99_ms max_ms errors
for r in "${rows[@]}"; do
  awk 'function s(x) { return x == "-" ? x : sprintf("%.3f", x) }
       { for (i = 5; i <= NF; ++i) { split($i, kv, "="); v[kv[1]] = kv[2] }
         if ("rps" in v)
           printf "%-7s %-9s %8s %8s %8s %8d %8.2f %8.2f %8.2f %6d\n", $1, $2, s($3), s($4), "", v["rps"], v["p50_us"] / 1000,
                  v["p99_us"] / 1000, v["max_us"] / 1000, v["non2xx"] + v["sockerr"]
         else
           printf "%-7s %-9s %8s %8s %8s\n", $1, $2, s($3), s($4), v["tables_s"] }' <<<"$r"
done
echo "load average at the end: $(cut -d' ' -f1-3 /proc/loadavg) (on $(nproc) cores)"
errors=0
for r in "${rows[@]}"; do
  errors=$((errors + $(awk '{ for (i = 5; i <= NF; ++i) { split($i, kv, "="); v[kv[1]] = kv[2] }
                                print v["non2xx"] + v["sockerr"] }' <<<"$r")))
done
if ((errors > 0)); then
  echo "$errors request(s) failed during the runs above" >&2
  exit 1
fi
