"""The room's network: this machine's LAN address, a free port, the address trainees type; nothing leaves the machine.

The LAN address comes from the routing table (a UDP socket "connected" to a private address sends no packet; the
kernel only picks the interface it would use), then from the addresses the host name resolves to. Loopback is the
last resort: phones cannot reach it, and the caller says so.
"""

from __future__ import annotations

import errno
import ipaddress
import socket
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from urllib.parse import urlencode, urlsplit

from bimtek.errors import InputError

# One private address per private range: the route to the first usually is the default route (the room's Wi-Fi);
# the others find a machine whose only network is a 172.16/12 or 192.168/16 LAN without a default route.
PROBE_TARGETS = ("10.255.255.255", "172.31.255.255", "192.168.255.255")
DEFAULT_PORT = 8501
JOIN_PAGE = "masuk"  # views/masuk.py: the page a trainee joins a cohort on
JOIN_QUERY = "kelas"  # ?kelas=<join code> opens its cohort tab with the code filled in (empty: the tab, no code)


@dataclass(frozen=True)
class LanAddress:
    ip: str
    loopback_only: bool  # no other address exists: only this machine can open the app


def _routed_address(target: str) -> str | None:
    """The local address of the interface the kernel would use to reach `target` (connect() on UDP sends nothing)."""
    try:
        with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as s:
            s.connect((target, 9))  # port 9 (discard); no datagram is sent by connect()
            return str(s.getsockname()[0])
    except OSError:  # no route to that range
        return None


def _host_addresses() -> list[str]:
    """The IPv4 addresses this machine's host name resolves to (from /etc/hosts or the local resolver)."""
    try:
        infos = socket.getaddrinfo(socket.gethostname(), None, socket.AF_INET, socket.SOCK_DGRAM)
    except OSError:
        return []
    return [str(info[4][0]) for info in infos]


def candidate_addresses(
    routed: Callable[[str], str | None] = _routed_address, host: Callable[[], list[str]] = _host_addresses
) -> list[str]:
    """Every IPv4 address found, best first: routed ones (in PROBE_TARGETS order), then the host name's."""
    found = [routed(target) for target in PROBE_TARGETS] + host()
    return list(dict.fromkeys(a for a in found if a))


def choose_address(candidates: Iterable[str]) -> LanAddress:
    """The first address phones on the LAN can reach (not loopback, not link-local, not unspecified); 127.0.0.1 when
    there is none."""
    for text in candidates:
        try:
            ip = ipaddress.IPv4Address(text)
        except ValueError:
            continue
        if not (ip.is_loopback or ip.is_link_local or ip.is_unspecified or ip.is_multicast):
            return LanAddress(str(ip), loopback_only=False)
    return LanAddress("127.0.0.1", loopback_only=True)


def find_lan_address() -> LanAddress:
    return choose_address(candidate_addresses())


def check_own_address(text: str) -> str:
    """`text` as an IPv4 address of this machine (--alamat); InputError naming it otherwise."""
    try:
        ip = ipaddress.IPv4Address(text.strip())
    except ValueError:
        raise InputError([f"alamat '{text[:60]}' bukan alamat IPv4; contoh: 192.168.1.10"]) from None
    if ip.is_unspecified or ip.is_multicast:
        raise InputError([f"alamat '{ip}' tidak dapat dibuka peserta; isi alamat IP komputer ini, mis. 192.168.1.10"])
    try:
        with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as s:
            s.bind((str(ip), 0))
    except OSError:
        where = "lihat alamat IP jaringan Wi-Fi/LAN komputer ini (ip addr / ipconfig)"
        raise InputError([f"alamat '{ip}' bukan milik komputer ini; {where}"]) from None
    return str(ip)


def check_port_free(port: int) -> None:
    """InputError when another program already listens on `port` (on any of this machine's addresses)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        # As the server sets it: a port whose last connections are still closing (TIME_WAIT) counts as free.
        s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            s.bind(("0.0.0.0", port))  # noqa: S104 : the app itself listens on every interface
        except OSError as err:
            if err.errno == errno.EADDRINUSE:
                what = f"port {port} sudah dipakai program lain; hentikan program itu"
            else:
                what = f"port {port} tidak dapat dipakai ({err.strerror or err})"
            raise InputError([f"{what} atau pilih port lain, mis. --port {port + 1}"]) from None


def check_public_url(text: str) -> str:
    """`text` as an http(s) address without path or query (--url-publik / BIMTEK_PUBLIC_URL); InputError otherwise."""
    value = text.strip().rstrip("/")
    try:
        parts = urlsplit(value)
        parts.port  # noqa: B018 : raises ValueError on a port that is not a number 0-65535
    except ValueError:
        parts = None
    if parts is None or parts.scheme not in ("http", "https") or not parts.hostname or parts.query or parts.fragment:
        raise InputError([f"alamat publik '{text[:80]}' bukan alamat http(s); contoh: http://192.168.1.10:8501"])
    return value


def room_url(ip: str, port: int) -> str:
    return f"http://{ip}:{port}"


def join_page_url(base: str, code: str = "") -> str:
    """The join form under `base`: the QR codes' link (the terminal's and Beranda's without a code, Kelas Saya's with
    its cohort's)."""
    return f"{base.rstrip('/')}/{JOIN_PAGE}?{urlencode({JOIN_QUERY: code})}"
