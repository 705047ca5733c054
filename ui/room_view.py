"""The room's join block: the address trainees type and a QR code of the join page, drawn here (no QR service)."""

from __future__ import annotations

import io
import os
from urllib.parse import urlsplit

import qrcode
import streamlit as st

from bimtek import lan
from ui import nav

PUBLIC_URL_ENV = "BIMTEK_PUBLIC_URL"  # e.g. http://192.168.1.10:8501 : the address trainees' devices reach
QR_WIDTH = 260  # px: a phone across the room scans it off a projector; fits a 390-px screen with margins


def app_address() -> str:
    """Where trainees reach the app: BIMTEK_PUBLIC_URL (set by `python -m bimtek kelas`), else the address this
    browser used (scheme + host)."""
    configured = os.environ.get(PUBLIC_URL_ENV, "").strip()
    if configured:
        return configured.rstrip("/")
    url = st.context.url if isinstance(st.context.url, str) else ""
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}" if parts.scheme and parts.netloc else "http://localhost:8501"


def join_link(address: str, code: str = "") -> str:
    """The Masuk page's cohort tab, with the join code filled in when there is one."""
    return lan.join_page_url(address, code)


def qr_png(text: str) -> bytes:
    """A QR code of `text` as PNG bytes (qrcode with Pillow's image factory)."""
    image = qrcode.make(text, box_size=12, border=2)
    out = io.BytesIO()
    image.save(out)
    return out.getvalue()


def on_this_machine_only(address: str) -> bool:
    host = urlsplit(address).hostname or ""
    return host in ("localhost", "::1") or host.startswith("127.")


def render_room_join() -> None:
    """On Beranda, for the projector: the room's address and a QR code of the join page, folded (one line) until a
    trainer opens it. Shown only when other devices can reach the app (a room or shared server, not a laptop alone)."""
    address = app_address()
    if on_this_machine_only(address):
        return
    link = join_link(address)
    with st.expander(f"Gabung dari ponsel: {address}", icon=":material/qr_code_2:", key="beranda_gabung"):
        text_col, qr_col = st.columns([3, 2])
        text_col.markdown(
            f"Sambungkan ponsel atau laptop ke Wi-Fi ruangan, lalu buka **{address}** atau pindai kode QR ini. "
            f"Halaman **{nav.PAGES[nav.MASUK][0]}** terbuka: isi kode kelas dari narasumber, nama dan PIN."
        )
        text_col.caption(f"Tautan: {link}")
        qr_col.image(qr_png(link), caption="Pindai untuk bergabung", width=QR_WIDTH)
