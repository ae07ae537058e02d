# Sourced by the scripts that test a running `careergraph serve` (browser_test.sh,
# openapi_check.sh). After it: $bin (the binary: the script's first argument, else
# build-test/careergraph, else build/careergraph), $artifacts (ARTIFACTS, default
# build-test/artifacts), and the helpers below.
bin=${1:-}
if [ -z "$bin" ]; then
  for b in build-test/careergraph build/careergraph; do
    if [ -x "$b" ]; then bin=$b; break; fi
  done
fi
if [ -z "$bin" ] || [ ! -x "$bin" ]; then
  echo "$(basename "$0"): no careergraph binary (build first, or pass its path)" >&2
  exit 1
fi
artifacts=${ARTIFACTS:-build-test/artifacts}
mkdir -p "$artifacts"

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }

# wait_ready URL PID LOG: until URL answers, or fail with the server's log when PID exits.
wait_ready() {
  for _ in $(seq 1 100); do
    if curl -fsS -o /dev/null "$1" 2>/dev/null; then return 0; fi
    if ! kill -0 "$2" 2>/dev/null; then break; fi
    sleep 0.1
  done
  echo "$(basename "$0"): the server did not start:" >&2
  cat "$3" >&2
  exit 1
}
