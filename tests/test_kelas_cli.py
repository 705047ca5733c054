"""`python -m bimtek kelas`: the room's LAN address, the checks on its options, and what it prints before it starts
Streamlit (the start itself is replaced here; tests/e2e/test_offline_room.py runs the real command)."""

from __future__ import annotations

import socket
import subprocess
import sys
from pathlib import Path

import pytest
import zxingcpp
from PIL import Image

from bimtek import kelas_cli, lan
from bimtek.cli import main
from bimtek.errors import InputError
from bimtek.paths import APP_SCRIPT

ROOT = Path(__file__).resolve().parent.parent


# --- the LAN address ----------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("candidates", "chosen"),
    [
        (["192.168.1.10", "10.0.0.5"], "192.168.1.10"),  # the default route's interface first
        (["127.0.1.1", "192.168.1.10"], "192.168.1.10"),  # Debian's hosts file maps the host name to 127.0.1.1
        (["169.254.3.4", "10.1.2.3"], "10.1.2.3"),  # a link-local (no DHCP) address is not what phones reach
        (["0.0.0.0", "not-an-ip", "172.20.0.7"], "172.20.0.7"),
    ],
)
def test_the_first_address_phones_can_reach_is_chosen(candidates: list[str], chosen: str):
    assert lan.choose_address(candidates) == lan.LanAddress(chosen, loopback_only=False)


@pytest.mark.parametrize("candidates", [[], ["127.0.0.1"], ["127.0.1.1", "169.254.1.1"]])
def test_without_a_network_the_address_is_loopback_and_says_so(candidates: list[str]):
    assert lan.choose_address(candidates) == lan.LanAddress("127.0.0.1", loopback_only=True)


def test_candidates_are_the_routed_addresses_then_the_host_names_without_repeats():
    routes = {"10.255.255.255": "192.168.1.10", "172.31.255.255": None, "192.168.255.255": "192.168.1.10"}
    found = lan.candidate_addresses(routed=routes.get, host=lambda: ["127.0.1.1", "192.168.1.10", "10.8.0.2"])
    assert found == ["192.168.1.10", "127.0.1.1", "10.8.0.2"]


def test_this_machines_lan_address_is_its_own_and_found_without_sending_anything():
    """The address found is one this machine can listen on (what Streamlit on 0.0.0.0 answers to)."""
    found = lan.find_lan_address()
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind((found.ip, 0))
    assert found.loopback_only == found.ip.startswith("127.")


def test_an_own_address_is_accepted_and_a_foreign_or_malformed_one_named():
    assert lan.check_own_address(" 127.0.0.1 ") == "127.0.0.1"
    for bad, says in [
        ("192.168.1", "bukan alamat IPv4"),
        ("203.0.113.77", "bukan milik komputer ini"),
        ("0.0.0.0", "tidak dapat dibuka peserta"),
    ]:
        with pytest.raises(InputError, match=f"'{bad}' {says}"):
            lan.check_own_address(bad)


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("http://192.168.1.10:8501/", "http://192.168.1.10:8501"),
        ("https://bimtek.dinkes.go.id", "https://bimtek.dinkes.go.id"),
    ],  # fmt: skip
)
def test_a_public_url_is_an_http_address(text: str, value: str):
    assert lan.check_public_url(text) == value


@pytest.mark.parametrize("text", ["192.168.1.10:8501", "ftp://host", "http://", "http://h:99999", "http://h/?a=1"])
def test_a_public_url_that_is_not_an_http_address_is_named(text: str):
    with pytest.raises(InputError, match="bukan alamat http"):
        lan.check_public_url(text)


# --- the command ----------------------------------------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("0.0.0.0", 0))
        return s.getsockname()[1]


