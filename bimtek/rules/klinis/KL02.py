"""KL02: the service line billed is not supported by any diagnosis on the claim."""

from bimtek.claim import Claim
from bimtek.rules.base import Dasar, Finding, Rule, Severity


class KL02(Rule):
    """The diagnoses must justify the service: ANC needs a pregnancy code, KB a contraception code, and so on.

    **Anti-pattern**: layanan kb_iud with diagnosa ['N39.0']; layanan anc_bidan with diagnosa ['R51'].
    **Best practice**: code the encounter reason the service line belongs to (Z34 ANC, Z30 KB, Z39 nifas,
    O80 persalinan) next to any other diagnosis.
    """

    code = "KL02"
    title = "Layanan yang diklaim tidak didukung diagnosa"
    severity = Severity.DIKEMBALIKAN
    dasar = Dasar.ARTIKEL
    regulation = (
        'artikel "Bimtek Manajemen Klaim BPJS Kesehatan untuk Fasilitas Kesehatan Primer": kesalahan umum '
        '"diagnosa tidak sesuai dengan tindakan"; kode ICD-10 WHO edisi 2010 (bab XV kehamilan, bab XXI '
        "faktor yang memengaruhi status kesehatan); pasangan layanan dan awalan diagnosa yang dipakai di "
        "sini: belum pasti"
    )
    rationale = (
        "Verifikator mencocokkan jenis layanan dengan diagnosa; layanan tanpa diagnosa yang sesuai dikembalikan."
    )
    fix_hint = "Tambahkan diagnosa yang sesuai layanan bila didukung rekam medis (mis. Z34 untuk ANC, Z30 untuk KB)."
    uncertain = True

    def check(self, claim: Claim) -> list[Finding]:
        service = self.ref.services.get(claim.pengajuan.layanan)
        if service is None or not service.diagnosa_prefiks:
            return []
        for d in claim.kunjungan.diagnosa:
            if d and d.startswith(service.diagnosa_prefiks):
                return []
        diagnoses = [d for d in claim.kunjungan.diagnosa if d]
        if not diagnoses:
            return []  # PC04 reports the missing diagnosis
        expected = ", ".join(service.diagnosa_prefiks)
        return [
            self.finding(
                "kunjungan.diagnosa",
                f"Layanan '{service.label}' tidak didukung diagnosa {', '.join(diagnoses)}; "
                f"diharapkan diagnosa berawalan {expected}.",
            )
        ]
