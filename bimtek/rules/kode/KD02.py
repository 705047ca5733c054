"""KD02: a P-Care reference code that is not in its reference list."""

from bimtek.claim import Claim
from bimtek.rules.base import Dasar, Finding, Rule, Severity

# claim field -> (code list, label)
_FIELDS = {
    "kd_tkp": ("kd_tkp", "TKP"),
    "kd_poli": ("kd_poli", "poli"),
    "kd_sadar": ("kd_sadar", "kesadaran"),
    "kd_prognosa": ("kd_prognosa", "prognosa"),
}


class KD02(Rule):
    """kdTkp, kdPoli, kdSadar, kdPrognosa and kdTacc take values from P-Care's reference lists only.

    **Anti-pattern**: kd_tkp '30', kd_sadar '1' (instead of '01'), kd_poli 'UMUM'.
    **Best practice**: choose from the reference list; never type a code by hand.
    """

    code = "KD02"
    title = "Kode referensi P-Care tidak dikenal"
    severity = Severity.DIKEMBALIKAN
    dasar = Dasar.PRAKTIK
    regulation = (
        "Belum ada aturan tertulis yang ditemukan; praktik umum verifikasi: P-Care hanya menerima nilai dari "
        "daftar referensinya (kesadaran, poli, prognosa, TACC, tempat kunjungan)"
    )
    rationale = "Nilai di luar daftar referensi ditolak P-Care atau membuat data kunjungan tidak dapat diolah."
    fix_hint = "Pilih nilai dari daftar referensi P-Care (lihat halaman Katalog Aturan untuk daftarnya)."

    def check(self, claim: Claim) -> list[Finding]:
        ref = self.ref
        k = claim.kunjungan
        out = []
        for field, (list_name, label) in _FIELDS.items():
            value = getattr(k, field)
            if value is None or value == "":
                continue  # emptiness is PC03/PC06's concern
            codes = ref.codes(list_name)
            if value not in codes:
                allowed = ", ".join(codes)
                out.append(
                    self.finding(f"kunjungan.{field}", f"Kode {label} '{value}' tidak dikenal; pilihan: {allowed}.")
                )
        if k.rujukan is not None and str(k.rujukan.kd_tacc) not in ref.codes("kd_tacc"):
            out.append(
                self.finding(
                    "kunjungan.rujukan.kd_tacc",
                    f"Kode TACC '{k.rujukan.kd_tacc}' tidak dikenal; pilihan: -1, 1, 2, 3, 4.",
                )
            )
        return out
