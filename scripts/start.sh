#!/usr/bin/env bash
# Installs and starts Docent on the embedded default: PGlite under ./data, offline embedder and answerer,
# production build at http://localhost:${PORT:-3000}. No configuration needed; data survives restarts.
set -euo pipefail
cd "$(dirname "$0")/.."
export NEXT_TELEMETRY_DISABLED=1

npm ci --no-audit --no-fund --loglevel=error
npm run --silent build
exec npm run --silent start
