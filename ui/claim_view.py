"""Renders a claim the way a P-Care screen shows it: Fasilitas, Peserta, Kunjungan, Lampiran, Dokumen, Pengajuan."""

from __future__ import annotations

from collections.abc import Sequence
from html import escape

import streamlit as st

from bimtek.claim import Claim, TandaVital
from bimtek.fmt import rupiah, tanggal
from bimtek.privacy import mask_card
from ui.labels import JENIS_KLAIM, angka, code_label, dokumen_label, icd10_label, layanan_label, status_pulang_label

EMPTY = '<span class="empty">(kosong)</span>'


def _cell(value: object) -> str:
    text = "" if value is None else str(value)
    return escape(text).replace("\n", "<br>") if text.strip() else EMPTY


def panel(title: str, rows: Sequence[tuple[str, object]]) -> str:
    """One P-Care panel as HTML: a header bar and label/value rows (values are escaped)."""
    body = "".join(f'<tr><td class="k">{escape(k)}</td><td>{_cell(v)}</td></tr>' for k, v in rows)
    return f'<div class="pcare"><div class="pcare-head">{escape(title)}</div><table>{body}</table></div>'


def table_panel(title: str, header: list[str], rows: Sequence[Sequence[object]], empty: str) -> str:
    if not rows:
        return f'<div class="pcare"><div class="pcare-head">{escape(title)}</div><table><tr><td class="empty">{escape(empty)}</td></tr></table></div>'
    head = "".join(f"<th>{escape(h)}</th>" for h in header)
    body = "".join("<tr>" + "".join(f"<td>{_cell(v)}</td>" for v in row) + "</tr>" for row in rows)
    return f'<div class="pcare"><div class="pcare-head">{escape(title)}</div><table><tr>{head}</tr>{body}</table></div>'


def _yes_no(value: bool) -> str:
    return "Ya" if value else "Tidak"


def _vitals(v: TandaVital) -> list[tuple[str, object]]:
    td = f"{angka(v.sistole)}/{angka(v.diastole)} mmHg" if v.sistole or v.diastole else None
    unit = [
        ("Berat badan", v.berat_badan, "kg"),
        ("Tinggi badan", v.tinggi_badan, "cm"),
        ("Frekuensi napas", v.resp_rate, "/menit"),
        ("Denyut nadi", v.heart_rate, "/menit"),
        ("Suhu", v.suhu, "°C"),
        ("Lingkar perut", v.lingkar_perut, "cm"),
    ]
    return [("Tekanan darah", td), *[(k, f"{angka(x)} {u}" if x is not None else None) for k, x, u in unit]]


def _fasilitas_peserta(claim: Claim) -> str:
    f, p = claim.fasilitas, claim.peserta
    fasilitas = [
        ("Kode PPK", f.kode),
        ("Nama", f.nama),
        ("Jenis", f.jenis.value.replace("_", " ").title()),
        ("PONED", _yes_no(f.poned)),
        (
            "Tarif rawat inap per hari (PKS)",
            rupiah(f.tarif_rawat_inap_per_hari) if f.tarif_rawat_inap_per_hari else None,
        ),
        ("FKTP induk", f.kode_induk),
    ]
    peserta = [
        ("No. kartu JKN", mask_card(p.no_kartu)),  # masked, length kept: a 10-digit card still shows 10
        ("Nama", p.nama),
        ("Status", "TIDAK DIKETAHUI" if p.aktif is None else "AKTIF" if p.aktif else "TIDAK AKTIF"),
        ("Tgl akhir berlaku", tanggal(p.tgl_akhir_berlaku) if p.tgl_akhir_berlaku else None),
        ("FKTP terdaftar", p.kd_provider_peserta),
        ("Jenis kelamin", p.jenis_kelamin),
        ("Tgl lahir", tanggal(p.tgl_lahir) if p.tgl_lahir else None),
    ]
    return panel("Fasilitas", fasilitas) + panel("Peserta", peserta)


