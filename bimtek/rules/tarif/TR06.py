"""TR06: more PNC visits claimed for one postpartum period than the tariff pays."""

from bimtek.claim import Claim
from bimtek.fmt import tanggal
from bimtek.rules.base import Dasar, Finding, Need, Rule, Severity, is_billed

PAYABLE_VISITS = 4  # mother 6 h-2 d, 3-7 d, 8-28 d, 29-42 d (neonate visits within them)
NIFAS_DAYS = 42  # the postpartum period the four visits fall in


class TR06(Rule):
    """PNC is paid for four visits per postpartum period; a fifth is not a payable visit.

    **Anti-pattern**: a fifth PNC claim within the 42 days after one delivery, or kunjungan_ke 5.
    **Best practice**: record the visit number from the KIA book (KF1-KF4); extra visits are care, not claims.
    """

    code = "TR06"
    title = "Kunjungan PNC melebihi empat kunjungan yang dibayar"
    severity = Severity.DITOLAK
    applies_to = frozenset({"pnc"})
    needs = frozenset({Need.BILLED})
    dasar = Dasar.REGULASI
    regulation = (
        "Permenkes Nomor 3 Tahun 2023 Pasal 21 ayat (5): PNC dibayar per kunjungan untuk empat kunjungan (tiga "
        "kali ibu dan bayi, satu kali ibu: 6 jam-2 hari, 3-7 hari, 8-28 hari, 29-42 hari setelah persalinan)"
    )
    rationale = "Tarif PNC membayar empat kunjungan dalam masa nifas; kunjungan kelima tidak dapat ditagih."
    fix_hint = "Keluarkan kunjungan PNC kelima dan seterusnya dari klaim; cocokkan nomor kunjungan dengan buku KIA."

    def check(self, claim: Claim) -> list[Finding]:
        p = claim.pengajuan
        if p.layanan != "pnc" or not is_billed(claim):
            return []
        day = claim.kunjungan.tgl_daftar
        earlier = sorted(
            r.tgl_layanan
            for r in claim.riwayat_klaim
            if r.layanan == "pnc" and 0 < (day - r.tgl_layanan).days <= NIFAS_DAYS
        )
        if len(earlier) >= PAYABLE_VISITS:
            return [
                self.finding(
                    "pengajuan.layanan",
                    f"Sudah {len(earlier)} kunjungan PNC diklaim sejak {tanggal(earlier[0])}; kunjungan "
                    f"{tanggal(day)} melebihi {PAYABLE_VISITS} kunjungan yang dibayar dalam satu masa nifas.",
                )
            ]
        if p.kunjungan_ke is not None and p.kunjungan_ke > PAYABLE_VISITS:
            return [
                self.finding(
                    "pengajuan.kunjungan_ke",
                    f"PNC kunjungan ke-{p.kunjungan_ke}; yang dibayar hanya kunjungan ke-1 sampai ke-{PAYABLE_VISITS}.",
                )
            ]
        return []
