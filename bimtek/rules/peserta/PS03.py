"""PS03: the participant's membership status on the service date is not known."""

from bimtek.claim import Claim
from bimtek.fmt import tanggal
from bimtek.rules.base import Dasar, Finding, Rule, Severity


class PS03(Rule):
    """A claim states whether the participant was active on the service date, from P-Care's participant data.

    **Anti-pattern**: peserta.aktif null: a P-Care kunjungan payload sent without the participant look-up (no `aktif`,
    no `ketAktif`), so nothing says the card was active that day.
    **Best practice**: check the card in P-Care at registration and keep the answer (aktif/ketAktif, tglAkhirBerlaku)
    with the visit; a SIMRS export merges the peserta look-up into each kunjungan.
    """

    code = "PS03"
    title = "Status kepesertaan pada tanggal pelayanan tidak diketahui"
    severity = Severity.DIKEMBALIKAN
    dasar = Dasar.PRAKTIK
    regulation = (
        "Belum ada aturan tertulis yang ditemukan; praktik umum verifikasi: status aktif peserta pada tanggal "
        "pelayanan dipastikan dari data peserta P-Care (aktif, ketAktif, tglAkhirBerlaku) sebelum klaim diajukan; "
        "konsekuensi rinci bila status tidak tercatat belum pasti"
    )
    rationale = (
        "BPJS hanya menjamin peserta yang aktif pada tanggal pelayanan. Bila data klaim tidak memuat status "
        "kepesertaan, klaim tidak dapat dinyatakan layak bayar sampai status itu dipastikan."
    )
    fix_hint = (
        "Buka data peserta di P-Care (cari nomor kartu) dan catat statusnya pada tanggal pelayanan; pada ekspor SIMRS, "
        "sertakan aktif/ketAktif dari pencarian peserta di setiap kunjungan. Bila ternyata tidak aktif, klaim tidak "
        "dapat dibayar (PS01)."
    )
    uncertain = True

    def check(self, claim: Claim) -> list[Finding]:
        p = claim.peserta
        if p.aktif is not None:
            return []
        return [
            self.finding(
                "peserta.aktif",
                f"Status kepesertaan kartu '{p.no_kartu}' pada {tanggal(claim.kunjungan.tgl_daftar)} tidak diisi; "
                "diharapkan aktif atau tidak aktif menurut data peserta P-Care.",
            )
        ]
