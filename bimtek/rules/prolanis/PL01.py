"""PL01: a Prolanis group activity claimed without the activity, its proposal or its LPJ."""

from bimtek.claim import Claim
from bimtek.rules.base import Dasar, Finding, Need, Rule, Severity
from bimtek.rules.prolanis import BASIS, LAYANAN, activity


class PL01(Rule):
    """Each Prolanis group activity is claimed with its proposal and its report (LPJ).

    **Anti-pattern**: layanan prolanis_kelompok with no kegiatan_prolanis, or with proposal/lpj false.
    **Best practice**: file the proposal before the activity and the LPJ after it, one pair per activity; a
    defect in a combined proposal returns every activity in it.
    """

    code = "PL01"
    title = "Kegiatan Prolanis tanpa proposal atau LPJ"
    severity = Severity.DIKEMBALIKAN
    applies_to = frozenset({LAYANAN})
    needs = frozenset({Need.BILLED})
    dasar = Dasar.PRAKTIK
    regulation = BASIS
    rationale = (
        "Proposal dan laporan pertanggungjawaban membuktikan kegiatan direncanakan dan terlaksana; tanpa "
        "keduanya klaim kegiatan dikembalikan (panduan lokal, belum pasti)."
    )
    fix_hint = "Lampirkan proposal dan LPJ kegiatan ini (satu pasang per kegiatan)."
    uncertain = True

    def check(self, claim: Claim) -> list[Finding]:
        if claim.pengajuan.layanan != LAYANAN or claim.pengajuan.jenis_klaim == "kapitasi":
            return []
        k = activity(claim)
        if k is None:
            return [
                self.finding(
                    "kegiatan_prolanis", "Klaim kegiatan Prolanis tanpa data kegiatan (tanggal, daftar hadir, foto)."
                )
            ]
        out = []
        if not k.proposal:
            out.append(self.finding("kegiatan_prolanis.proposal", "Proposal kegiatan Prolanis tidak ada."))
        if not k.lpj:
            out.append(
                self.finding("kegiatan_prolanis.lpj", "Laporan pertanggungjawaban (LPJ) kegiatan Prolanis tidak ada.")
            )
        return out
