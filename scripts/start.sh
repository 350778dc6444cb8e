#!/usr/bin/env bash
# Installs and starts Docent on the embedded default: PGlite under ./data, offline embedder and answerer,
# production build at http://127.0.0.1:${PORT:-3000} (loopback only: HOST=0.0.0.0 to expose it, see the README's
# Security section). No configuration needed; data survives restarts.
set -euo pipefail
cd "$(dirname "$0")/.."
export NEXT_TELEMETRY_DISABLED=1

npm ci --no-audit --no-fund --loglevel=error
npm run --silent build
exec npm run --silent start
