"""The simulated claim: a P-Care kunjungan, the claim file behind it and its submission to BPJS.

Field names follow P-Care's vocabulary in snake_case (kdTkp -> kd_tkp, kdSadar -> kd_sadar). The model is
deliberately permissive about *values* (an empty keluhan, an unknown kd_poli, a 12-digit card number are all
representable) because spotting those is what the rules teach; it is strict about *shape*: unknown keys and
wrong types are rejected, so a typo in a scenario never silently disappears.

It is also the one place where input is normalised (bimtek/normalise.py), for every reader alike: ICD-10 codes,
code-list and service values, lab names and units, therapy routes and drug classes, document types. Rules rely
on it and never trim, case-fold or convert again.
"""

from __future__ import annotations

import contextlib
import datetime as dt
from enum import StrEnum
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from bimtek import normalise


class _Model(BaseModel):
    # Text is trimmed by pydantic itself (cheap, in its core): ' 0114P001 ' is 0114P001, ' 01 ' is 01.
    model_config = ConfigDict(extra="forbid", validate_assignment=False, str_strip_whitespace=True)


def _enum_text(value: Any) -> Any:
    """An enum value given in any case or with spaces/hyphens (`Non-Kapitasi` -> `non_kapitasi`)."""
    return normalise.slug(value) if isinstance(value, str) else value


class JenisFaskes(StrEnum):
    """Facility type, as the tariff tables of Permenkes 3/2023 distinguish them."""

    PUSKESMAS = "puskesmas"
    KLINIK_PRATAMA = "klinik_pratama"
    RS_D_PRATAMA = "rs_d_pratama"
    PRAKTIK_DOKTER = "praktik_dokter"
    PRAKTIK_DOKTER_GIGI = "praktik_dokter_gigi"
    PRAKTIK_BIDAN = "praktik_bidan"


class JenisKlaim(StrEnum):
    """The four claim types of the source article."""

    KAPITASI = "kapitasi"
    NON_KAPITASI = "non_kapitasi"
    PROGRAM_KHUSUS = "program_khusus"
    BENCANA_KLB = "bencana_klb"


class Pemeriksa(StrEnum):
    """Who examined the patient; ANC tariffs depend on it (Permenkes 3/2023 Ps 19(2))."""

    DOKTER = "dokter"
    BIDAN = "bidan"
    PERAWAT = "perawat"
    DOKTER_GIGI = "dokter_gigi"


class MetodeKb(StrEnum):
    """Injectable contraceptive method: the interval between injections follows it (WHO/BKKBN guidance)."""

    SUNTIK_1_BULAN = "suntik_1_bulan"  # every 4 weeks (28-30 days)
    SUNTIK_3_BULAN = "suntik_3_bulan"  # DMPA, every 12-13 weeks


class Rahang(StrEnum):
    ATAS = "atas"
    BAWAH = "bawah"
    KEDUANYA = "keduanya"


class Fasilitas(_Model):
    kode: str = Field(description="Kode PPK fasilitas (8 karakter, mis. 0114A026).")
    nama: str = Field(description="Nama fasilitas.")
    jenis: JenisFaskes = Field(description="Jenis fasilitas, menentukan tabel tarif.")
    poned: bool = Field(default=False, description="Puskesmas PONED yang ditetapkan Pemda (Ps 20(3)).")
    tarif_rawat_inap_per_hari: int | None = Field(
        default=None, description="Tarif paket rawat inap tingkat pertama per hari sesuai PKS (Rupiah)."
    )
    kode_induk: str | None = Field(
        default=None, description="Kode PPK FKTP induk, untuk bidan jejaring (klaim lewat induk)."
    )
    tarif_ambulans_pemda: int | None = Field(
        default=None,
        description="Tarif ambulans per rujukan yang ditetapkan pemerintah daerah setempat (Rupiah), dinyatakan fasilitas.",
    )

    _jenis = field_validator("jenis", mode="before")(_enum_text)


