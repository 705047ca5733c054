"""EX01: care during a declared KLB/outbreak or disaster emergency billed to the JKN fund."""

from bimtek.claim import Claim
from bimtek.fmt import tanggal
from bimtek.rules.base import Dasar, Finding, Need, Rule, Severity, is_billed


def declared_period(claim: Claim) -> str:
    """'KLB (SK ..., 1 September 2026 s.d. 31 Oktober 2026)' for the messages."""
    s = claim.konteks.status_darurat
    assert s is not None
    kind = "KLB" if s.jenis == "klb" else "masa tanggap darurat bencana"
    end = tanggal(s.selesai) if s.selesai else "sekarang"
    return f"{kind} ({s.penetapan}, {tanggal(s.mulai)} s.d. {end})"


def under_declaration(claim: Claim) -> bool:
    s = claim.konteks.status_darurat
    return s is not None and s.covers(claim.kunjungan.tgl_daftar, claim.kunjungan.diagnosa)


class EX01(Rule):
    """Care resulting from a disaster during the emergency period, or from a declared KLB, is not a JKN benefit.

    Rejected inside the declared period (whatever jenis_klaim says). A claim filed as bencana_klb that no
    declaration covers is returned instead (its own severity, dikembalikan): outside a declared period the care
    is an ordinary JKN claim and must be filed as one.

    **Anti-pattern**: a DBD inpatient stay inside the period of the Bupati's KLB declaration billed to BPJS as a
    rawat_inap claim; jenis_klaim bencana_klb for a stay after the KLB was lifted.
    **Best practice**: file care inside the period through the Dinas Kesehatan's KLB/disaster financing
    (APBN/APBD) with the SK as proof of the period; outside it, file an ordinary non_kapitasi claim.
    """

    code = "EX01"
    title = "Layanan KLB/bencana dalam masa penetapan ditagihkan ke JKN"
    severity = Severity.DITOLAK
    needs = frozenset({Need.BILLED})
    dasar = Dasar.REGULASI
    regulation = (
        "Perpres Nomor 82 Tahun 2018 Pasal 52 ayat (1) huruf o: pelayanan kesehatan akibat bencana pada masa "
        "tanggap darurat, kejadian luar biasa/wabah tidak dijamin JKN (huruf ayat menurut salinan yang umum "
        "beredar: belum pasti)"
    )
    rationale = (
        "Selama masa KLB atau tanggap darurat yang ditetapkan pemerintah, biaya pelayanan akibat KLB/bencana "
        "ditanggung pemerintah (APBN/APBD melalui Kemenkes atau Dinas Kesehatan) berdasarkan penetapan itu, "
        "bukan oleh dana JKN. Klaim berjenis bencana/KLB tanpa penetapan yang mencakup tanggal dan penyakitnya "
        "dikembalikan: di luar masa itu layanannya klaim JKN biasa. Jalur dan dokumen pengajuan per daerah belum "
        "pasti."
    )
    fix_hint = (
        "Dalam masa penetapan: jangan ajukan ke BPJS; ajukan melalui mekanisme pembiayaan KLB/bencana Dinas "
        "Kesehatan dengan SK penetapan KLB atau status tanggap darurat sebagai bukti periodenya. Di luar masa "
        "itu: ajukan sebagai klaim JKN biasa (non_kapitasi atau kapitasi)."
    )
    uncertain = True

    def check(self, claim: Claim) -> list[Finding]:
        if not is_billed(claim):
            return []
        if not under_declaration(claim):
            return self._not_covered(claim) if claim.pengajuan.jenis_klaim == "bencana_klb" else []
        return [
            self.finding(
                "konteks.status_darurat",
                f"Layanan {tanggal(claim.kunjungan.tgl_daftar)} berada dalam {declared_period(claim)}: di luar "
                "manfaat JKN. Biayanya ditanggung pemerintah (APBN/APBD melalui Kemenkes/Dinas Kesehatan) "
                "berdasarkan penetapan tersebut; ajukan lewat mekanisme KLB/bencana Dinas Kesehatan, bukan ke BPJS.",
            )
        ]

    def _not_covered(self, claim: Claim) -> list[Finding]:
        day = tanggal(claim.kunjungan.tgl_daftar)
        if claim.konteks.status_darurat is None:
            why = "tidak ada penetapan KLB atau status tanggap darurat yang tercatat"
        else:
            why = f"layanan di luar masa atau penyakit yang ditetapkan ({declared_period(claim)})"
        message = (
            f"Diajukan sebagai klaim bencana/KLB untuk layanan {day}, tetapi {why}. Di luar masa yang ditetapkan "
            "layanan ini klaim JKN biasa: ajukan ulang sebagai non_kapitasi atau kapitasi."
        )
        return [Finding(self.code, Severity.DIKEMBALIKAN, "pengajuan.jenis_klaim", message)]