@pytest.fixture
def started(monkeypatch: pytest.MonkeyPatch) -> list[tuple[list[str], dict[str, str]]]:
    """What `kelas` would exec, instead of starting Streamlit."""
    calls: list[tuple[list[str], dict[str, str]]] = []
    monkeypatch.setattr(kelas_cli, "start_streamlit", lambda command, env: calls.append((list(command), env)) or 0)
    monkeypatch.delenv("BIMTEK_PUBLIC_URL", raising=False)
    return calls


def decode_terminal_qr(text: str) -> str:
    """Reads the QR code `kelas` printed (half blocks, light modules drawn) back through a real decoder."""
    light = {"█": (1, 1), "▀": (1, 0), "▄": (0, 1), "\xa0": (0, 0), " ": (0, 0)}
    rows = [line for line in text.splitlines() if line and set(line) <= set(light)]
    assert rows, text
    width = max(len(r) for r in rows)
    image = Image.new("L", (width + 8, 2 * len(rows) + 8), 255)  # a white quiet zone around it
    for y, row in enumerate(rows):
        for x, char in enumerate(row):
            top, bottom = light[char]
            image.putpixel((x + 4, 2 * y + 4), 255 * top)
            image.putpixel((x + 4, 2 * y + 5), 255 * bottom)
    (found,) = zxingcpp.read_barcodes(image.resize((image.width * 8, image.height * 8), Image.Resampling.NEAREST))
    return found.text


def test_kelas_prints_the_address_and_a_qr_of_the_join_page_then_starts_streamlit_on_the_lan(started, capsys):
    port = free_port()
    assert main(["kelas", "--port", str(port)]) == 0
    out = capsys.readouterr().out
    ip = lan.find_lan_address().ip
    address = f"http://{ip}:{port}"
    assert f"Alamat untuk peserta: {address}\n" in out
    assert decode_terminal_qr(out) == f"{address}/masuk?kelas="  # the join form's tab, no code yet
    assert f"Sertifikat memuat kode QR ke {address}/verifikasi" in out
    assert "Ctrl+C" in out
    ((command, env),) = started
    assert command[:5] == [sys.executable, "-m", "streamlit", "run", str(APP_SCRIPT)]
    options = dict(zip(command[5::2], command[6::2], strict=True))
    assert options == {
        "--server.address": "0.0.0.0",
        "--server.port": str(port),
        "--server.headless": "true",
        "--browser.gatherUsageStats": "false",
        "--browser.serverAddress": ip,
        "--browser.serverPort": str(port),
    }
    assert env["BIMTEK_PUBLIC_URL"] == address  # certificates' QR codes point at the room server


def test_a_given_public_url_is_kept_and_printed_beside_the_machines_address(started, capsys, monkeypatch):
    port = free_port()
    monkeypatch.setenv("BIMTEK_PUBLIC_URL", "http://bimtek.lan:8501/")
    assert main(["kelas", "--port", str(port), "--alamat", "127.0.0.1"]) == 0
    out, err = capsys.readouterr()
    assert "Alamat untuk peserta: http://bimtek.lan:8501\n" in out
    assert "alamat 127.0.0.1 hanya dapat dibuka di komputer ini sendiri" in err
    assert f"(alamat IP komputer ini: http://127.0.0.1:{port}; alamat publik dari BIMTEK_PUBLIC_URL)" in out
    assert started[0][1]["BIMTEK_PUBLIC_URL"] == "http://bimtek.lan:8501"
    assert main(["kelas", "--port", str(port), "--url-publik", "http://10.0.0.5:8501"]) == 0
    assert started[1][1]["BIMTEK_PUBLIC_URL"] == "http://10.0.0.5:8501"  # the option wins over the environment


def test_without_a_network_kelas_warns_that_only_this_machine_can_open_it(started, capsys, monkeypatch):
    monkeypatch.setattr(lan, "find_lan_address", lambda: lan.LanAddress("127.0.0.1", loopback_only=True))
    assert main(["kelas", "--port", str(free_port())]) == 0
    captured = capsys.readouterr()
    assert "hanya dapat dibuka di komputer ini sendiri" in captured.err
    assert "Sambungkan ke Wi-Fi/LAN ruangan" in captured.err
    assert started  # a trainer may still rehearse on their own laptop