def _kunjungan(claim: Claim) -> str:
    k = claim.kunjungan
    rujukan = None
    if k.rujukan is not None:
        r = k.rujukan
        rujukan = (
            f"PPK {r.kd_ppk}; spesialis: {r.spesialis or '-'}; TACC: {code_label('kd_tacc', str(r.kd_tacc))}; "
            f"alasan: {r.alasan_tacc or '-'}; estimasi: {tanggal(r.tgl_est_rujuk) if r.tgl_est_rujuk else '-'}"
        )
    rows: list[tuple[str, object]] = [
        ("No. kunjungan", k.no_kunjungan),
        ("Tgl daftar", tanggal(k.tgl_daftar)),
        ("Tgl pulang", tanggal(k.tgl_pulang) if k.tgl_pulang else None),
        ("Tgl entri P-Care", tanggal(k.tgl_entri) if k.tgl_entri else None),
        ("TKP", code_label("kd_tkp", k.kd_tkp)),
        ("Poli", code_label("kd_poli", k.kd_poli)),
        ("Kunjungan sakit", _yes_no(k.kunjungan_sakit)),
        ("Keluhan", k.keluhan),
        ("Anamnesa", k.anamnesa),
        ("Kesadaran", code_label("kd_sadar", k.kd_sadar) if k.kd_sadar else None),
        *_vitals(k.vital),
        *[(f"Diagnosa {i + 1}", icd10_label(k.diagnosa[i]) if i < len(k.diagnosa) else None) for i in range(3)],
        ("Tindakan", "\n".join(f"{t.kd_tindakan} {t.nama} ({rupiah(t.biaya)})" for t in k.tindakan) or None),
        ("Terapi", "\n".join(f"{t.nama} ({t.rute}{_billed(t.biaya)})" for t in k.terapi) or None),
        ("Status pulang", status_pulang_label(k.kd_status_pulang, k.kd_tkp) if k.kd_status_pulang else None),
        ("Dokter", " — ".join(x for x in (k.kd_dokter, k.nama_dokter) if x) or None),
        ("Pemeriksa", k.pemeriksa.value.replace("_", " ")),
        ("Prognosa", code_label("kd_prognosa", k.kd_prognosa) if k.kd_prognosa else None),
        ("Rujukan", rujukan),
    ]
    return panel("Kunjungan", rows)


def _billed(amount: int) -> str:
    return f", ditagihkan {rupiah(amount)}" if amount else ""


def _context_and_activity(claim: Claim) -> str:
    """Who pays (declared KLB/disaster, bakti sosial, another programme) and a Prolanis activity's evidence."""
    html = ""
    c = claim.konteks
    s = c.status_darurat
    if s is not None or c.bakti_sosial or c.program_lain:
        rows: list[tuple[str, object]] = []
        if s is not None:
            end = tanggal(s.selesai) if s.selesai else "masih berlaku"
            rows += [
                ("Status", "KLB" if s.jenis == "klb" else "Tanggap darurat bencana"),
                ("Penetapan", s.penetapan),
                ("Masa berlaku", f"{tanggal(s.mulai)} s.d. {end}"),
                ("Wilayah", s.wilayah or None),
                ("Penyakit terkait", ", ".join(s.diagnosa_terkait) or "semua layanan akibat bencana"),
            ]
        rows += [("Bakti sosial", "Ya" if c.bakti_sosial else None), ("Program lain", c.program_lain)]
        html += panel("Konteks layanan", rows)
    k = claim.kegiatan_prolanis
    if k is not None:
        kinds = {"01": "senam", "10": "penyuluhan", "11": "senam dan penyuluhan"}
        signed = {"sendiri": "peserta sendiri", "petugas": "petugas", "tidak_ada": "tidak ada"}
        html += panel(
            "Kegiatan Prolanis",
            [
                ("Klub", "Diabetes Melitus" if k.klub == "01" else "Hipertensi"),
                ("Kegiatan", kinds[k.jenis_kegiatan]),
                ("Tanggal", tanggal(k.tanggal)),
                ("Proposal / LPJ", f"{'ada' if k.proposal else 'tidak ada'} / {'ada' if k.lpj else 'tidak ada'}"),
                ("Konsumsi", rupiah(k.biaya_konsumsi)),
                (
                    "Honor",
                    f"{rupiah(k.biaya_honor)} ({'kuitansi' if k.kuitansi_honor else 'tanpa kuitansi'}"
                    f"{', PPh 3% dipotong' if k.pph_honor_dipotong else ''})",
                ),
            ],
        )
        html += table_panel(
            "Daftar hadir",
            ["Nama", "No. kartu", "No. HP", "Tanda tangan"],
            [[p.nama, p.no_kartu, p.no_hp, signed[p.tanda_tangan]] for p in k.daftar_hadir],
            "Daftar hadir kosong",
        )
        html += table_panel(
            "Foto kegiatan",
            ["Berkas", "Berwarna", "SHA-256"],
            [[f.berkas, "Ya" if f.berwarna else "Tidak", f.sha256] for f in k.foto],
            "Tidak ada foto",
        )
    return html


