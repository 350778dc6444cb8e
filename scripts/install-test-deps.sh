#!/usr/bin/env bash
# Installs everything the test suite needs on Debian 12 (run as root): PostgreSQL 15 with pgvector built from
# Debian's trixie source package (bookworm ships no pgvector), PgBouncer, HAProxy, Redis, and Debian's Chromium for Playwright.
# Idempotent and fast on repeat runs: apt is skipped when the packages are present and the pgvector build is
# cached under $DOCENT_CACHE_DIR.
set -euo pipefail

PG_MAJOR=15
CACHE_DIR="${DOCENT_CACHE_DIR:-$HOME/.cache/docent}"
TRIXIE_SOURCES=/etc/apt/sources.list.d/docent-trixie-src.list
PG_CONFIG="/usr/lib/postgresql/$PG_MAJOR/bin/pg_config"
APT_PACKAGES=(postgresql-$PG_MAJOR postgresql-contrib postgresql-server-dev-$PG_MAJOR build-essential dpkg-dev pgbouncer haproxy redis-server chromium)

log() { printf '[install-test-deps] %s\n' "$*"; }

missing_packages() {
  local pkg
  for pkg in "${APT_PACKAGES[@]}"; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q 'install ok installed' || echo "$pkg"
  done
}

install_apt_packages() {
  local missing
  missing=$(missing_packages)
  if [ -z "$missing" ]; then log "apt packages present"; return; fi
  log "installing: $missing"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  # shellcheck disable=SC2086
  apt-get install -y -qq --no-install-recommends $missing >/dev/null
  # The Debian packages start services of their own; tests run private instances instead.
  service redis-server stop >/dev/null 2>&1 || true
  service postgresql stop >/dev/null 2>&1 || true
  service pgbouncer stop >/dev/null 2>&1 || true
  service haproxy stop >/dev/null 2>&1 || true
}

pgvector_installed() {
  [ -f "$("$PG_CONFIG" --sharedir)/extension/vector.control" ] && [ -f "$("$PG_CONFIG" --pkglibdir)/vector.so" ]
}

build_pgvector_into_cache() {
  local build_dir
  build_dir=$(mktemp -d)
  log "building pgvector from Debian trixie's source package"
  # A temporary deb-src entry: only the source package is fetched, no trixie binary is ever installed.
  echo "deb-src [signed-by=/usr/share/keyrings/debian-archive-keyring.gpg] http://deb.debian.org/debian trixie main" > "$TRIXIE_SOURCES"
  apt-get update -qq -o Dir::Etc::sourcelist="$TRIXIE_SOURCES" -o Dir::Etc::sourceparts=- -o APT::Get::List-Cleanup=0
  (cd "$build_dir" && apt-get source -qq pgvector >/dev/null 2>&1)
  local src
  src=$(find "$build_dir" -maxdepth 1 -mindepth 1 -type d -name 'pgvector-*' | head -n1)
  [ -n "$src" ] || { log "apt-get source pgvector produced no source tree"; exit 1; }
  make -s -C "$src" PG_CONFIG="$PG_CONFIG" OPTFLAGS="" -j"$(nproc)" >/dev/null
  rm -rf "$CACHE_DIR/pgvector"
  make -s -C "$src" PG_CONFIG="$PG_CONFIG" DESTDIR="$CACHE_DIR/pgvector" install >/dev/null
  rm -rf "$build_dir"
  rm -f "$TRIXIE_SOURCES"
  apt-get update -qq >/dev/null 2>&1 || true
}

install_pgvector() {
  if pgvector_installed; then log "pgvector present"; return; fi
  [ -d "$CACHE_DIR/pgvector" ] || build_pgvector_into_cache
  cp -a "$CACHE_DIR/pgvector/." /
  pgvector_installed || { log "pgvector install failed"; exit 1; }
  log "pgvector installed from cache $CACHE_DIR/pgvector"
}

trap 'rm -f "$TRIXIE_SOURCES"' EXIT
mkdir -p "$CACHE_DIR"
install_apt_packages
install_pgvector
command -v chromium >/dev/null || { log "chromium missing after install"; exit 1; }
log "done"
