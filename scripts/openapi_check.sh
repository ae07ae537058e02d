#!/usr/bin/env bash
# Validates the server's OpenAPI description (GET /v1/openapi.json, generated from the proto
# descriptors at start-up) with a real validator: swagger-cli (npm @apidevtools/swagger-cli,
# installed once into build-test/tools/), and Python's openapi-spec-validator when present.
#   scripts/openapi_check.sh [BINARY]    default: build-test/careergraph, else build/careergraph
# The document is kept as build-test/artifacts/openapi.json (ARTIFACTS=dir to change).
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/server_lib.sh
tools=${OPENAPI_TOOLS:-build-test/tools/openapi}
mkdir -p "$tools"

port=$(free_port)
"$bin" serve --host 127.0.0.1 --port "$port" --threads 1 >"$artifacts/openapi-serve.log" 2>&1 &
server=$!
trap 'kill "$server" 2>/dev/null || true; wait "$server" 2>/dev/null || true' EXIT
wait_ready "http://127.0.0.1:$port/healthz" "$server" "$artifacts/openapi-serve.log"
doc=$artifacts/openapi.json
curl -fsS "http://127.0.0.1:$port/v1/openapi.json" -o "$doc"

validated=0
if ! [ -x "$tools/node_modules/.bin/swagger-cli" ] && command -v npm >/dev/null; then
  npm install --silent --no-audit --no-fund --prefix "$tools" @apidevtools/swagger-cli@4.0.4 >&2 || true
fi
if [ -x "$tools/node_modules/.bin/swagger-cli" ]; then
  "$tools/node_modules/.bin/swagger-cli" validate "$doc"
  validated=1
fi
if python3 -c 'import openapi_spec_validator' 2>/dev/null; then
  python3 -m openapi_spec_validator "$doc"
  validated=1
fi
if [ "$validated" = 0 ]; then
  echo "openapi_check: FAILED: no OpenAPI validator available (npm install of @apidevtools/swagger-cli failed)" >&2
  exit 1
fi