class Peserta(_Model):
    no_kartu: str = Field(description="Nomor kartu JKN, 13 digit.")
    nama: str = Field(description="Nama peserta.")
    aktif: bool | None = Field(
        description=(
            "Status kepesertaan aktif pada tanggal layanan (aktif/ketAktif dari data peserta P-Care); null bila tidak "
            "diketahui, dan itu sendiri temuan (PS03)."
        )
    )
    tgl_akhir_berlaku: dt.date | None = Field(default=None, description="tglAkhirBerlaku kartu.")
    kd_provider_peserta: str | None = Field(default=None, description="Kode FKTP terdaftar peserta.")
    jenis_kelamin: str | None = Field(default=None, description="L atau P.")
    tgl_lahir: dt.date | None = Field(default=None, description="Tanggal lahir.")

    @field_validator("jenis_kelamin", mode="before")
    @classmethod
    def _sex(cls, value: Any) -> Any:
        return value.strip().upper() if isinstance(value, str) else value


class TandaVital(_Model):
    sistole: int | None = Field(default=None, description="Tekanan darah sistolik (mmHg).")
    diastole: int | None = Field(default=None, description="Tekanan darah diastolik (mmHg).")
    berat_badan: float | None = Field(default=None, description="Berat badan (kg).")
    tinggi_badan: float | None = Field(default=None, description="Tinggi badan (cm).")
    resp_rate: int | None = Field(default=None, description="Frekuensi napas (/menit).")
    heart_rate: int | None = Field(default=None, description="Denyut nadi (/menit).")
    suhu: float | None = Field(default=None, description="Suhu tubuh (derajat C).")
    lingkar_perut: float | None = Field(default=None, description="Lingkar perut (cm).")


class Tindakan(_Model):
    kd_tindakan: str = Field(description="Kode tindakan P-Care (kdTindakan).")
    nama: str = Field(default="", description="Nama tindakan.")
    biaya: int = Field(default=0, description="Biaya yang dicatat (Rupiah).")


class Terapi(_Model):
    nama: str = Field(description="Nama obat atau terapi.")
    rute: str = Field(
        default="oral",
        description=(
            "oral, injeksi, infus, topikal, inhalasi, rektal, sublingual, tetes, vaginal, lainnya; sinonim dibaca "
            "(IM, IV, SC, suntik -> injeksi; drip, IVFD -> infus)."
        ),
    )
    golongan: str | None = Field(
        default=None,
        description=(
            "Golongan obat, mis. vitamin, zat_besi, antibiotik, analgetik, kontrasepsi, vaksin_program, "
            "oat_program, arv_program, antimalaria_program."
        ),
    )
    biaya: int = Field(
        default=0, description="Biaya obat/alat ini yang ditagihkan ke BPJS di luar tarif layanan (Rupiah); 0 = tidak."
    )

    @field_validator("rute", mode="before")
    @classmethod
    def _route(cls, value: Any) -> Any:
        return normalise.route(value) if isinstance(value, str) else value

    @field_validator("golongan", mode="before")
    @classmethod
    def _class(cls, value: Any) -> Any:
        return normalise.drug_class(value) or None if isinstance(value, str) else value


class Rujukan(_Model):
    kd_ppk: str = Field(description="Kode PPK tujuan rujukan (kdppk).")
    tgl_est_rujuk: dt.date | None = Field(default=None, description="Tanggal estimasi rujukan.")
    spesialis: str | None = Field(default=None, description="Spesialis/subspesialis tujuan.")
    kd_tacc: int = Field(default=-1, description="TACC: -1 tanpa, 1 Time, 2 Age, 3 Complication, 4 Comorbidity.")
    alasan_tacc: str | None = Field(default=None, description="Alasan TACC.")


