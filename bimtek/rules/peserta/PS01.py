"""PS01: the participant was not active on the service date."""

from bimtek.claim import Claim
from bimtek.fmt import tanggal
from bimtek.rules.base import Dasar, Finding, Rule, Severity


class PS01(Rule):
    """A service to a participant whose JKN membership was not active on the service date is not paid.

    **Anti-pattern**: peserta.aktif false (ketAktif not AKTIF) or tgl_akhir_berlaku before tgl_daftar.
    **Best practice**: check the card in P-Care at registration; treat as a general patient or ask the participant
    to reactivate before the service is billed.
    """

    code = "PS01"
    title = "Peserta tidak aktif pada tanggal pelayanan"
    severity = Severity.DITOLAK
    dasar = Dasar.REGULASI
    regulation = (
        "Perpres Nomor 82 Tahun 2018 tentang Jaminan Kesehatan: manfaat jaminan hanya bagi peserta yang aktif "
        "pada tanggal pelayanan (pasal yang tepat dan rincian tunggakan: belum pasti); status aktif dan masa "
        "berlaku kartu dari data peserta P-Care"
    )
    rationale = (
        "BPJS hanya menjamin peserta yang aktif pada tanggal pelayanan. Peserta nonaktif (tunggakan, kartu "
        "habis berlaku) tidak dapat diklaimkan; perlakuan rinci di lapangan belum pasti."
    )
    fix_hint = (
        "Cek status kartu di P-Care saat pendaftaran. Bila tidak aktif, layani sebagai pasien umum atau "
        "minta peserta mengaktifkan kembali; klaim ini tidak dapat diperbaiki dengan mengubah data."
    )
    uncertain = True

    def check(self, claim: Claim) -> list[Finding]:
        p = claim.peserta
        day = claim.kunjungan.tgl_daftar
        if p.aktif is False:  # not known at all is PS03's
            return [self.finding("peserta.aktif", f"Peserta '{p.no_kartu}' berstatus tidak aktif pada {tanggal(day)}.")]
        if p.tgl_akhir_berlaku is not None and p.tgl_akhir_berlaku < day:
            return [
                self.finding(
                    "peserta.tgl_akhir_berlaku",
                    f"Kartu '{p.no_kartu}' berlaku sampai {tanggal(p.tgl_akhir_berlaku)}, "
                    f"sebelum tanggal pelayanan {tanggal(day)}.",
                )
            ]
        return []
