"""TR02: the tariff line billed does not fit the examiner, the team or the facility."""

from bimtek.claim import Claim
from bimtek.rules.base import Dasar, Finding, Rule, Severity

_DOCTOR_ANC = {"anc_dokter", "anc_dokter_usg"}
_PONED_DAYS = {"persalinan_poned_2hari": 2, "persalinan_poned_3hari": 3}
_PONED = set(_PONED_DAYS) | {"pasca_persalinan_poned"}


class TR02(Rule):
    """The line billed must match who served and where: the tariff depends on the examiner and the team.

    **Anti-pattern**: ANC examined by a bidan billed as anc_dokter; a delivery without a doctor billed as
    persalinan_tim_dokter; a PONED package at a Puskesmas that is not PONED, or 3 PONED days for a 2-day stay.
    **Best practice**: choose the line from the record: examiner for ANC, team composition for delivery,
    PONED status and days for emergency delivery care.
    """

    code = "TR02"
    title = "Baris tarif tidak sesuai pemeriksa, tim atau fasilitas"
    severity = Severity.DIKEMBALIKAN
    dasar = Dasar.REGULASI
    regulation = (
        "Permenkes Nomor 3 Tahun 2023 Pasal 19 ayat (2) (tarif ANC menurut pemeriksa) dan Pasal 20 ayat "
        "(1)-(3) (tarif persalinan menurut komposisi tim; paket PONED 2 atau 3 hari di Puskesmas PONED yang "
        "ditetapkan Pemda)"
    )
    rationale = "Tarif ANC bergantung pada pemeriksa dan tarif persalinan pada komposisi tim; baris yang salah berarti menagih lebih."
    fix_hint = (
        "Pilih baris tarif sesuai rekam medis: pemeriksa ANC, komposisi tim persalinan, status dan lama hari PONED."
    )

    def check(self, claim: Claim) -> list[Finding]:
        p = claim.pengajuan
        layanan = p.layanan
        f = claim.fasilitas
        out: list[Finding] = []
        line = self.ref.tariff(layanan, claim.kunjungan.tgl_daftar)
        if line is not None and line.jenis_tarif in ("tetap", "maksimal") and line.amount_for(f.jenis) is None:
            out.append(
                self.finding(
                    "pengajuan.layanan", f"Baris tarif '{layanan}' tidak tersedia untuk fasilitas jenis '{f.jenis}'."
                )
            )
        pemeriksa = claim.kunjungan.pemeriksa
        if layanan in _DOCTOR_ANC and pemeriksa != "dokter":
            out.append(
                self.finding(
                    "pengajuan.layanan",
                    f"ANC diperiksa oleh '{pemeriksa}' tetapi ditagih dengan baris dokter '{layanan}'; seharusnya anc_bidan.",
                )
            )
        if layanan == "persalinan_tim_dokter":
            tim = p.tim_persalinan
            if tim is None:
                out.append(
                    self.finding(
                        "pengajuan.tim_persalinan",
                        "Komposisi tim persalinan tidak diisi untuk tarif tim dengan dokter.",
                    )
                )
            elif not tim.ada_dokter:
                out.append(
                    self.finding(
                        "pengajuan.layanan",
                        "Persalinan tanpa dokter dalam tim ditagih dengan tarif tim dengan dokter; seharusnya persalinan_tanpa_dokter.",
                    )
                )
        if layanan in _PONED and not f.poned:
            out.append(
                self.finding(
                    "pengajuan.layanan", f"Paket PONED '{layanan}' diklaim oleh '{f.nama}' yang bukan Puskesmas PONED."
                )
            )
        if layanan in _PONED_DAYS and p.hari_poned != _PONED_DAYS[layanan]:
            recorded = "tidak diisi" if p.hari_poned is None else f"tercatat '{p.hari_poned}'"
            out.append(
                self.finding(
                    "pengajuan.hari_poned",
                    f"Paket '{layanan}' untuk {_PONED_DAYS[layanan]} hari, tetapi hari PONED {recorded}.",
                )
            )
        return out
