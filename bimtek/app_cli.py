"""`bimtek app`: starts the Streamlit app on this computer, from a checkout or from the installed package alike.

The app script is paths.APP_SCRIPT; Streamlit reads the .streamlit/config.toml beside it (headless, no usage
statistics), so the command works from any folder. Options after `--` go to `streamlit run` unchanged.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
from typing import Any

from bimtek import paths
from bimtek.errors import InputError


def add_parsers(sub: Any) -> None:
    p = sub.add_parser(
        "app",
        help="jalankan aplikasi di komputer ini (Streamlit)",
        description="Menjalankan aplikasi Bimtek Klaim BPJS. Opsi Streamlit lain dapat ditulis setelah '--', "
        "mis. bimtek app -- --theme.base dark",
    )
    p.add_argument("--port", type=_port, metavar="PORT", help="nomor port (bawaan Streamlit: 8501)")
    p.add_argument("--alamat", metavar="ALAMAT", help="alamat yang didengarkan, mis. 0.0.0.0 agar bisa dibuka dari LAN")
    p.add_argument("streamlit_args", nargs=argparse.REMAINDER, help=argparse.SUPPRESS)


def _port(text: str) -> int:
    if not text.isdigit() or not 1 <= int(text) <= 65535:
        raise argparse.ArgumentTypeError(f"port '{text}' tidak valid; harus bilangan 1-65535")
    return int(text)


def streamlit_command(args: argparse.Namespace) -> list[str]:
    """The `streamlit run` command line for these options (the same interpreter, so the same installed packages)."""
    command = [sys.executable, "-m", "streamlit", "run", str(paths.APP_SCRIPT)]
    if args.port is not None:
        command += ["--server.port", str(args.port)]
    if args.alamat:
        command += ["--server.address", args.alamat]
    extra = list(args.streamlit_args)
    if extra and extra[0] != "--":
        raise InputError([f"argumen '{extra[0]}' tidak dikenal; opsi Streamlit ditulis setelah '--', mis. bimtek app -- --theme.base dark"])  # fmt: skip
    return command + extra[1:]


def run(args: argparse.Namespace) -> int:
    from bimtek.storage.engine import database_url

    command = streamlit_command(args)
    url = database_url()
    where = url.database if url.get_backend_name() == "sqlite" else url.render_as_string(hide_password=True)
    print("Memulai aplikasi; alamatnya tampil sebentar lagi (Ctrl+C untuk berhenti)...", file=sys.stderr)
    print(f"Data disimpan di: {where}", file=sys.stderr)
    with subprocess.Popen(command) as server:
        try:
            return server.wait()
        except KeyboardInterrupt:  # Streamlit received the same Ctrl+C and stops by itself
            return server.wait()
