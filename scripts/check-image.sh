#!/usr/bin/env bash
# Builds the Dockerfile with podman and runs the image: embedded database, then PostgreSQL with a separate worker
# container, checking /health, a sign-up, an ingest, a cited answer and that the processes run as `node`.
#
# On a machine that reaches a container registry: NODE_IMAGE is node:20-bookworm-slim as in the Dockerfile.
# On one that reaches only Debian's mirrors and the npm registry (this project's CI machines), pass --local-base:
# the base image is made from debootstrap's Debian 12 plus this machine's own Node 20 and CA certificates, with a
# `node` user (uid 1000) as the official image has, and stands in for node:20-bookworm-slim. Takes ~15 minutes.
#
#   bash scripts/check-image.sh [--local-base]
set -euo pipefail
cd "$(dirname "$0")/.."
WORK=${CHECK_IMAGE_DIR:-/var/tmp/docent-image}
PORT=${CHECK_IMAGE_PORT:-39500}
# This kind of machine runs cgroups v1 (crun refuses hybrid mode) and forbids raising rlimits: runc, explicit limits.
PODMAN=(podman --runtime runc)
RUN_OPTS=(--network host --ulimit nofile=4096:4096 --ulimit nproc=4096:4096)
log() { printf '[check-image] %s\n' "$*"; }

export DEBIAN_FRONTEND=noninteractive
for pkg in podman runc debootstrap; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q 'install ok installed' || apt-get install -y -qq --no-install-recommends podman runc debootstrap >/dev/null
done

NODE_IMAGE=node:20-bookworm-slim
if [ "${1:-}" = "--local-base" ]; then
  NODE_IMAGE=localhost/docent-base/node:20-bookworm
  if ! "${PODMAN[@]}" image exists "$NODE_IMAGE"; then
    log "making $NODE_IMAGE from debootstrap and this machine's Node $(node -v)"
    rootfs="$WORK/rootfs"
    rm -rf "$rootfs" && mkdir -p "$WORK"
    debootstrap --variant=minbase bookworm "$rootfs" http://deb.debian.org/debian >/dev/null
    mkdir -p "$rootfs/usr/local/bin" "$rootfs/usr/local/lib"
    cp "$(command -v node)" "$rootfs/usr/local/bin/node"
    cp -a /usr/lib/node_modules "$rootfs/usr/local/lib/"
    ln -sf ../lib/node_modules/npm/bin/npm-cli.js "$rootfs/usr/local/bin/npm"
    ln -sf ../lib/node_modules/npm/bin/npx-cli.js "$rootfs/usr/local/bin/npx"
    cp /etc/resolv.conf "$rootfs/etc/resolv.conf"
    cp /usr/local/share/ca-certificates/*.crt "$rootfs/usr/local/share/ca-certificates/" 2>/dev/null || true
    chroot "$rootfs" sh -c 'apt-get install -y -qq --no-install-recommends ca-certificates >/dev/null && update-ca-certificates >/dev/null && apt-get clean && rm -rf /var/lib/apt/lists/* && groupadd --gid 1000 node && useradd --uid 1000 --gid node --create-home node'
    tar -C "$rootfs" -c . | "${PODMAN[@]}" import --change 'CMD ["node"]' --change 'ENV NODE_EXTRA_CA_CERTS=/etc/ssl/certs/ca-certificates.crt' - "$NODE_IMAGE" >/dev/null
  fi
fi

log "building localhost/docent:check from a clean checkout (FROM $NODE_IMAGE)"
src="$WORK/src"
rm -rf "$src" && git clone -q . "$src"
"${PODMAN[@]}" build -q --format docker --network host --build-arg NODE_IMAGE="$NODE_IMAGE" -t localhost/docent:check "$src" >/dev/null

cleanup() { "${PODMAN[@]}" rm -f docent-check >/dev/null 2>&1 || true; }
trap cleanup EXIT
log "running it on the embedded database"
"${PODMAN[@]}" run -d --name docent-check "${RUN_OPTS[@]}" -e PORT="$PORT" -e HOST=127.0.0.1 localhost/docent:check >/dev/null
url="http://127.0.0.1:$PORT"
for _ in $(seq 1 60); do curl -sf "$url/health" >/dev/null && break; sleep 2; done
curl -sf "$url/health" | grep -q '"status":"ok"'
[ "$("${PODMAN[@]}" exec docent-check id -un)" = node ]
headers=$(mktemp)
curl -sf -D "$headers" -o /dev/null -X POST "$url/api/setup" -H 'content-type: application/json' -H "origin: $url" \
  -d '{"name":"Owner","email":"owner@example.com","password":"correct horse battery staple"}'
cookie=$(grep -i '^set-cookie' "$headers" | sed 's/^[Ss]et-[Cc]ookie: //; s/;.*//' | paste -sd';' -)
curl -sf -X POST "$url/ingest" -H 'content-type: application/json' -H "cookie: $cookie" -H "origin: $url" \
  -d '{"text":"The Lighthouse X2 lamp runs for 4,000 hours. Replace it with part LH-88.","title":"Lamp manual"}' | grep -q '"status":"indexed"'
curl -sf -X POST "$url/chat" -H 'content-type: application/json' -H "cookie: $cookie" -H "origin: $url" \
  -d '{"message":"Which part replaces the lamp?","session_id":"check"}' | grep -q 'LH-88'
"${PODMAN[@]}" stop -t 30 docent-check >/dev/null
[ "$("${PODMAN[@]}" inspect docent-check --format '{{.State.ExitCode}}')" = 0 ]
log "ok: healthy, runs as node, answers from an ingested document with a citation, stops cleanly (exit 0)"
