"""DK05: a bencana/KLB claim without the government's KLB or disaster declaration."""

from bimtek.claim import Claim
from bimtek.rules.base import Dasar, Finding, Rule, Severity, missing_documents


class DK05(Rule):
    """Services during an outbreak or disaster are claimed under the KLB mechanism, which rests on a declaration.

    **Anti-pattern**: jenis_klaim bencana_klb with no sk_klb document.
    **Best practice**: attach the Pemda's SK penetapan KLB/bencana covering the service date and area.
    """

    code = "DK05"
    title = "Klaim bencana/KLB tanpa SK penetapan KLB"
    severity = Severity.DIKEMBALIKAN
    dasar = Dasar.PRAKTIK
    regulation = (
        "Belum ada aturan tertulis yang ditemukan; praktik umum verifikasi: penetapan KLB atau bencana oleh "
        "pemerintah sebagai bukti periode (rincian mekanisme: belum pasti)"
    )
    rationale = (
        "Klaim KLB hanya dapat diproses bila ada penetapan KLB/bencana oleh pemerintah; mekanisme rinci per "
        "daerah belum pasti."
    )
    fix_hint = "Lampirkan SK penetapan KLB/bencana dari pemerintah daerah yang mencakup tanggal dan wilayah layanan."
    uncertain = True

    def check(self, claim: Claim) -> list[Finding]:
        if claim.pengajuan.jenis_klaim != "bencana_klb":
            return []
        return missing_documents(self, claim, {"sk_klb": False})
