"""PL02: the Prolanis attendance list is missing, incomplete or signed by staff for the participants."""

from bimtek.claim import Claim
from bimtek.rules.base import Dasar, Finding, Rule, Severity
from bimtek.rules.prolanis import BASIS, LAYANAN, activity


class PL02(Rule):
    """The attendance list names each participant with JKN number and phone, signed by the participant.

    **Anti-pattern**: a daftar hadir whose signatures were written by the Prolanis officer; names without card
    numbers.
    **Best practice**: participants sign or thumbprint the list themselves at the activity; staff never sign
    for them.
    """

    code = "PL02"
    title = "Daftar hadir Prolanis tidak lengkap atau ditandatangani petugas"
    severity = Severity.DIKEMBALIKAN
    applies_to = frozenset({LAYANAN})
    dasar = Dasar.PRAKTIK
    regulation = BASIS
    rationale = (
        "Tanda tangan atau cap jempol peserta sendiri membuktikan kehadiran; tanda tangan yang dibuat petugas "
        "atas nama peserta tidak sah."
    )
    fix_hint = (
        "Lampirkan daftar hadir asli dengan nama, nomor kartu JKN, nomor telepon dan tanda tangan/cap jempol "
        "peserta sendiri; jangan menandatangani atas nama peserta."
    )
    uncertain = True

    def check(self, claim: Claim) -> list[Finding]:
        k = activity(claim)
        if k is None:
            return []
        if not k.daftar_hadir:
            return [self.finding("kegiatan_prolanis.daftar_hadir", "Daftar hadir kegiatan Prolanis kosong.")]
        out = []
        by_staff = [p.nama for p in k.daftar_hadir if p.tanda_tangan == "petugas"]
        unsigned = [p.nama for p in k.daftar_hadir if p.tanda_tangan == "tidak_ada"]
        no_card = [p.nama for p in k.daftar_hadir if not p.no_kartu.strip()]
        no_phone = [p.nama for p in k.daftar_hadir if not p.no_hp.strip()]
        if by_staff:
            out.append(
                self.finding(
                    "kegiatan_prolanis.daftar_hadir",
                    f"Daftar hadir ditandatangani petugas atas nama peserta: {', '.join(by_staff)}.",
                )
            )
        if unsigned:
            out.append(
                self.finding(
                    "kegiatan_prolanis.daftar_hadir", f"Peserta tanpa tanda tangan/cap jempol: {', '.join(unsigned)}."
                )
            )
        if no_card or no_phone:
            missing = [f"nomor kartu JKN ({', '.join(no_card)})"] if no_card else []
            missing += [f"nomor telepon ({', '.join(no_phone)})"] if no_phone else []
            out.append(self.finding("kegiatan_prolanis.daftar_hadir", f"Daftar hadir tanpa {' dan '.join(missing)}."))
        return out
