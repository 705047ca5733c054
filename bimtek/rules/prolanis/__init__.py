"""Prolanis group activities (klub DM/hipertensi): the evidence their claim needs, and what the rules share."""

from bimtek.claim import Claim, KegiatanProlanis

LAYANAN = "prolanis_kelompok"
BASIS = (
    "Belum ada aturan tertulis yang ditemukan; praktik umum verifikasi: Panduan Kelengkapan Berkas Klaim Kegiatan "
    "Prolanis (panduan kantor cabang BPJS Kesehatan, berlaku lokal: belum pasti); kegiatan Prolanis dapat diklaim "
    "menurut Peraturan BPJS Kesehatan Nomor 2 Tahun 2019"
)


def activity(claim: Claim) -> KegiatanProlanis | None:
    """The activity of a Prolanis group claim (None for any other claim, or when it is missing)."""
    if claim.pengajuan.layanan != LAYANAN or claim.pengajuan.jenis_klaim == "kapitasi":
        return None
    return claim.kegiatan_prolanis
