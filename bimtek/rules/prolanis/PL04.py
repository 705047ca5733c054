"""PL04: Prolanis snacks above Rp5.000 per attending participant (senam), or with no ceiling to check them."""

from bimtek.claim import Claim
from bimtek.fmt import rupiah
from bimtek.rules.base import Dasar, Finding, Rule, Severity
from bimtek.rules.prolanis import BASIS, LAYANAN, activity
from bimtek.tariff import SNACK_PER_PERSON


class PL04(Rule):
    """Snacks for a senam activity are paid up to Rp5.000 per participant who signed the attendance list.

    **Anti-pattern**: Rp7.000 x 20 participants claimed for snacks; snacks for a penyuluhan-only session with no
    ceiling to check them against.
    **Best practice**: budget snacks at Rp5.000 per participant and count only those who signed themselves.
    """

    code = "PL04"
    title = "Konsumsi kegiatan Prolanis melebihi plafon"
    severity = Severity.DIKEMBALIKAN
    applies_to = frozenset({LAYANAN})
    dasar = Dasar.PRAKTIK
    regulation = f"{BASIS}; konsumsi senam paling banyak Rp5.000 per peserta"
    rationale = "Biaya konsumsi dibayar sesuai plafon per peserta yang hadir; kelebihannya tidak dapat ditagih."
    fix_hint = "Ajukan konsumsi paling banyak Rp5.000 x jumlah peserta yang menandatangani daftar hadir."
    uncertain = True

    def check(self, claim: Claim) -> list[Finding]:
        k = activity(claim)
        if k is None or k.biaya_konsumsi <= 0:
            return []
        if k.jenis_kegiatan == "10":
            return [
                self.finding(
                    "kegiatan_prolanis.biaya_konsumsi",
                    f"Konsumsi {rupiah(k.biaya_konsumsi)} untuk kegiatan penyuluhan saja; plafonnya tidak diketahui "
                    "dari panduan, jadi tidak dapat dibayar tanpa dasar tertulis.",
                )
            ]
        people = k.signed_attendees()
        ceiling = SNACK_PER_PERSON * people
        if k.biaya_konsumsi <= ceiling:
            return []
        return [
            self.finding(
                "kegiatan_prolanis.biaya_konsumsi",
                f"Konsumsi {rupiah(k.biaya_konsumsi)} melebihi {rupiah(SNACK_PER_PERSON)} x {people} peserta yang "
                f"menandatangani daftar hadir = {rupiah(ceiling)}.",
            )
        ]