class Kunjungan(_Model):
    no_kunjungan: str | None = Field(default=None, description="noKunjungan P-Care; kosong = belum dientri.")
    tgl_daftar: dt.date = Field(description="Tanggal pendaftaran/pelayanan (tglDaftar).")
    tgl_pulang: dt.date | None = Field(default=None, description="Tanggal pulang (rawat inap).")
    tgl_entri: dt.date | None = Field(default=None, description="Tanggal data kunjungan dientri ke P-Care.")
    kd_tkp: str = Field(description="Tempat kunjungan: 10 RJTP, 20 RITP, 50 promotif.")
    kd_poli: str = Field(description="Kode poli FKTP (001 Umum, 002 Gigi, 003 KIA, 008 KB).")
    kunjungan_sakit: bool = Field(default=True, description="kunjSakit: true kunjungan sakit.")
    keluhan: str = Field(default="", description="Keluhan utama.")
    anamnesa: str = Field(default="", description="Anamnesa.")
    kd_sadar: str | None = Field(default=None, description="Kesadaran: 01 Compos mentis ... 04 Coma.")
    vital: TandaVital = Field(default_factory=TandaVital, description="Tanda vital.")
    diagnosa: list[str] = Field(default_factory=list, max_length=3, description="kdDiag1..3, ICD-10.")
    tindakan: list[Tindakan] = Field(default_factory=list, description="Tindakan yang diberikan.")
    terapi: list[Terapi] = Field(default_factory=list, description="Terapi obat/non-obat.")
    kd_status_pulang: str | None = Field(default=None, description="Status pulang (kdStatusPulang).")
    kd_dokter: str | None = Field(default=None, description="Kode dokter P-Care (kdDokter).")
    nama_dokter: str | None = Field(default=None, description="Nama dokter pemeriksa.")
    pemeriksa: Pemeriksa = Field(default=Pemeriksa.DOKTER, description="Tenaga yang memeriksa.")
    kd_prognosa: str | None = Field(default=None, description="Prognosa 01-05.")
    rujukan: Rujukan | None = Field(default=None, description="Rujukan lanjut, bila dirujuk.")

    _pemeriksa = field_validator("pemeriksa", mode="before")(_enum_text)

    @field_validator("diagnosa", mode="before")
    @classmethod
    def _icd10(cls, value: Any) -> Any:
        """ICD-10 codes trimmed, upper-cased, dot restored (`a910` -> `A91.0`)."""
        if isinstance(value, list):
            return [normalise.icd10(v) if isinstance(v, str) else v for v in value]
        return value


class HasilLab(_Model):
    jenis: str = Field(
        description=(
            "Pemeriksaan: trombosit, hematokrit, hemoglobin, gds, ... (sinonim dibaca: PLT, HCT, Hb); juga temuan "
            "penunjang efusi_pleura dan asites (nilai 1 = ditemukan)."
        )
    )
    nilai: float = Field(description="Nilai hasil; untuk temuan: 1 (positif/ditemukan) atau 0.")
    satuan: str = Field(
        default="",
        description="Satuan, mis. /uL, 10^3/uL, %, g/dL; nilai diubah ke satuan baku (90 10^3/uL = 90000 /µL).",
    )
    tanggal: dt.date = Field(description="Tanggal pemeriksaan.")

    @model_validator(mode="before")
    @classmethod
    def _canonical(cls, data: Any) -> Any:
        """Synonym to canonical name; value converted to the canonical unit when the unit is known (else kept)."""
        if not isinstance(data, dict):
            return data
        jenis, satuan = data.get("jenis"), data.get("satuan", "")
        if not isinstance(jenis, str) or not isinstance(satuan, str):
            return data  # pydantic reports the wrong type
        name, unit, factor, qualitative = normalise.lab_reading(jenis, satuan)
        nilai = data.get("nilai")
        if isinstance(nilai, str):
            nilai = normalise.qualitative_value(nilai) if qualitative else nilai
            with contextlib.suppress(ValueError):
                nilai = float(nilai) if isinstance(nilai, str) else nilai
        if factor != 1.0 and isinstance(nilai, int | float) and not isinstance(nilai, bool):
            nilai = round(nilai * factor, 6)  # anything else is not a number: pydantic reports it on the field
        out = {**data, "jenis": name, "satuan": unit}
        if "nilai" in data:
            out["nilai"] = nilai
        return out


