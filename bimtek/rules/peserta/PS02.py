"""PS02: the JKN card number is not 13 digits."""

from bimtek.claim import Claim
from bimtek.rules.base import Dasar, Finding, Rule, Severity


class PS02(Rule):
    """The participant's JKN number (noKartu) has 13 digits; anything else cannot be matched by BPJS.

    **Anti-pattern**: no_kartu '000123456789' (12 digits) or with spaces/letters.
    **Best practice**: scan or copy the number from the card / P-Care search; never retype it.
    """

    code = "PS02"
    title = "Nomor kartu JKN tidak 13 digit"
    severity = Severity.DIKEMBALIKAN
    dasar = Dasar.PRAKTIK
    regulation = (
        "Belum ada aturan tertulis yang ditemukan; praktik umum verifikasi: nomor kartu JKN di P-Care terdiri "
        "dari 13 digit angka"
    )
    rationale = "Nomor kartu yang salah membuat klaim tidak dapat dicocokkan dengan data kepesertaan BPJS."
    fix_hint = "Salin nomor kartu dari kartu JKN atau hasil pencarian peserta di P-Care (13 digit angka)."

    def check(self, claim: Claim) -> list[Finding]:
        no = claim.peserta.no_kartu
        if len(no) == 13 and no.isdigit():
            return []
        return [self.finding("peserta.no_kartu", f"Nomor kartu '{no}' bukan 13 digit angka.")]
