#!/usr/bin/env bash
# `npm run bench` (from the repo root or bench/): installs what the benchmark needs — PostgreSQL + pgvector
# (scripts/install-test-deps.sh, cached), Locust from Debian for the seed's locustfile, the app's and the
# bench's own npm packages, a production build when there is none — then runs bench/head-to-head.ts.
set -euo pipefail
cd "$(dirname "$0")/.."
export NEXT_TELEMETRY_DISABLED=1

bash scripts/install-test-deps.sh
if ! command -v /usr/bin/locust >/dev/null; then
  apt-get install -y -qq python3-locust >/dev/null
fi
[ -d node_modules ] || npm ci --no-audit --no-fund --loglevel=error
[ -d bench/node_modules ] || npm ci --prefix bench --no-audit --no-fund --loglevel=error
[ -f .next/BUILD_ID ] || npm run --silent build
exec npx tsx bench/head-to-head.ts "$@"