class Dokumen(_Model):
    jenis: str = Field(
        description=(
            "Jenis dokumen: resume_medis, bukti_pelayanan, partograf, surat_keterangan_lahir, kia, consent, "
            "buku_kb, surat_rujukan, sk_klb, cetakan_pcare; di berkas_pengajuan: fpk, rekapitulasi, kuitansi, sptjm."
        )
    )
    ditandatangani: bool = Field(default=False, description="Ditandatangani oleh pihak yang berwenang.")
    bermeterai: bool = Field(default=False, description="Dibubuhi meterai (kuitansi asli, SPTJM).")
    keterangan: str = Field(default="", description="Keterangan bebas.")

    @field_validator("jenis", mode="before")
    @classmethod
    def _type(cls, value: Any) -> Any:
        return normalise.document_type(value) if isinstance(value, str) else value


class BerkasPengajuan(_Model):
    """The general file of one submission (Peraturan BPJS Kesehatan 7/2018 Ps 12): FPK, rekapitulasi pelayanan,
    kuitansi asli bermeterai and SPTJM bermeterai, made once per monthly submission and covering all its claims."""

    no_pengajuan: str = Field(default="", description="Nomor/identitas pengajuan, mis. 'NK-2026-10'.")
    dokumen: list[Dokumen] = Field(
        default_factory=list, description="Dokumen umum pengajuan: fpk, rekapitulasi, kuitansi, sptjm."
    )

    def document(self, jenis: str) -> Dokumen | None:
        return next((d for d in self.dokumen if d.jenis == jenis), None)


class TimPersalinan(_Model):
    ada_dokter: bool = Field(description="Tim persalinan termasuk dokter (Ps 20(1)a).")
    jumlah_nakes: int = Field(description="Jumlah tenaga kesehatan dalam tim.")


class RiwayatKlaim(_Model):
    layanan: str = Field(description="Layanan yang pernah diklaim.")
    tgl_layanan: dt.date = Field(description="Tanggal layanan.")
    tgl_pulang: dt.date | None = Field(default=None, description="Tanggal pulang, untuk layanan rawat inap/persalinan.")
    kunjungan_ke: int | None = Field(default=None, description="Kunjungan ke- (ANC/PNC).")
    no_klaim: str = Field(default="", description="Nomor klaim sebelumnya.")
    rahang: Rahang | None = Field(default=None, description="Rahang protesa gigi: atas, bawah, keduanya.")
    foto_sha256: list[str] = Field(
        default_factory=list, description="Sidik foto kegiatan Prolanis yang sudah dipakai klaim ini."
    )

    _layanan = field_validator("layanan", mode="before")(_enum_text)


class Pengajuan(_Model):
    no_klaim: str = Field(default="", description="Nomor klaim internal fasilitas.")
    jenis_klaim: JenisKlaim = Field(description="kapitasi, non_kapitasi, program_khusus, bencana_klb.")
    layanan: str = Field(description="Baris tarif yang diklaim (lihat tarif.yaml), mis. anc, persalinan.")
    tgl_pengajuan: dt.date = Field(description="Tanggal klaim dikirim ke BPJS.")
    lama_rawat_hari: int | None = Field(default=None, description="Lama rawat (hari) untuk rawat inap.")
    jumlah_diajukan: int = Field(default=0, description="Jumlah yang diajukan (Rupiah).")
    kunjungan_ke: int | None = Field(default=None, description="Kunjungan ke- untuk ANC/PNC.")
    tim_persalinan: TimPersalinan | None = Field(default=None, description="Komposisi tim persalinan.")
    hari_poned: int | None = Field(
        default=None, description="Hari PONED yang dinyatakan (2 atau 3); yang menentukan adalah tanggal perawatan."
    )
    metode_kb: MetodeKb | None = Field(
        default=None, description="Metode KB suntik: suntik_1_bulan atau suntik_3_bulan (menentukan interval)."
    )
    rahang: Rahang | None = Field(default=None, description="Rahang protesa gigi: atas, bawah, keduanya.")
    tarif_fasilitas: int | None = Field(
        default=None,
        description=(
            "Tarif fasilitas sendiri untuk layanan ini (Perkada/tarif BLUD, Rupiah): piutang diakui sebesar ini, "
            "klaim tetap ditagihkan sebesar paket BPJS; selisihnya dicatat saat dibayar."
        ),
    )

    _enums = field_validator("jenis_klaim", "layanan", mode="before")(_enum_text)