def test_a_busy_port_is_named_with_another_to_try(started, capsys):
    with socket.socket() as busy:
        busy.bind(("0.0.0.0", 0))
        busy.listen()
        port = busy.getsockname()[1]
        assert main(["kelas", "--port", str(port)]) == 2
    err = capsys.readouterr().err
    assert err == f"port {port} sudah dipakai program lain; hentikan program itu atau pilih port lain, mis. --port {port + 1}\n"  # fmt: skip
    assert not started


@pytest.mark.parametrize(
    ("args", "says"),
    [
        (["--alamat", "192.168.1"], "alamat '192.168.1' bukan alamat IPv4; contoh: 192.168.1.10"),
        (["--alamat", "203.0.113.77"], "alamat '203.0.113.77' bukan milik komputer ini"),
        (["--url-publik", "192.168.1.10:8501"], "alamat publik '192.168.1.10:8501' bukan alamat http(s)"),
    ],
)
def test_a_bad_address_exits_2_with_one_indonesian_line(started, capsys, args: list[str], says: str):
    assert main(["kelas", "--port", str(free_port()), *args]) == 2
    err = capsys.readouterr().err
    assert err.startswith(says) and err.count("\n") == 1, err
    assert not started


def test_an_unusable_public_url_in_the_environment_is_named_with_the_variable(started, capsys, monkeypatch):
    monkeypatch.setenv("BIMTEK_PUBLIC_URL", "192.168.1.10")
    assert main(["kelas", "--port", str(free_port())]) == 2
    err = capsys.readouterr().err
    assert err.startswith("BIMTEK_PUBLIC_URL: alamat publik '192.168.1.10' bukan alamat http(s)"), err
    assert "--url-publik" in err and not started


@pytest.mark.parametrize(
    ("port", "says"), [("delapan", "'delapan' bukan nomor port"), ("80", "'80' di luar 1024-65535")]
)
def test_a_bad_port_exits_2_before_anything_starts(port: str, says: str):
    result = subprocess.run(
        [sys.executable, "-m", "bimtek", "kelas", "--port", port],
        cwd=ROOT, capture_output=True, text=True, timeout=60, check=False,
    )  # fmt: skip
    assert result.returncode == 2
    assert says in result.stderr and "Traceback" not in result.stderr
    assert result.stdout == ""


def test_the_kelas_script_sets_up_the_venv_then_runs_the_kelas_command_with_its_options(tmp_path: Path):
    """scripts/kelas.sh in a copy of the scripts, with a stand-in .venv python that records what it was asked."""
    (tmp_path / "scripts").mkdir()
    for name in ("kelas.sh", "venv.sh"):
        (tmp_path / "scripts" / name).write_text((ROOT / "scripts" / name).read_text(encoding="utf-8"))
    (tmp_path / "requirements.txt").write_text("streamlit\n", encoding="utf-8")
    python = tmp_path / ".venv" / "bin" / "python"
    python.parent.mkdir(parents=True)
    python.write_text('#!/bin/sh\necho "[python $*]" >>"$ORDER"\n', encoding="utf-8")
    python.chmod(0o755)
    order = tmp_path / "order.log"
    done = subprocess.run(
        ["bash", "scripts/kelas.sh", "--port", "8600", "--alamat", "192.168.1.10"],
        cwd=tmp_path, env={"PATH": "/usr/bin:/bin", "ORDER": str(order)}, capture_output=True, text=True,
        timeout=60, check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stdout + done.stderr
    calls = order.read_text(encoding="utf-8").splitlines()
    assert calls[-1] == "[python -m bimtek kelas --port 8600 --alamat 192.168.1.10]", calls
    assert any("pip install" in call for call in calls[:-1]), calls  # the first run installs the requirements
