"""DK06: a bidan jejaring billing in its own name instead of through its induk FKTP."""

from bimtek.claim import Claim
from bimtek.rules.base import Dasar, Finding, Need, Rule, Severity, is_billed


class DK06(Rule):
    """A bidan jejaring's services are claimed by its induk FKTP (the induk's code, FPK and SPTJM).

    **Anti-pattern**: fasilitas.jenis praktik_bidan with no kode_induk.
    **Best practice**: send the recap to the induk Puskesmas/klinik, which files it under its own code.
    """

    code = "DK06"
    title = "Klaim bidan jejaring tidak melalui FKTP induk"
    severity = Severity.DIKEMBALIKAN
    needs = frozenset({Need.BILLED})
    dasar = Dasar.REGULASI
    regulation = (
        "Permenkes Nomor 28 Tahun 2014 tentang Pedoman Pelaksanaan Program JKN, lampiran (klaim bidan "
        "jejaring diajukan melalui FKTP induk; induk swasta boleh menahan paling banyak 10%); Permenkes Nomor "
        "71 Tahun 2013 Pasal 8"
    )
    rationale = (
        "BPJS tidak berkontrak langsung dengan bidan jejaring; klaim atas nama bidan sendiri tidak dapat diproses."
    )
    fix_hint = "Ajukan klaim melalui FKTP induk dan cantumkan kode PPK induk."

    def check(self, claim: Claim) -> list[Finding]:
        f = claim.fasilitas
        if f.jenis != "praktik_bidan" or not is_billed(claim) or f.kode_induk:
            return []
        return [
            self.finding("fasilitas.kode_induk", f"Praktik bidan '{f.nama}' mengajukan klaim tanpa kode FKTP induk.")
        ]
