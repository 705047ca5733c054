# Sourced by run-app.sh and test.sh: creates .venv once and installs a requirements file when it changed.
# Says one line before the slow first install (so it does not look hung), else quiet on success; on failure prints the
# tail of the pip log and exits. Needs Python >= 3.11 ($PYTHON overrides).

die() {
    echo "error: $*" >&2
    exit 1
}

find_python() {
    local candidate
    for candidate in "${PYTHON:-}" python3.11 python3 python; do
        [ -n "$candidate" ] || continue
        if command -v "$candidate" >/dev/null 2>&1 &&
            "$candidate" -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null; then
            command -v "$candidate"
            return 0
        fi
    done
    return 1
}

# ensure_venv REQUIREMENTS_FILE: .venv exists, works, and has REQUIREMENTS_FILE installed.
ensure_venv() {
    local requirements="$1" python stamp wanted log said=""
    if [ ! -x .venv/bin/python ] || ! .venv/bin/python -c 'import sys' >/dev/null 2>&1; then
        say_installing
        said=1
        python="$(find_python)" || die "Python 3.11 or newer not found; install it or set PYTHON=/path/to/python3.11"
        rm -rf .venv
        "$python" -m venv .venv || die "could not create .venv with $python (on Debian: apt-get install python3-venv)"
    fi
    # Re-install only when the requirements (or a file they include with -r) changed.
    wanted="$(cat requirements*.txt | sha256sum | cut -d' ' -f1)"
    stamp=".venv/.installed-$(basename "$requirements")"
    if [ "$(cat "$stamp" 2>/dev/null)" != "$wanted" ]; then
        [ -n "$said" ] || say_installing
        log="$(mktemp)"
        if ! .venv/bin/python -m pip install --disable-pip-version-check -q -r "$requirements" >"$log" 2>&1; then
            tail -n 30 "$log" >&2
            rm -f "$log"
            die "pip install -r $requirements failed (full output above)"
        fi
        rm -f "$log"
        echo "$wanted" >"$stamp"
        echo "Dependensi terpasang. / Dependencies installed."
    fi
}

say_installing() {
    echo "Menyiapkan .venv dan memasang dependensi (sekali saja, ±1 menit)..."
    echo "Setting up .venv and installing dependencies (first run only, about a minute)..."
}
