"""The batch file's columns (one claim per row) and how a cell becomes a claim value and back.

docs/batch-columns.md documents exactly these columns (a test holds the two together). Cells arrive as
text (CSV) or as typed values (XLSX); an empty cell means "not given" and the claim's default applies.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from dataclasses import dataclass
from typing import Any

from bimtek.claim import Claim, get_path
from bimtek.limits import FIRST_DATE, LAST_DATE, MAX_LIST_ITEMS, MAX_NUMBER_DIGITS
from bimtek.privacy import mask_card
from bimtek.text_safety import shown


class ColumnProblem(Exception):
    """A cell that cannot be read; str() is the Indonesian message naming the value and what was expected."""


@dataclass(frozen=True)
class Column:
    name: str
    path: str  # dotted path in the claim
    kind: str  # teks | kode | kartu | bulat | rupiah | angka | ya_tidak | tanggal | daftar | terapi | lab | dokumen
    required: bool = False
    width: int = 0  # zero-padded width of a code whose spreadsheet cell may hold a number (kd_poli 1 -> 001)


COLUMNS: tuple[Column, ...] = (
    Column("no_klaim", "pengajuan.no_klaim", "kode"),
    Column("kode_faskes", "fasilitas.kode", "kode", required=True),
    Column("nama_faskes", "fasilitas.nama", "teks", required=True),
    Column("jenis_faskes", "fasilitas.jenis", "teks", required=True),
    Column("poned", "fasilitas.poned", "ya_tidak"),
    Column("tarif_ranap_per_hari", "fasilitas.tarif_rawat_inap_per_hari", "rupiah"),
    Column("kode_induk", "fasilitas.kode_induk", "kode"),
    Column("no_kartu", "peserta.no_kartu", "kartu", required=True),
    Column("nama_peserta", "peserta.nama", "teks", required=True),
    Column("peserta_aktif", "peserta.aktif", "ya_tidak", required=True),
    Column("tgl_akhir_berlaku", "peserta.tgl_akhir_berlaku", "tanggal"),
    Column("no_kunjungan", "kunjungan.no_kunjungan", "kode"),
    Column("tgl_daftar", "kunjungan.tgl_daftar", "tanggal", required=True),
    Column("tgl_pulang", "kunjungan.tgl_pulang", "tanggal"),
    Column("tgl_entri", "kunjungan.tgl_entri", "tanggal"),
    Column("kd_tkp", "kunjungan.kd_tkp", "kode", required=True),
    Column("kd_poli", "kunjungan.kd_poli", "kode", required=True, width=3),
    Column("keluhan", "kunjungan.keluhan", "teks"),
    Column("anamnesa", "kunjungan.anamnesa", "teks"),
    Column("kd_sadar", "kunjungan.kd_sadar", "kode", width=2),
    Column("sistole", "kunjungan.vital.sistole", "bulat"),
    Column("diastole", "kunjungan.vital.diastole", "bulat"),
    Column("berat_badan", "kunjungan.vital.berat_badan", "angka"),
    Column("tinggi_badan", "kunjungan.vital.tinggi_badan", "angka"),
    Column("resp_rate", "kunjungan.vital.resp_rate", "bulat"),
    Column("heart_rate", "kunjungan.vital.heart_rate", "bulat"),
    Column("suhu", "kunjungan.vital.suhu", "angka"),
    Column("diagnosa", "kunjungan.diagnosa", "daftar"),
    Column("terapi", "kunjungan.terapi", "terapi"),
    Column("kd_status_pulang", "kunjungan.kd_status_pulang", "kode"),
    Column("kd_dokter", "kunjungan.kd_dokter", "kode"),
    Column("nama_dokter", "kunjungan.nama_dokter", "teks"),
    Column("pemeriksa", "kunjungan.pemeriksa", "teks"),
    Column("kd_prognosa", "kunjungan.kd_prognosa", "kode", width=2),
    Column("rujuk_kd_ppk", "kunjungan.rujukan.kd_ppk", "kode"),
    Column("rujuk_spesialis", "kunjungan.rujukan.spesialis", "teks"),
    Column("kd_tacc", "kunjungan.rujukan.kd_tacc", "bulat"),
    Column("alasan_tacc", "kunjungan.rujukan.alasan_tacc", "teks"),
    Column("lab", "lab", "lab"),
    Column("dokumen", "dokumen", "dokumen"),
    Column("berkas_pengajuan", "berkas_pengajuan.dokumen", "dokumen"),
    Column("jenis_klaim", "pengajuan.jenis_klaim", "teks", required=True),
    Column("layanan", "pengajuan.layanan", "teks", required=True),
    Column("tgl_pengajuan", "pengajuan.tgl_pengajuan", "tanggal", required=True),
    Column("lama_rawat_hari", "pengajuan.lama_rawat_hari", "bulat"),
    Column("jumlah_diajukan", "pengajuan.jumlah_diajukan", "rupiah"),
    Column("tarif_fasilitas", "pengajuan.tarif_fasilitas", "rupiah"),
    Column("kunjungan_ke", "pengajuan.kunjungan_ke", "bulat"),
    Column("tim_ada_dokter", "pengajuan.tim_persalinan.ada_dokter", "ya_tidak"),
    Column("tim_jumlah_nakes", "pengajuan.tim_persalinan.jumlah_nakes", "bulat"),
    Column("hari_poned", "pengajuan.hari_poned", "bulat"),
    Column("metode_kb", "pengajuan.metode_kb", "teks"),
    Column("rahang", "pengajuan.rahang", "teks"),
    Column("tarif_ambulans_pemda", "fasilitas.tarif_ambulans_pemda", "rupiah"),
)
BY_NAME = {c.name: c for c in COLUMNS}
_BY_PATH = {c.path: c.name for c in COLUMNS}

TRUE_WORDS = frozenset({"ya", "y", "true", "benar", "1"})
FALSE_WORDS = frozenset({"tidak", "false", "salah", "0"})
SIGNED = "ttd"
STAMPED = "meterai"
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_THOUSANDS = re.compile(r"^\d{1,3}(\.\d{3})+$")  # 750.000 (Indonesian thousands separator)
_THOUSANDS_ANY = re.compile(r"^\d{1,3}([.,]\d{3})+$")  # money: 750.000 or 750,000
_LAB_VALUE = re.compile(r"-?[\d.,]+")  # one quantifier, anchored by match(): linear in the cell's length


def column_for_location(location: str) -> str | None:
    """The column behind a claim location from a validation error ('kunjungan.terapi.0.nama' -> 'terapi')."""
    parts = location.split(".")
    for end in range(len(parts), 0, -1):
        name = _BY_PATH.get(".".join(parts[:end]))
        if name:
            return name
    return None


def _text(cell: Any) -> str:
    if isinstance(cell, float) and cell.is_integer():
        return str(int(cell))
    if isinstance(cell, dt.datetime):
        return cell.date().isoformat() if cell.time() == dt.time() else cell.isoformat(sep=" ")
    if isinstance(cell, dt.date):
        return cell.isoformat()
    return str(cell).strip()


def _digits_within_limit(text: str) -> None:
    digits = sum(c.isdigit() for c in text)
    if digits > MAX_NUMBER_DIGITS:
        raise ColumnProblem(f"angka {digits} digit terlalu panjang; paling banyak {MAX_NUMBER_DIGITS} digit")


def _number(text: str, thousands: bool) -> float:
    cleaned = text.replace(" ", "")
    _digits_within_limit(cleaned)
    if thousands and _THOUSANDS.match(cleaned):
        cleaned = cleaned.replace(".", "")
    value = float(cleaned.replace(",", "."))
    if not math.isfinite(value):
        raise ValueError(text)  # 'nan', 'inf', 1e999: not a measurement
    return value


def _date(text: str) -> dt.date:
    if not _DATE.match(text):
        raise ColumnProblem(f"'{shown(text)}' bukan tanggal (format YYYY-MM-DD)")
    try:
        day = dt.date.fromisoformat(text)
    except ValueError:
        raise ColumnProblem(f"'{shown(text)}' bukan tanggal (format YYYY-MM-DD)") from None
    if not FIRST_DATE <= day <= LAST_DATE:
        raise ColumnProblem(f"'{text}' di luar rentang tanggal {FIRST_DATE.year}-{LAST_DATE.year}")
    return day


def _integer(text: str, money: bool) -> int:
    cleaned = text.replace(" ", "")
    _digits_within_limit(cleaned)
    if money:
        cleaned = cleaned.removeprefix("Rp").removeprefix("rp")
        if _THOUSANDS_ANY.match(cleaned):
            cleaned = cleaned.replace(".", "").replace(",", "")
    try:
        return int(cleaned)
    except ValueError:
        pass
    try:
        value = float(cleaned.replace(",", "."))
    except ValueError:
        value = 0.5
    if not math.isfinite(value) or not value.is_integer():
        expected = "jumlah Rupiah bulat, mis. 750000 atau 750.000" if money else "bilangan bulat"
        raise ColumnProblem(f"'{shown(text)}' bukan {expected}")
    return int(value)


def _boolean(text: str) -> bool:
    word = text.lower()
    if word in TRUE_WORDS:
        return True
    if word in FALSE_WORDS:
        return False
    raise ColumnProblem(f"'{shown(text)}' bukan ya/tidak (ya, tidak, true, false, 1, 0)")


def _items(text: str) -> list[str]:
    items = [item.strip() for item in text.split(";") if item.strip()]
    if len(items) > MAX_LIST_ITEMS:
        raise ColumnProblem(f"{len(items)} butir melebihi batas {MAX_LIST_ITEMS} butir per sel")
    return items


def _terapi(text: str) -> list[dict[str, Any]]:
    out = []
    for item in _items(text):
        parts = [p.strip() for p in item.split("|")]
        if len(parts) > 3 or not parts[0]:
            raise ColumnProblem(f"'{shown(item)}' bukan terapi (format nama|rute|golongan, mis. 'Injeksi B12|injeksi|vitamin')")  # fmt: skip
        therapy: dict[str, Any] = {"nama": parts[0]}
        if len(parts) > 1 and parts[1]:
            therapy["rute"] = parts[1]
        if len(parts) > 2 and parts[2]:
            therapy["golongan"] = parts[2]
        out.append(therapy)
    return out


def _split_lab(item: str) -> tuple[str, str, str, str] | None:
    """'jenis=nilai satuan@tanggal' -> its four parts, or None; plain string operations, linear time.

    The first '=' ends the jenis and the first '@' after the value starts the date, as the former pattern
    `^([^=]+?)\\s*=\\s*(-?[\\d.,]+)\\s*([^@]*?)\\s*@\\s*(.+)$` read them (that pattern backtracked in cubic time)."""
    jenis, equals, rest = item.partition("=")
    jenis = jenis.strip()
    if not equals or not jenis:
        return None
    rest = rest.lstrip()
    value = _LAB_VALUE.match(rest)
    if value is None:
        return None
    satuan, at, tanggal = rest[value.end() :].partition("@")
    tanggal = tanggal.strip()
    if not at or not tanggal:
        return None
    return jenis, value.group(), satuan.strip(), tanggal


def _lab(text: str) -> list[dict[str, Any]]:
    out = []
    for item in _items(text):
        parts = _split_lab(item)
        if parts is None:
            raise ColumnProblem(f"'{shown(item)}' bukan hasil lab (format jenis=nilai satuan@YYYY-MM-DD, mis. 'trombosit=85000 /uL@2026-10-04')")  # fmt: skip
        jenis, nilai, satuan, tanggal = parts
        try:
            value = _number(nilai, thousands=True)
        except ValueError:
            raise ColumnProblem(f"'{shown(nilai)}' pada '{shown(item)}' bukan angka") from None
        out.append({"jenis": jenis, "nilai": value, "satuan": satuan, "tanggal": _date(tanggal)})
    return out


def _dokumen(text: str) -> list[dict[str, Any]]:
    from bimtek.normalise import document_type
    from bimtek.reference import load_reference

    known = load_reference().document_labels
    out = []
    for item in _items(text):
        jenis, *flags = (p.strip() for p in item.split(":"))
        jenis = document_type(jenis)  # the claim model's normalisation: 'Resume_Medis' is resume_medis
        if jenis not in known:
            raise ColumnProblem(f"jenis dokumen '{shown(jenis)}' tidak dikenal; pilihan: {', '.join(known)}")
        for flag in flags:
            if flag.lower() not in (SIGNED, STAMPED):
                raise ColumnProblem(
                    f"'{shown(item)}': akhiran ':{shown(flag)}' tidak dikenal; tulis '{shown(jenis)}:ttd' bila "
                    f"ditandatangani, '{shown(jenis)}:ttd:meterai' bila juga bermeterai"
                )
        lowered = [f.lower() for f in flags]
        out.append({"jenis": jenis, "ditandatangani": SIGNED in lowered, "bermeterai": STAMPED in lowered})
    return out


def cell_to_value(name: str, cell: Any) -> Any:
    """The claim value of one cell, None when empty; raises ColumnProblem for a value the column cannot hold."""
    column = BY_NAME[name]
    if cell is None:
        return None
    if isinstance(cell, bool):
        cell = "ya" if cell else "tidak"
    numeric = isinstance(cell, int | float)
    text = _text(cell)
    if not text:
        return None
    kind = column.kind
    if kind == "kartu" and numeric:
        if len(text) == 13:
            return text
        raise ColumnProblem(f"{mask_card(text)} tersimpan sebagai angka sehingga nol di depan hilang; format kolom sebagai Teks dan tulis 13 digit")  # fmt: skip
    if kind == "kode" and numeric and column.width:
        return text.zfill(column.width)
    if kind in ("teks", "kode", "kartu"):
        return text
    try:
        if kind in ("bulat", "rupiah"):
            return _integer(text, money=kind == "rupiah")
        if kind == "angka":
            return _number(text, thousands=False)
    except ValueError:
        raise ColumnProblem(f"'{shown(text)}' bukan angka") from None
    parse = {"ya_tidak": _boolean, "tanggal": _date, "daftar": _items, "terapi": _terapi, "lab": _lab, "dokumen": _dokumen}  # fmt: skip
    return parse[kind](text)


def _lab_text(lab: Any) -> str:
    value = int(lab.nilai) if float(lab.nilai).is_integer() else lab.nilai
    unit = f" {lab.satuan}" if lab.satuan else ""
    return f"{lab.jenis}={value}{unit}@{lab.tanggal.isoformat()}"


def _documents_text(docs: list[Any]) -> str:
    return ";".join(
        d.jenis + (f":{SIGNED}" if d.ditandatangani else "") + (f":{STAMPED}" if d.bermeterai else "") for d in docs
    )


def claim_to_row(claim: Claim) -> dict[str, Any]:
    """A claim as one batch row of typed values (fields without a column, e.g. riwayat_klaim, are left out)."""
    k = claim.kunjungan
    lists: dict[str, str | None] = {
        "diagnosa": ";".join(k.diagnosa),
        "terapi": ";".join("|".join([t.nama, t.rute] + ([t.golongan] if t.golongan else [])) for t in k.terapi),
        "lab": ";".join(_lab_text(r) for r in claim.lab),
        "dokumen": _documents_text(claim.dokumen),
        "berkas_pengajuan": _documents_text(claim.berkas_pengajuan.dokumen) if claim.berkas_pengajuan else None,
    }
    data = claim.model_dump()
    row: dict[str, Any] = {}
    for column in COLUMNS:
        value: Any = lists[column.name] if column.name in lists else get_path(data, column.path)
        row[column.name] = value.value if hasattr(value, "value") else value  # enums as their text
    return row
