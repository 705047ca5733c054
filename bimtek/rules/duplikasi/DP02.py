"""DP02: a rawat inap package billed for days a delivery package already covers (or the reverse)."""

import datetime as dt

from bimtek.claim import Claim
from bimtek.fmt import tanggal
from bimtek.rules.base import Dasar, Finding, Need, Rule, Severity, is_billed

_DELIVERY = {"persalinan_tim_dokter", "persalinan_tanpa_dokter", "persalinan_poned_2hari", "persalinan_poned_3hari"}
_STAY = _DELIVERY | {"rawat_inap"}


def _nights(start: dt.date, end: dt.date | None) -> set[dt.date]:
    """The days a stay occupies (admission up to the day before discharge; a same-day stay is its one day)."""
    end = end or start
    return {start + dt.timedelta(days=i) for i in range(max(1, (end - start).days))}


class DP02(Rule):
    """A delivery package already pays the delivery stay; rawat inap days inside it are billed twice.

    **Anti-pattern**: persalinan_tim_dokter 14-15 June and rawat_inap 14-17 June for the same mother.
    **Best practice**: bill the delivery package for the delivery stay; bill rawat inap only for days outside it,
    with its own indication.
    """

    code = "DP02"
    title = "Hari rawat inap tumpang tindih dengan paket persalinan"
    severity = Severity.DIKEMBALIKAN
    applies_to = frozenset(_STAY)
    needs = frozenset({Need.BILLED, Need.HISTORY})
    dasar = Dasar.PRAKTIK
    regulation = (
        "Belum ada aturan tertulis yang ditemukan; praktik umum verifikasi: paket persalinan (Permenkes Nomor 3 "
        "Tahun 2023 Pasal 20) sudah membayar perawatan persalinannya, sehingga hari rawat inap yang sama tidak "
        "ditagih lagi; sebagai aturan BPJS Kesehatan tersendiri: belum pasti"
    )
    rationale = "Hari yang sudah dibayar dalam paket persalinan tidak dapat ditagih lagi sebagai rawat inap."
    fix_hint = (
        "Tagih rawat inap hanya untuk hari di luar perawatan persalinan, dengan indikasinya sendiri; atau jelaskan."
    )
    uncertain = True

    def check(self, claim: Claim) -> list[Finding]:
        p, k = claim.pengajuan, claim.kunjungan
        if p.layanan not in _STAY or not is_billed(claim):
            return []
        mine = _nights(k.tgl_daftar, k.tgl_pulang)
        for prev in claim.riwayat_klaim:
            pair = {p.layanan, prev.layanan}
            if "rawat_inap" not in pair or not pair & _DELIVERY:
                continue
            shared = mine & _nights(prev.tgl_layanan, prev.tgl_pulang)
            if shared:
                ref = f" (klaim '{prev.no_klaim}')" if prev.no_klaim else ""
                return [
                    self.finding(
                        "kunjungan.tgl_daftar",
                        f"'{p.layanan}' {tanggal(k.tgl_daftar)} tumpang tindih {len(shared)} hari dengan "
                        f"'{prev.layanan}'{ref} sejak {tanggal(prev.tgl_layanan)}.",
                    )
                ]
        return []
