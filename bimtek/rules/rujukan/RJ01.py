"""RJ01: referral of a non-specialist diagnosis without a TACC reason."""

from bimtek.claim import Claim
from bimtek.rules.base import Dasar, Finding, Need, Rule, Severity


class RJ01(Rule):
    """Diagnoses on the FKTP non-specialist ("144") list must be completed at FKTP; referring one needs TACC.

    **Anti-pattern**: rujukan with kdDiag1 K29.7 or A09 and kd_tacc -1.
    **Best practice**: treat at FKTP; refer only with a TACC reason (Time, Age, Complication, Comorbidity) and
    its explanation.
    """

    code = "RJ01"
    title = "Rujukan diagnosa non-spesialistik tanpa TACC"
    severity = Severity.PERINGATAN
    needs = frozenset({Need.REFERRAL})
    dasar = Dasar.REGULASI
    regulation = (
        "KMK Nomor HK.01.07/MENKES/1186/2022 tentang Panduan Praktik Klinis bagi Dokter di FKTP (pengganti "
        "KMK Nomor HK.02.02/MENKES/514/2015); Peraturan BPJS Kesehatan Nomor 7 Tahun 2019 (indikator Rasio "
        "Rujukan Rawat Jalan Kasus Non Spesialistik); daftar 144 diagnosa yang dipakai di sini: belum pasti"
    )
    rationale = (
        "Rujukan kasus non-spesialistik tanpa TACC menaikkan Rasio Rujukan Non Spesialistik (RRNS, bobot 50% "
        "KBK) sehingga kapitasi yang dibayar turun; rujukan dengan TACC dikecualikan dari RRNS."
    )
    fix_hint = "Tuntaskan di FKTP, atau isi TACC (1 Time, 2 Age, 3 Complication, 4 Comorbidity) beserta alasannya bila memang ada."
    uncertain = True

    def check(self, claim: Claim) -> list[Finding]:
        k = claim.kunjungan
        if k.rujukan is None or not k.diagnosa:
            return []
        main = k.diagnosa[0]
        if not self.ref.is_nonspesialis(main):
            return []
        if k.rujukan.kd_tacc in (1, 2, 3, 4) and k.rujukan.alasan_tacc:
            return []
        return [
            self.finding(
                "kunjungan.rujukan.kd_tacc",
                f"Diagnosa '{main}' termasuk daftar non-spesialistik (144 diagnosa) dan dirujuk tanpa TACC beserta alasannya.",
            )
        ]
