"""EX02: care given in a bakti sosial billed to JKN."""

from bimtek.claim import Claim
from bimtek.rules.base import Dasar, Finding, Need, Rule, Severity, is_billed


class EX02(Rule):
    """Services given in a bakti sosial (charity event) are not a JKN benefit.

    **Anti-pattern**: the free circumcision or cataract-screening day of a foundation, billed per participant.
    **Best practice**: the organiser of the bakti sosial bears its costs; do not put its services in the claim.
    """

    code = "EX02"
    title = "Layanan bakti sosial ditagihkan ke JKN"
    severity = Severity.DITOLAK
    needs = frozenset({Need.BILLED})
    dasar = Dasar.REGULASI
    regulation = (
        "Perpres Nomor 82 Tahun 2018 Pasal 52 ayat (1) huruf q: pelayanan dalam rangka bakti sosial tidak "
        "dijamin (huruf ayat menurut salinan yang umum beredar: belum pasti)"
    )
    rationale = "Bakti sosial dibiayai penyelenggaranya; menagihkannya ke JKN berarti dana JKN membayar dua kali."
    fix_hint = "Keluarkan layanan bakti sosial dari klaim; biayanya ditanggung penyelenggara kegiatan."
    uncertain = True

    def check(self, claim: Claim) -> list[Finding]:
        if not is_billed(claim) or not claim.konteks.bakti_sosial:
            return []
        return [
            self.finding(
                "konteks.bakti_sosial",
                "Layanan diberikan dalam kegiatan bakti sosial: di luar manfaat JKN. Biayanya ditanggung "
                "penyelenggara bakti sosial, bukan BPJS.",
            )
        ]
