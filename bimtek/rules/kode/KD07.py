"""KD07: a claim-file document type that the reference data does not know."""

from bimtek.claim import Claim
from bimtek.rules.base import Dasar, Finding, Rule, Severity, nearest


class KD07(Rule):
    """Every document in the claim file is one of the document types of the claim file.

    **Anti-pattern**: dokumen jenis 'resum_medis' (typo) or 'foto' (unnamed).
    **Best practice**: name each document by its type (resume_medis, kia, partograf, ...); case and spaces do not
    matter ('Resume Medis' is resume_medis).
    """

    code = "KD07"
    title = "Jenis dokumen berkas klaim tidak dikenal"
    severity = Severity.DIKEMBALIKAN
    dasar = Dasar.REGULASI
    regulation = "Peraturan BPJS Kesehatan Nomor 7 Tahun 2018 Pasal 12 sampai Pasal 14 (dokumen berkas klaim FKTP)"
    rationale = (
        "Dokumen yang jenisnya tidak dikenal tidak dapat dihitung sebagai kelengkapan berkas; dokumen wajib yang "
        "salah nama tetap dianggap tidak ada."
    )
    fix_hint = "Beri nama dokumen sesuai jenisnya (resume_medis, fpk, sptjm, kia, partograf, consent, ...)."

    def check(self, claim: Claim) -> list[Finding]:
        known = self.ref.document_labels
        for d in claim.dokumen:  # the common case, every type known, without building a list
            if d.jenis not in known:
                break
        else:
            return []
        return [
            self.finding(f"dokumen.{i}", f"Jenis dokumen '{d.jenis}' tidak dikenal{nearest(d.jenis, known)}.")
            for i, d in enumerate(claim.dokumen)
            if d.jenis not in known
        ]
