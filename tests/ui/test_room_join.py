"""The room's join QR codes in the app: Beranda's (the address, for the projector) and the link they carry."""

from __future__ import annotations

import io

import pytest
import zxingcpp
from PIL import Image

from bimtek import lan
from tests.ui.conftest import page_texts, problems, run_page
from ui import nav, room_view


def test_on_a_room_server_beranda_shows_the_address_and_a_join_qr(monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setenv("BIMTEK_PUBLIC_URL", "http://192.168.1.10:8501/")
    at = run_page(nav.BERANDA)
    assert not at.exception, problems(at)
    (block,) = [e for e in at.expander if e.label == "Gabung dari ponsel: http://192.168.1.10:8501"]
    assert len(block.get("image")) == 1  # the QR code
    assert "Tautan: http://192.168.1.10:8501/masuk?kelas=" in page_texts(at)


def test_on_a_laptop_alone_beranda_shows_no_join_qr(monkeypatch: pytest.MonkeyPatch):
    """Nobody else can open http://localhost: a self-learner's Beranda stays as it was."""
    monkeypatch.delenv("BIMTEK_PUBLIC_URL", raising=False)
    at = run_page(nav.BERANDA)
    assert not at.exception, problems(at)
    assert not [e for e in at.expander if e.label.startswith("Gabung dari ponsel")]


@pytest.mark.parametrize(
    ("code", "link"),
    [("", "http://10.0.0.5:8501/masuk?kelas="), ("K7P2QX", "http://10.0.0.5:8501/masuk?kelas=K7P2QX")],
)
def test_the_join_qr_decodes_to_the_join_page_with_the_code(code: str, link: str):
    assert room_view.join_link("http://10.0.0.5:8501/", code) == link
    (found,) = zxingcpp.read_barcodes(Image.open(io.BytesIO(room_view.qr_png(link))).convert("L"))
    assert found.text == link


def test_the_join_page_the_links_name_is_the_masuk_page():
    assert f"views/{lan.JOIN_PAGE}.py" == nav.MASUK


@pytest.mark.parametrize(
    ("address", "local"),
    [("http://localhost:8501", True), ("http://127.0.1.1:8501", True), ("http://192.168.1.10:8501", False)],
)
def test_only_an_address_other_devices_can_open_gets_a_join_block(address: str, local: bool):
    assert room_view.on_this_machine_only(address) is local
