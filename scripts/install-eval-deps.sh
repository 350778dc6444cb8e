#!/usr/bin/env bash
# Installs the question sets `npm run eval` measures retrieval on (run as root on Debian 12): the Debian
# GNU/Linux FAQ (debian-faq) and the Python FAQs (python3.11-doc). Skips apt when both are present.
set -euo pipefail

APT_PACKAGES=(debian-faq python3.11-doc)

log() { printf '[install-eval-deps] %s\n' "$*"; }

missing=()
for pkg in "${APT_PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q 'install ok installed' || missing+=("$pkg")
done
if [ ${#missing[@]} -eq 0 ]; then log "question sets present"; exit 0; fi
log "installing: ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
log "done"