def _attachments_and_submission(claim: Claim) -> str:
    labs = [[r.jenis, f"{angka(r.nilai)} {r.satuan}".strip(), tanggal(r.tanggal)] for r in claim.lab]
    docs = [[dokumen_label(d.jenis), "Ya" if d.ditandatangani else "Belum", d.keterangan] for d in claim.dokumen]
    general = claim.berkas_pengajuan.dokumen if claim.berkas_pengajuan else []
    submission = [
        [dokumen_label(d.jenis), "Ya" if d.ditandatangani else "Belum", "Ya" if d.bermeterai else "Tidak"]
        for d in general
    ]
    p = claim.pengajuan
    tim = None
    if p.tim_persalinan is not None:
        tim = f"{p.tim_persalinan.jumlah_nakes} nakes, {'dengan' if p.tim_persalinan.ada_dokter else 'tanpa'} dokter"
    pengajuan = [
        ("No. klaim", p.no_klaim),
        ("Jenis klaim", JENIS_KLAIM.get(p.jenis_klaim.value, p.jenis_klaim.value)),
        ("Layanan", layanan_label(p.layanan)),
        ("Tgl pengajuan", tanggal(p.tgl_pengajuan)),
        ("Lama rawat", f"{p.lama_rawat_hari} hari" if p.lama_rawat_hari is not None else None),
        ("Kunjungan ke-", p.kunjungan_ke),
        ("Tim persalinan", tim),
        ("Hari PONED", p.hari_poned),
        ("Metode KB", p.metode_kb.value.replace("_", " ") if p.metode_kb else None),
        ("Rahang protesa", p.rahang.value if p.rahang else None),
        ("Jumlah diajukan", rupiah(p.jumlah_diajukan)),
    ]
    riwayat = [[r.layanan, tanggal(r.tgl_layanan), r.kunjungan_ke or "", r.no_klaim] for r in claim.riwayat_klaim]
    html = (
        table_panel("Lampiran lab", ["Pemeriksaan", "Hasil", "Tanggal"], labs, "Tidak ada hasil lab terlampir")
        + table_panel("Dokumen", ["Dokumen", "Ditandatangani", "Keterangan"], docs, "Tidak ada dokumen")
        + table_panel(
            "Berkas pengajuan (untuk seluruh pengajuan bulan ini)",
            ["Dokumen", "Ditandatangani", "Bermeterai"],
            submission,
            "Berkas pengajuan tidak disertakan",
        )
        + panel("Pengajuan", pengajuan)
    )
    html += _context_and_activity(claim)
    if riwayat:
        html += table_panel(
            "Riwayat klaim peserta", ["Layanan", "Tgl layanan", "Kunjungan ke-", "No. klaim"], riwayat, ""
        )
    return html


def render_claim(claim: Claim) -> None:
    """The claim as submitted, read-only, in P-Care's sections."""
    st.markdown(_fasilitas_peserta(claim), unsafe_allow_html=True)
    st.markdown(_kunjungan(claim), unsafe_allow_html=True)
    st.markdown(_attachments_and_submission(claim), unsafe_allow_html=True)
