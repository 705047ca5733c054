"""EV01: a dengue haemorrhagic fever (DBD, A91) inpatient claim without both lab criteria of DBD."""

from bimtek.claim import Claim, HasilLab
from bimtek.rules.base import Dasar, Finding, Rule, Severity, lab_text, readable

PLATELET_MAX = 100_000  # per microlitre
HAEMATOCRIT_RISE_MIN = 0.20  # relative rise over the first (baseline) value
LEAK_FINDINGS = ("efusi_pleura", "asites")  # plasma leakage documented by imaging/examination (lab entry, nilai 1)


def _evidence(claim: Claim) -> list[HasilLab]:
    """Readable results dated no later than the end of the stay (a later result cannot justify it)."""
    end = claim.service_end()
    return [r for r in claim.lab if r.tanggal <= end and readable(r)]


def has_thrombocytopenia(results: list[HasilLab]) -> bool:
    return any(r.jenis == "trombosit" and r.nilai <= PLATELET_MAX for r in results)


def has_plasma_leakage(results: list[HasilLab]) -> bool:
    """Haematocrit rise >= 20% over the first measurement, or pleural effusion / ascites documented."""
    if any(r.jenis in LEAK_FINDINGS and r.nilai == 1.0 for r in results):
        return True
    hct = [r.nilai for r in sorted(results, key=lambda r: r.tanggal) if r.jenis == "hematokrit"]
    # Rounded so that a rise of exactly 20% (36.5 -> 43.8) is not lost to floating-point error.
    return len(hct) >= 2 and hct[0] > 0 and round((max(hct[1:]) - hct[0]) / hct[0], 9) >= HAEMATOCRIT_RISE_MIN


def meets_dbd_lab_criteria(claim: Claim) -> bool:
    results = _evidence(claim)
    return has_thrombocytopenia(results) and has_plasma_leakage(results)


class EV01(Rule):
    """Rawat inap DBD (A91) needs thrombocytopenia <= 100.000/µL AND plasma leakage (haematocrit rise >= 20% over
    baseline, or pleural effusion/ascites documented). Thrombocytopenia alone supports A90 (demam dengue).

    **Anti-pattern**: kdTkp 20, kdDiag1 A91, no platelet count in the claim file; or platelets 85.000/µL with a
    haematocrit that rose only 10% and no effusion or ascites.
    **Best practice**: attach the platelet and haematocrit series from the lab book (and the effusion/ascites
    finding if documented); if only the platelets fell, the doctor recodes to A90.
    """

    code = "EV01"
    title = "Bukti laboratorium DBD tidak lengkap"
    severity = Severity.DIKEMBALIKAN
    dasar = Dasar.ARTIKEL
    # facts §5 (S25, S26); seed 000 Kasus 2
    regulation = (
        "WHO, Comprehensive Guidelines for Prevention and Control of Dengue and Dengue Haemorrhagic Fever, 2011; "
        "IDAI, Pedoman Diagnosis dan Tata Laksana Infeksi Virus Dengue pada Anak, 2012: trombositopenia "
        '<= 100.000/µL dan kebocoran plasma (hematokrit naik >= 20% atau efusi pleura/asites); artikel "Bimtek '
        'Manajemen Klaim BPJS Kesehatan untuk Fasilitas Kesehatan Primer", Kasus 2 (klaim DBD tanpa hasil lab)'
    )
    rationale = (
        "Diagnosa DBD (A91) membutuhkan kedua kriteria laboratorium: trombositopenia dan bukti kebocoran plasma. "
        "Trombositopenia saja mendukung demam dengue (A90), bukan DBD. Tanpa bukti objektif klaim dikembalikan."
    )
    fix_hint = (
        "Lampirkan hasil trombosit dan hematokrit dari buku laboratorium (dan temuan efusi pleura/asites bila "
        "tercatat); bila hanya trombosit yang turun, dokter menilai ulang kode menjadi A90. Jangan membuat hasil baru."
    )

    def check(self, claim: Claim) -> list[Finding]:
        k = claim.kunjungan
        if k.kd_tkp != "20" or not any(d.startswith("A91") for d in k.diagnosa):
            return []
        results = _evidence(claim)
        low_platelets = has_thrombocytopenia(results)
        leak = has_plasma_leakage(results)
        if low_platelets and leak:
            return []
        found = ", ".join(lab_text(r) for r in claim.lab) or "tidak ada hasil lab"
        if low_platelets:
            why = (
                "trombositopenia saja (tanpa hematokrit naik >= 20% atau efusi pleura/asites) mendukung A90 "
                "(demam dengue), bukan A91"
            )
        elif leak:
            why = "bukti kebocoran plasma ada, tetapi tidak ada trombosit <= 100.000/µL"
        else:
            why = "tidak ada trombosit <= 100.000/µL dan tidak ada bukti kebocoran plasma (hematokrit naik >= 20% atau efusi pleura/asites)"
        return [self.finding("lab", f"Rawat inap DBD (A91): {why}; terlampir: {found}.")]
