#!/usr/bin/env bash
# nginx for the many-rooms browser test (tests/e2e/test_many_rooms.py runs docs/deploy/nginx-bimtek.conf), from Debian.
#   bash scripts/nginx.sh install     apt-get install nginx-light when nginx is missing (as root or passwordless sudo)
#   bash scripts/nginx.sh available   exit 0 when nginx is installed
# The package's own service is not needed: the test starts nginx with a config of its own on a free port.
set -euo pipefail

die() {
    echo "error: $*" >&2
    exit 1
}

available() {
    command -v nginx >/dev/null 2>&1 || [ -x /usr/sbin/nginx ]
}

install() {
    available && return 0
    local sudo="" log
    if [ "$(id -u)" -ne 0 ]; then
        sudo -n true 2>/dev/null || die "nginx is missing and we are not root: run 'sudo apt-get install nginx-light'"
        sudo="sudo -n"
    fi
    log="$(mktemp)"
    if ! { $sudo apt-get update -qq && DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends nginx-light; } >"$log" 2>&1; then
        tail -n 30 "$log" >&2
        die "apt-get install nginx-light failed (output above)"
    fi
    rm -f "$log"
    available || die "nginx-light installed but nginx not found"
}

case "${1:-}" in
install) install ;;
available) available ;;
*) die "usage: bash scripts/nginx.sh install|available" ;;
esac
