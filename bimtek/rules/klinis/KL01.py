"""KL01: a vitamin or iron injection with no anaemia diagnosis to justify it."""

from bimtek.claim import Claim
from bimtek.rules.base import Dasar, Finding, Rule, Severity

_INJECTABLE = {"injeksi", "infus"}
_NEEDS_ANAEMIA = {"vitamin", "zat_besi"}


def _is_anaemia(code: str) -> bool:
    return "D50" <= code[:3] <= "D64"


class KL01(Rule):
    """A vitamin or iron injection needs a documented indication: an anaemia diagnosis (ICD-10 D50-D64).

    **Anti-pattern**: terapi 'Injeksi vitamin B12' (rute injeksi, golongan vitamin) with diagnosa only J06.9.
    **Best practice**: if the record shows anaemia (Hb below normal), code it (e.g. D50.9, D51.0) and attach the
    Hb result; if not, the injection has no indication and must not be claimed.
    """

    code = "KL01"
    title = "Injeksi vitamin/zat besi tanpa diagnosa anemia"
    severity = Severity.DITOLAK
    dasar = Dasar.ARTIKEL
    regulation = "Kasus 1 Klinik 'Sehat Bersama' (seed 000: 'injeksi vitamin tanpa diagnosa anemia'); indikasi terdokumentasi untuk injeksi (facts §5, uncertain); ICD-10 D50-D64 anemia"
    rationale = (
        "Diagnosa harus membenarkan tindakan. Injeksi vitamin atau zat besi tanpa diagnosa anemia tidak "
        "memiliki indikasi medis yang tercatat, sehingga klaim ditolak (kesalahan umum no. 1 di artikel Bimtek)."
    )
    fix_hint = (
        "Bila rekam medis menunjukkan anemia (Hb rendah), tambahkan diagnosa anemia (D50-D64) dan lampirkan "
        "hasil Hb; bila tidak ada, hapus injeksi dari klaim. Jangan menambah diagnosa yang tidak ada di rekam medis."
    )
    uncertain = True

    def check(self, claim: Claim) -> list[Finding]:
        k = claim.kunjungan
        if any(_is_anaemia(code) for code in k.diagnosa):
            return []
        out = []
        for i, t in enumerate(k.terapi):
            if t.rute in _INJECTABLE and t.golongan in _NEEDS_ANAEMIA:
                diag = ", ".join(k.diagnosa) or "tidak ada"
                out.append(
                    self.finding(
                        f"kunjungan.terapi.{i}",
                        f"Terapi '{t.nama}' ({t.rute} {t.golongan.replace('_', ' ')}) tidak didukung diagnosa anemia "
                        f"D50-D64; diagnosa tercatat: {diag}.",
                    )
                )
        return out
