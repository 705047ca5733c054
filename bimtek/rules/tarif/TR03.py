"""TR03: the length of stay billed does not match the admission and discharge dates."""

from bimtek.claim import Claim
from bimtek.fmt import tanggal
from bimtek.rules.base import Dasar, Finding, Rule, Severity
from bimtek.tariff import stay_days


class TR03(Rule):
    """A rawat inap package is paid per day of stay; the days follow from admission and discharge (minimum 1).

    **Anti-pattern**: admitted 3 October, discharged 5 October (2 days), lama_rawat_hari 3.
    **Best practice**: count days as discharge date minus admission date; a same-day stay counts as 1 day.
    """

    code = "TR03"
    title = "Lama rawat tidak sesuai tanggal masuk dan pulang"
    severity = Severity.DIKEMBALIKAN
    applies_to = frozenset({"rawat_inap"})
    dasar = Dasar.REGULASI
    regulation = (
        "Permenkes Nomor 3 Tahun 2023 Pasal 17 ayat (1): rawat inap tingkat pertama dibayar per hari (besaran "
        "dan pasal: belum pasti); rawat inap tingkat pertama paling singkat 1 hari"
    )
    rationale = "Jumlah hari menentukan besar paket; hari yang tidak sesuai tanggal berarti menagih lebih atau kurang."
    fix_hint = "Hitung lama rawat = tanggal pulang - tanggal masuk (minimal 1 hari) dan isi tanggal pulang."
    uncertain = True

    def check(self, claim: Claim) -> list[Finding]:
        if claim.pengajuan.layanan != "rawat_inap":
            return []
        k = claim.kunjungan
        days = stay_days(claim)
        if days is None:
            return [
                self.finding(
                    "kunjungan.tgl_pulang", "Tanggal pulang rawat inap kosong; lama rawat tidak dapat dihitung."
                )
            ]
        billed = claim.pengajuan.lama_rawat_hari
        if billed != days:
            what = "Lama rawat tidak diisi" if billed is None else f"Lama rawat diklaim '{billed}' hari"
            return [
                self.finding(
                    "pengajuan.lama_rawat_hari",
                    f"{what}; dari {tanggal(k.tgl_daftar)} s.d. {tanggal(k.tgl_pulang)} seharusnya {days} hari.",
                )
            ]
        return []
