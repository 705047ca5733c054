"""PC02: mandatory vital signs missing or outside what P-Care accepts."""

from bimtek.claim import Claim
from bimtek.rules.base import Dasar, Finding, Rule, Severity

_REQUIRED = {
    "sistole": "sistole",
    "diastole": "diastole",
    "berat_badan": "berat badan",
    "tinggi_badan": "tinggi badan",
}
# Accepted ranges as one P-Care client documents them (facts §4.3, S48; uncertain).
_RANGES = {"resp_rate": (5, 70, "frekuensi napas"), "heart_rate": (30, 160, "denyut nadi")}


class PC02(Rule):
    """Sistole, diastole, weight and height must be filled; respiration and pulse within accepted ranges.

    **Anti-pattern**: vital.sistole null, or heart_rate 200.
    **Best practice**: measure and record the vital signs at every visit; copy them from the rekam medis.
    """

    code = "PC02"
    title = "Tanda vital wajib tidak lengkap atau di luar rentang"
    severity = Severity.DIKEMBALIKAN
    dasar = Dasar.ARTIKEL
    regulation = (
        'artikel "Bimtek Manajemen Klaim BPJS Kesehatan untuk Fasilitas Kesehatan Primer": kesalahan umum '
        '"input data di P-Care tidak lengkap"; sistole, diastole, berat dan tinggi badan wajib di entri '
        "kunjungan P-Care; rentang frekuensi napas 5-70 dan nadi 30-160: belum pasti"
    )
    rationale = "P-Care menolak entri tanpa tanda vital wajib; nilai mustahil menandakan data tidak diukur."
    fix_hint = "Isi tanda vital dari rekam medis. Jangan mengarang nilai yang tidak diukur."
    uncertain = True

    def check(self, claim: Claim) -> list[Finding]:
        k = claim.kunjungan
        if k.kd_tkp == "50":
            return []
        vital = k.vital
        out = []
        for key, label in _REQUIRED.items():
            if getattr(vital, key) is None:
                out.append(self.finding(f"kunjungan.vital.{key}", f"Tanda vital '{label}' kosong; wajib diisi."))
        for key, (low, high, label) in _RANGES.items():
            value = getattr(vital, key)
            if value is not None and not low <= value <= high:
                out.append(
                    self.finding(
                        f"kunjungan.vital.{key}",
                        f"Nilai {label} '{value}' di luar rentang yang diterima P-Care ({low}-{high}).",
                    )
                )
        return out
