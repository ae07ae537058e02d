#!/usr/bin/env bash
# Tests the dashboard in a real browser: headless Chromium (Debian's chromium, driven through
# chromium-driver by python3-selenium) against `careergraph serve` on a free loopback port.
#   scripts/browser_test.sh [BINARY]     default: build-test/careergraph, else build/careergraph
# Screenshots of each view go to build-test/artifacts/ (ARTIFACTS=dir to change).
# Skips (exit 0, with a message) only when Chromium cannot be installed.
set -euo pipefail
cd "$(dirname "$0")/.."

source scripts/server_lib.sh

packages=(chromium chromium-driver python3-selenium)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ((${#missing[@]})); then
  SUDO=""
  if [ "$(id -u)" -ne 0 ]; then SUDO="sudo -n"; fi
  echo "browser_test: installing ${missing[*]}" >&2
  if ! { $SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"; } >&2; then
    echo "browser_test: SKIPPED: cannot install ${missing[*]} (no root or no package source); the dashboard was not tested in a browser" >&2
    exit 0
  fi
fi

port=$(free_port)
# The page is also served from a second origin (a plain static server over web/) to check that
# it calls the API cross-origin, with the server's CORS headers, as the README describes.
webport=$(free_port)
log=$artifacts/serve.log
"$bin" serve --host 127.0.0.1 --port "$port" --threads 2 --cors-origin "http://127.0.0.1:$webport" >"$log" 2>&1 &
server=$!
python3 -m http.server "$webport" --bind 127.0.0.1 --directory web >"$artifacts/static.log" 2>&1 &
static=$!
# The shipped O*NET graph, whose pay figures carry their basis (shared, top-coded) as marks.
onetport=$(free_port)
"$bin" serve --graph onet --host 127.0.0.1 --port "$onetport" --threads 1 --quiet >"$artifacts/serve-onet.log" 2>&1 &
onet=$!
trap 'kill "$server" "$static" "$onet" 2>/dev/null || true; wait "$server" "$static" "$onet" 2>/dev/null || true' EXIT
wait_ready "http://127.0.0.1:$port/healthz" "$server" "$log"
wait_ready "http://127.0.0.1:$webport/index.html" "$static" "$artifacts/static.log"
wait_ready "http://127.0.0.1:$onetport/healthz" "$onet" "$artifacts/serve-onet.log"

# Debian's python3, which has Debian's selenium (a python3 earlier on PATH may not).
/usr/bin/python3 scripts/browser_test.py "http://127.0.0.1:$port" "$artifacts" "http://127.0.0.1:$webport" \
  "http://127.0.0.1:$onetport"
