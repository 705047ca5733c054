"""`python -m bimtek kelas`: the app for one room without internet, on the LAN, with its address and a QR code.

It finds this machine's LAN address (nothing is sent anywhere), sets BIMTEK_PUBLIC_URL so the certificates' QR codes
point at this server, prints the address and a QR code of the join page, then replaces itself with
`streamlit run app.py` listening on every interface (so Ctrl+C and a service manager's signals reach Streamlit).
"""

from __future__ import annotations

import argparse
import io
import os
import subprocess
import sys
from collections.abc import Sequence
from typing import Any, TextIO

from bimtek import lan
from bimtek.errors import InputError
from bimtek.paths import APP_SCRIPT

PUBLIC_URL_ENV = "BIMTEK_PUBLIC_URL"


def _port(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text[:20]}' bukan nomor port (bilangan 1024-65535)") from None
    if not 1024 <= value <= 65535:  # below 1024 needs root; a room server never runs as root
        raise argparse.ArgumentTypeError(f"'{value}' di luar 1024-65535")
    return value


def add_parsers(sub: Any) -> None:
    p = sub.add_parser(
        "kelas",
        help="jalankan aplikasi untuk satu ruangan tanpa internet: alamat dan kode QR untuk peserta di jaringan Wi-Fi/LAN",
    )
    p.add_argument("--port", type=_port, default=lan.DEFAULT_PORT, help=f"port aplikasi (bawaan {lan.DEFAULT_PORT})")
    p.add_argument(
        "--alamat", metavar="IP", help="alamat IP komputer ini di jaringan ruangan (bawaan: dicari otomatis)"
    )
    p.add_argument(
        "--url-publik",
        dest="public_url",
        metavar="URL",
        help=f"alamat yang dibuka peserta dan dicetak pada kode QR sertifikat (bawaan: {PUBLIC_URL_ENV}, "
        "bila tidak diatur http://<alamat IP>:<port>)",
    )


def run(args: argparse.Namespace) -> int:
    plan = plan_room(args, dict(os.environ))
    print_banner(plan, sys.stdout)
    print_warnings(plan, sys.stderr)
    return start_streamlit(plan.command, plan.env)


class RoomPlan:
    """What `kelas` prints and starts: the LAN address, the public address, Streamlit's command line and env."""

    def __init__(self, ip: str, loopback_only: bool, port: int, public_url: str, source: str, env: dict[str, str]):
        self.ip, self.loopback_only, self.port = ip, loopback_only, port
        self.public_url, self.public_source = public_url, source
        self.room_url = lan.room_url(ip, port)
        self.join_url = lan.join_page_url(public_url)
        self.env = {**env, PUBLIC_URL_ENV: public_url, "STREAMLIT_BROWSER_GATHER_USAGE_STATS": "false"}
        self.command = [
            sys.executable, "-m", "streamlit", "run", str(APP_SCRIPT),
            "--server.address", "0.0.0.0",  # every interface: the room's Wi-Fi and this machine  # noqa: S104
            "--server.port", str(port),
            "--server.headless", "true",  # no browser opened on the server, no e-mail prompt
            "--browser.gatherUsageStats", "false",
            # Named explicitly so Streamlit neither asks checkip.amazonaws.com for an "External URL" at start nor
            # needs it to accept the phones' origin (it would otherwise for a wildcard server.address).
            "--browser.serverAddress", ip,
            "--browser.serverPort", str(port),
        ]  # fmt: skip


def plan_room(args: argparse.Namespace, env: dict[str, str]) -> RoomPlan:
    """Checks the options (InputError, exit 2, on a bad address, port or URL) and decides what to start."""
    if args.alamat is not None:
        ip = lan.check_own_address(args.alamat)
        loopback_only = ip.startswith("127.")  # named on purpose (a rehearsal), still only this machine opens it
    else:
        found = lan.find_lan_address()
        ip, loopback_only = found.ip, found.loopback_only
    lan.check_port_free(args.port)
    if args.public_url is not None:
        public, source = lan.check_public_url(args.public_url), "--url-publik"
    elif env.get(PUBLIC_URL_ENV, "").strip():
        try:
            public, source = lan.check_public_url(env[PUBLIC_URL_ENV]), PUBLIC_URL_ENV
        except InputError as err:
            raise InputError(
                [f"{PUBLIC_URL_ENV}: {err}; ubah atau hapus variabel itu, atau beri --url-publik"]
            ) from None
    else:
        public, source = lan.room_url(ip, args.port), ""
    return RoomPlan(ip, loopback_only, args.port, public, source, env)


def print_banner(plan: RoomPlan, out: TextIO) -> None:
    out.write("Bimtek Klaim BPJS: kelas di jaringan ruangan (tanpa internet)\n\n")
    out.write("Peserta membuka alamat ini di peramban ponsel/laptop yang tersambung ke Wi-Fi ruangan yang sama:\n\n")
    out.write(f"    Alamat untuk peserta: {plan.public_url}\n\n")
    if plan.public_url != plan.room_url:
        out.write(f"    (alamat IP komputer ini: {plan.room_url}; alamat publik dari {plan.public_source})\n\n")
    if _can_draw_blocks(out):
        out.write(f"Atau pindai kode QR ini (membuka halaman Masuk, {plan.join_url}):\n\n")
        print_qr(plan.join_url, out)
    else:
        out.write("Konsol ini tidak dapat menampilkan kode QR; kode QR juga tampil di Beranda dan Kelas Saya.\n")
    out.write(
        f"\nSertifikat memuat kode QR ke {plan.public_url}/verifikasi ({PUBLIC_URL_ENV}).\n"
        "Narasumber: masuk, lalu buka Kelas Saya untuk kode kelas dan kode QR yang langsung mengisi kode itu.\n"
        "Tekan Ctrl+C untuk menghentikan aplikasi.\n\n"
    )
    out.flush()


def print_warnings(plan: RoomPlan, err: TextIO) -> None:
    if plan.loopback_only:
        err.write(
            "Peringatan: komputer ini tidak tersambung ke jaringan; alamat 127.0.0.1 hanya dapat dibuka di komputer "
            "ini sendiri. Sambungkan ke Wi-Fi/LAN ruangan lalu jalankan lagi, atau beri --alamat IP.\n"
        )
        err.flush()


def _can_draw_blocks(out: TextIO) -> bool:
    encoding = (getattr(out, "encoding", None) or "").lower().replace("-", "")
    return encoding in ("utf8", "utf8sig") or not isinstance(out, io.TextIOWrapper)


def print_qr(text: str, out: TextIO) -> None:
    """A QR code of `text` in half-block characters: with fixed colours on a terminal, else light on dark."""
    import qrcode

    qr = qrcode.QRCode(border=2, error_correction=qrcode.constants.ERROR_CORRECT_M)
    qr.add_data(text)
    qr.make(fit=True)
    tty = bool(getattr(out, "isatty", lambda: False)())
    qr.print_ascii(out=out, tty=tty, invert=True)


def start_streamlit(command: Sequence[str], env: dict[str, str]) -> int:
    """Replaces this process with Streamlit (POSIX), so signals go straight to it; elsewhere waits for it."""
    sys.stdout.flush()
    sys.stderr.flush()
    if os.name == "posix":
        os.execve(command[0], list(command), env)
    try:
        return subprocess.call(list(command), env=env)
    except KeyboardInterrupt:  # Ctrl+C reached Streamlit too; it stops on its own
        return 0
