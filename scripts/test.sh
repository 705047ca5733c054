#!/usr/bin/env bash
# Sets up .venv and Debian's chromium if missing, then runs lint, format check, type check and the whole test
# suite (including the browser test, and the PostgreSQL tests on a throwaway server when PostgreSQL is installed).
# Idempotent; quiet on success except for pytest's progress and summary.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/venv.sh

ensure_venv requirements-dev.txt

# The browser test drives Debian's chromium through Playwright; we never run `playwright install`.
if [ ! -x /usr/bin/chromium ]; then
    if [ "$(id -u)" -eq 0 ]; then
        sudo=""
    elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
        sudo="sudo -n"
    else
        die "/usr/bin/chromium is missing and we are not root: run 'sudo apt-get install chromium' once"
    fi
    log="$(mktemp)"
    if ! { $sudo apt-get update -qq && DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends chromium; } >"$log" 2>&1; then
        tail -n 30 "$log" >&2
        die "apt-get install chromium failed (output above)"
    fi
    rm -f "$log"
fi

export STREAMLIT_BROWSER_GATHER_USAGE_STATS=false STREAMLIT_SERVER_HEADLESS=true PYTHONDONTWRITEBYTECODE=1

# step LABEL COMMAND...: runs quietly, shows the command's output only when it fails.
step() {
    local label="$1" out
    shift
    if ! out="$("$@" 2>&1)"; then
        printf '%s\n' "$out" >&2
        die "$label failed"
    fi
}

step "ruff check" .venv/bin/ruff check .
step "ruff format --check" .venv/bin/ruff format --check .
step "mypy" .venv/bin/mypy

# PostgreSQL for the tests marked `postgres`: DATABASE_URL_TEST when set, else a throwaway server (scripts/pg.sh)
# when PostgreSQL is installed. Without one those tests skip locally and fail in CI (.ci/run installs it).
if [ -z "${DATABASE_URL_TEST:-}" ] && bash scripts/pg.sh available; then
    pg_dir="$(mktemp -d /tmp/bimtek-pg.XXXXXX)"
    trap 'bash scripts/pg.sh stop "$pg_dir"' EXIT
    DATABASE_URL_TEST="$(bash scripts/pg.sh start "$pg_dir")" || die "could not start PostgreSQL for the tests"
    export DATABASE_URL_TEST
fi
.venv/bin/python -m pytest -q "$@"
