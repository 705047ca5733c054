"""KD08: a therapy route that the reference vocabulary does not know."""

from bimtek.claim import Claim
from bimtek.normalise import vocabulary
from bimtek.rules.base import Dasar, Finding, Need, Rule, Severity, nearest


class KD08(Rule):
    """A therapy line names how the drug was given; an unknown route hides an injection from the indication check.

    **Anti-pattern**: terapi rute 'intratekal-x' or 'injek' (typo).
    **Best practice**: write the route as in the prescription (oral, IM, IV, SC, drip, topikal); synonyms are read.
    """

    code = "KD08"
    title = "Rute pemberian terapi tidak dikenal"
    severity = Severity.DIKEMBALIKAN
    needs = frozenset({Need.THERAPY})
    dasar = Dasar.PRAKTIK
    regulation = (
        "Belum ada aturan tertulis yang ditemukan; praktik umum verifikasi: cara pemberian obat harus terbaca "
        "untuk menilai indikasi injeksi"
    )
    rationale = (
        "Rute yang tidak dikenali membuat injeksi atau infus tidak dapat diperiksa indikasinya; klaim dikembalikan."
    )
    fix_hint = "Tulis rute sesuai resep: oral, injeksi (IM/IV/SC), infus (drip), topikal, inhalasi, rektal, ..."

    def check(self, claim: Claim) -> list[Finding]:
        if not claim.kunjungan.terapi:
            return []
        known = vocabulary().route_names
        return [
            self.finding(
                f"kunjungan.terapi.{i}.rute",
                f"Rute '{t.rute}' untuk terapi '{t.nama}' tidak dikenal{nearest(t.rute, known)}.",
            )
            for i, t in enumerate(claim.kunjungan.terapi)
            if t.rute not in known
        ]
