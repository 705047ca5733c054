"""PC07: the service was never entered in P-Care."""

from bimtek.claim import Claim
from bimtek.rules.base import Dasar, Finding, Rule, Severity


class PC07(Rule):
    """A service that is not in P-Care has no P-Care print-out for the claim file and does not count for KBK.

    **Anti-pattern**: no_kunjungan empty (bridging from SIMPUS failed, or nobody entered it).
    **Best practice**: enter the visit in P-Care on the day of service and check that a noKunjungan came back.
    """

    code = "PC07"
    title = "Kunjungan tidak tercatat di P-Care"
    severity = Severity.DIKEMBALIKAN
    dasar = Dasar.ARTIKEL
    regulation = (
        'artikel "Bimtek Manajemen Klaim BPJS Kesehatan untuk Fasilitas Kesehatan Primer": kesalahan umum '
        '"layanan tidak dicatat pada saat pelayanan"; cetakan P-Care bagian berkas klaim di Puskesmas dan '
        'kegagalan bridging menghambat klaim (studi "Analisis Pengajuan Klaim Kesehatan Kapitasi Puskesmas '
        'Nanggulan Kabupaten Kulon Progo")'
    )
    rationale = "Tanpa nomor kunjungan P-Care, verifikator tidak dapat mencocokkan klaim dengan data pelayanan."
    fix_hint = "Entri kunjungan di P-Care (atau perbaiki bridging) lalu cantumkan nomor kunjungan yang terbit."

    def check(self, claim: Claim) -> list[Finding]:
        if not claim.kunjungan.no_kunjungan or claim.kunjungan.tgl_entri is None:
            return [
                self.finding(
                    "kunjungan.no_kunjungan",
                    "Nomor kunjungan P-Care atau tanggal entri kosong; layanan belum tercatat di P-Care.",
                )
            ]
        return []
