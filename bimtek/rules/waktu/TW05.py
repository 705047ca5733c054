"""TW05: the participant's date of birth lies after the service."""

from bimtek.claim import Claim
from bimtek.fmt import tanggal
from bimtek.rules.base import Dasar, Finding, Rule, Severity


class TW05(Rule):
    """Nobody is served before being born: the date of birth is on or before the service date.

    **Anti-pattern**: tgl_lahir 2026-11-02 for a visit on 2026-10-02 (year or day/month swapped at entry).
    **Best practice**: copy the date of birth from the JKN card / P-Care participant data, never retype it.
    """

    code = "TW05"
    title = "Tanggal lahir setelah tanggal pelayanan"
    severity = Severity.DIKEMBALIKAN
    dasar = Dasar.PRAKTIK
    regulation = (
        "Belum ada aturan tertulis yang ditemukan; praktik umum verifikasi: tanggal lahir peserta (data peserta "
        "P-Care) tidak boleh setelah tanggal pelayanan"
    )
    rationale = "Tanggal lahir setelah pelayanan tidak mungkin benar; identitas atau tanggal pelayanan salah entri."
    fix_hint = "Salin tanggal lahir dari data peserta P-Care atau kartu JKN; periksa juga tanggal pelayanan."

    def check(self, claim: Claim) -> list[Finding]:
        born = claim.peserta.tgl_lahir
        day = claim.kunjungan.tgl_daftar
        if born is None or born <= day:
            return []
        return [
            self.finding(
                "peserta.tgl_lahir",
                f"Tanggal lahir {tanggal(born)} setelah tanggal pelayanan {tanggal(day)}.",
            )
        ]
