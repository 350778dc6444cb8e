#!/usr/bin/env bash
# Installs what the tests need (Debian packages, pgvector, npm packages) and runs every check:
# typecheck, lint, production build, unit + integration tests (PGlite and native Postgres), e2e in Chromium.
# Ends with one line "N passed, N failed" and a non-zero exit on any failure.
set -euo pipefail
cd "$(dirname "$0")/.."
export NEXT_TELEMETRY_DISABLED=1

step() { printf '\n==> %s\n' "$*"; }

step "system packages (PostgreSQL 15 + pgvector, Redis, Chromium)"
bash scripts/install-test-deps.sh

step "npm packages (the app's, and the benchmark's, whose code is type-checked too)"
npm ci --no-audit --no-fund --loglevel=error
npm ci --prefix bench --no-audit --no-fund --loglevel=error

step "typecheck"
npm run --silent typecheck

step "lint"
npm run --silent lint

step "production build"
npm run --silent build

mkdir -p reports
step "unit and integration tests"
vitest_status=0
npx vitest run --reporter=default --reporter=json --outputFile.json=reports/vitest.json || vitest_status=$?

step "end-to-end tests (Chromium)"
e2e_status=0
PLAYWRIGHT_JSON_OUTPUT_NAME=reports/playwright.json npx playwright test --reporter=list,json || e2e_status=$?

node scripts/test-summary.mjs reports/vitest.json reports/playwright.json
[ "$vitest_status" -eq 0 ] && [ "$e2e_status" -eq 0 ]
