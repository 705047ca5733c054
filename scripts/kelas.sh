#!/usr/bin/env bash
# Sets up .venv (first run only) and starts the app for one room without internet: it prints the address trainees
# open on the room's Wi-Fi and a QR code of the join page (python -m bimtek kelas; see README "Kelas tanpa internet").
# Usage: bash scripts/kelas.sh [--port 8501] [--alamat 192.168.1.10] [--url-publik http://192.168.1.10:8501]
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/venv.sh

ensure_venv requirements.txt
exec .venv/bin/python -m bimtek kelas "$@"
