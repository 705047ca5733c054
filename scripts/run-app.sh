#!/usr/bin/env bash
# Sets up .venv (first run only) and starts the app on the embedded default: shipped content, local data.
# Usage: bash scripts/run-app.sh [streamlit options, e.g. --server.port 8600]
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/venv.sh

ensure_venv requirements.txt
export STREAMLIT_BROWSER_GATHER_USAGE_STATS=false
echo "Memulai aplikasi; alamatnya tampil sebentar lagi (Ctrl+C untuk berhenti)..."
echo "Starting the app; its address appears shortly (Ctrl+C to stop)..."
exec .venv/bin/python -m streamlit run app.py "$@"