class PesertaHadir(_Model):
    nama: str = Field(description="Nama peserta Prolanis yang hadir.")
    no_kartu: str = Field(default="", description="Nomor kartu JKN peserta.")
    no_hp: str = Field(default="", description="Nomor telepon peserta.")
    tanda_tangan: Literal["sendiri", "petugas", "tidak_ada"] = Field(
        default="sendiri",
        description="Siapa yang menandatangani/cap jempol: sendiri (peserta), petugas (tidak sah), tidak_ada.",
    )


class FotoKegiatan(_Model):
    berkas: str = Field(default="", description="Nama berkas foto.")
    sha256: str = Field(description="Sidik isi foto (SHA-256 dari berkasnya); foto yang sama = sidik yang sama.")
    berwarna: bool = Field(default=True, description="Foto berwarna.")


class KegiatanProlanis(_Model):
    """One Prolanis group activity (klub DM/HT: senam, penyuluhan) claimed with its evidence."""

    klub: Literal["01", "02"] = Field(description="Kelompok Prolanis: 01 Diabetes Melitus, 02 Hipertensi.")
    jenis_kegiatan: Literal["01", "10", "11"] = Field(description="01 senam, 10 penyuluhan, 11 senam dan penyuluhan.")
    tanggal: dt.date = Field(description="Tanggal kegiatan.")
    proposal: bool = Field(default=False, description="Proposal kegiatan ada.")
    lpj: bool = Field(default=False, description="Laporan pertanggungjawaban (LPJ) kegiatan ada.")
    daftar_hadir: list[PesertaHadir] = Field(default_factory=list, description="Daftar hadir peserta.")
    foto: list[FotoKegiatan] = Field(default_factory=list, description="Foto kegiatan (paling sedikit 4 berwarna).")
    biaya_konsumsi: int = Field(default=0, description="Biaya konsumsi yang diklaim (Rupiah).")
    biaya_honor: int = Field(default=0, description="Honor narasumber/instruktur yang diklaim (Rupiah).")
    kuitansi_honor: bool = Field(default=False, description="Kuitansi honor ada.")
    pph_honor_dipotong: bool = Field(default=False, description="PPh 3% atas honor dipotong pada kuitansi.")

    def signed_attendees(self) -> int:
        return sum(1 for p in self.daftar_hadir if p.tanda_tangan == "sendiri")


class StatusDarurat(_Model):
    """A declared outbreak (KLB) or disaster emergency: care for it is outside the JKN benefit (Perpres 82/2018
    Ps 52(1) o) and paid by the government on the basis of the declaration."""

    jenis: Literal["klb", "bencana"] = Field(description="klb (kejadian luar biasa/wabah) atau bencana.")
    penetapan: str = Field(
        description="Penetapan yang menjadi dasar, mis. 'SK Bupati Gunungkidul No. 123/2026 penetapan KLB DBD'."
    )
    mulai: dt.date = Field(description="Awal masa KLB/tanggap darurat.")
    selesai: dt.date | None = Field(default=None, description="Akhir masa KLB/tanggap darurat; kosong = masih berlaku.")
    wilayah: str = Field(default="", description="Wilayah yang ditetapkan.")
    diagnosa_terkait: list[str] = Field(
        default_factory=list,
        description="Awalan ICD-10 penyakit KLB (mis. A90, A91); kosong = semua layanan akibat bencana.",
    )

    def covers(self, day: dt.date, diagnoses: list[str]) -> bool:
        """The service on `day` with these diagnoses falls under the declaration."""
        in_period = self.mulai <= day and (self.selesai is None or day <= self.selesai)
        related = not self.diagnosa_terkait or any(
            d.strip().upper().startswith(p.strip().upper()) for d in diagnoses for p in self.diagnosa_terkait
        )
        return in_period and related


