"""TR08: a dental prosthesis for the same jaw claimed again within two years."""

from bimtek.claim import Claim, Rahang
from bimtek.fmt import tanggal
from bimtek.rules.base import Dasar, Finding, Need, Rule, Severity, is_billed

_PROTESA = {"protesa_gigi_1_rahang", "protesa_gigi_2_rahang"}
INTERVAL_DAYS = 730  # two years


def _jaws(layanan: str, rahang: Rahang | None) -> set[str]:
    """The jaws a prosthesis covers; an unrecorded jaw of a one-jaw prosthesis may be either (fail closed)."""
    if layanan == "protesa_gigi_2_rahang" or rahang in (None, Rahang.KEDUANYA):
        return {"atas", "bawah"}
    return {rahang.value}


class TR08(Rule):
    """Protesa gigi is paid at most once per two years for the same jaw.

    **Anti-pattern**: protesa_gigi_1_rahang (rahang bawah) claimed 14 months after a protesa for both jaws.
    **Best practice**: check the participant's previous prosthesis claims and record which jaw (rahang).
    """

    code = "TR08"
    title = "Protesa gigi rahang yang sama diklaim lagi dalam dua tahun"
    severity = Severity.DIKEMBALIKAN
    applies_to = frozenset(_PROTESA)
    needs = frozenset({Need.BILLED, Need.HISTORY})
    dasar = Dasar.PRAKTIK
    regulation = (
        "Belum ada aturan tertulis yang ditemukan; praktik umum verifikasi: protesa gigi paling banyak sekali "
        "dalam dua tahun untuk gigi yang sama, menurut prosedur klaim BPJS Kesehatan Kantor Cabang Purwokerto "
        "(surat Nomor 1189/VI-03/0415, 2015; mungkin sudah diperbarui: belum pasti); plafon Permenkes Nomor 3 "
        "Tahun 2023 Pasal 24 ayat (2)"
    )
    rationale = (
        "Protesa gigi dijamin sekali dalam dua tahun untuk rahang yang sama; klaim ulang lebih awal perlu dijelaskan."
    )
    fix_hint = (
        "Periksa riwayat protesa peserta dan catat rahangnya; klaim ulang dalam dua tahun hanya dengan penjelasan."
    )
    uncertain = True

    def check(self, claim: Claim) -> list[Finding]:
        p = claim.pengajuan
        if p.layanan not in _PROTESA or not is_billed(claim):
            return []
        day = claim.kunjungan.tgl_daftar
        jaws = _jaws(p.layanan, p.rahang)
        for prev in sorted(claim.riwayat_klaim, key=lambda r: r.tgl_layanan, reverse=True):
            if prev.layanan not in _PROTESA or not 0 <= (day - prev.tgl_layanan).days < INTERVAL_DAYS:
                continue
            same = jaws & _jaws(prev.layanan, prev.rahang)
            if same:
                which = " dan ".join(sorted(same))
                return [
                    self.finding(
                        "pengajuan.layanan",
                        f"Protesa rahang {which} sudah diklaim {tanggal(prev.tgl_layanan)}, kurang dari dua tahun "
                        f"sebelum {tanggal(day)}.",
                    )
                ]
        return []
