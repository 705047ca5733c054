"""TR02: the tariff line billed does not fit the examiner, the team or the facility."""

from bimtek.claim import Claim
from bimtek.fmt import tanggal
from bimtek.rules.base import Dasar, Finding, Rule, Severity
from bimtek.tariff import stay_days

_DOCTOR_ANC = {"anc_dokter", "anc_dokter_usg"}
_PONED_DAYS = {"persalinan_poned_2hari": 2, "persalinan_poned_3hari": 3}
_PONED = set(_PONED_DAYS) | {"pasca_persalinan_poned"}
_DELIVERY = {"persalinan_tim_dokter", "persalinan_tanpa_dokter"}


class TR02(Rule):
    """The line billed must match who served and where: the tariff depends on the examiner and the team.

    **Anti-pattern**: ANC examined by a bidan billed as anc_dokter; a delivery without a doctor billed as
    persalinan_tim_dokter; a PONED package at a Puskesmas that is not PONED, or the 3-day package for a stay whose
    admission and discharge dates span 2 days (the self-declared hari_poned is not evidence).
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
        if layanan in _PONED_DAYS and f.poned:  # days matter only where the package may be billed at all
            out += self._poned_days(claim, layanan, _PONED_DAYS[layanan])
        elif layanan in _DELIVERY and claim.kunjungan.tgl_pulang is None:
            out.append(
                self.finding(
                    "kunjungan.tgl_pulang",
                    f"Persalinan '{layanan}' adalah klaim rawat inap tingkat pertama, tetapi tanggal pulang kosong.",
                )
            )
        return out

    def _poned_days(self, claim: Claim, layanan: str, package: int) -> list[Finding]:
        """The PONED package's days come from the stay's own dates, not from the self-declared hari_poned."""
        k, declared = claim.kunjungan, claim.pengajuan.hari_poned
        days = stay_days(claim)
        if days is None:
            return [
                self.finding(
                    "kunjungan.tgl_pulang",
                    f"Paket '{layanan}' untuk {package} hari, tetapi tanggal pulang kosong; lama perawatan tidak dapat "
                    "dibuktikan dari tanggal.",
                )
            ]
        out = []
        if days != package:
            out.append(
                self.finding(
                    "pengajuan.layanan",
                    f"Paket '{layanan}' untuk {package} hari, tetapi dirawat {tanggal(k.tgl_daftar)} s.d. "
                    f"{tanggal(k.tgl_pulang)} = {days} hari.",
                )
            )
        if declared is not None and declared != days:
            out.append(
                self.finding(
                    "pengajuan.hari_poned",
                    f"Hari PONED tercatat '{declared}', padahal tanggal perawatan menunjukkan {days} hari.",
                )
            )
        return out