class KonteksLayanan(_Model):
    """Circumstances of the service that decide who pays, whatever the claim itself says."""

    status_darurat: StatusDarurat | None = Field(
        default=None, description="Penetapan KLB/tanggap darurat bencana yang berlaku di wilayah fasilitas."
    )
    bakti_sosial: bool = Field(default=False, description="Layanan diberikan dalam kegiatan bakti sosial.")
    program_lain: str | None = Field(
        default=None, description="Program lain yang sudah membiayai layanan ini, mis. 'imunisasi program'."
    )


class Claim(_Model):
    """One claim as a BPJS verifier sees it."""

    fasilitas: Fasilitas
    peserta: Peserta
    kunjungan: Kunjungan
    lab: list[HasilLab] = Field(default_factory=list, description="Hasil penunjang yang dilampirkan.")
    dokumen: list[Dokumen] = Field(
        default_factory=list, description="Dokumen berkas klaim ini (bukti pelayanan dan lampiran per jenis)."
    )
    berkas_pengajuan: BerkasPengajuan | None = Field(
        default=None,
        description=(
            "Berkas umum pengajuan tempat klaim ini dikirim (FPK, rekapitulasi, kuitansi, SPTJM). Dalam batch "
            "cukup diisi sekali (klaim mana pun); berlaku untuk semua klaim batch itu."
        ),
    )
    pengajuan: Pengajuan
    riwayat_klaim: list[RiwayatKlaim] = Field(
        default_factory=list, description="Klaim peserta yang sudah dibayar sebelumnya (untuk cek ganda)."
    )
    konteks: KonteksLayanan = Field(
        default_factory=KonteksLayanan, description="Keadaan layanan yang menentukan siapa yang membayar."
    )
    kegiatan_prolanis: KegiatanProlanis | None = Field(
        default=None, description="Kegiatan kelompok Prolanis yang diklaim (layanan prolanis_kelompok)."
    )

    def service_end(self) -> dt.date:
        """Last day of the service: discharge for rawat inap, otherwise the visit date."""
        return self.kunjungan.tgl_pulang or self.kunjungan.tgl_daftar

    def document(self, jenis: str) -> Dokumen | None:
        for doc in self.dokumen:
            if doc.jenis == jenis:
                return doc
        return None


def claim_json_schema() -> dict[str, Any]:
    """The authoring reference for trainers: `python -m bimtek schema`."""
    schema = Claim.model_json_schema()
    schema["title"] = "Klaim BPJS FKTP (simulasi)"
    return schema


def get_path(data: Any, path: str) -> Any:
    """Value at a dotted path of a dumped claim ('kunjungan.vital.sistole', 'kunjungan.diagnosa.0')."""
    node = data
    for part in path.split("."):
        if isinstance(node, list):
            index = int(part)
            node = node[index] if index < len(node) else None
        elif isinstance(node, dict):
            node = node.get(part)
        else:
            return None
    return node


def patch_claim(claim: Claim, changes: dict[str, Any]) -> Claim:
    """A new claim with each dotted path set to its value; validated like any claim (raises ValidationError)."""
    data = claim.model_dump(mode="json")
    for path, value in changes.items():
        parts = path.split(".")
        node = data
        for part in parts[:-1]:
            if node.get(part) is None:
                node[part] = {}
            node = node[part]
        node[parts[-1]] = value
    return Claim.model_validate(data)
