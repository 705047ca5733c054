"""Claim fields and their values in words, for feedback that compares what the key wants with what was given."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from bimtek.fmt import rupiah, tanggal
from bimtek.reference import load_reference
from bimtek.text_safety import shown
from scoring.answer_values import show_number

EMPTY = "(kosong)"
MAX_ITEMS = 8  # lines of a list named in one message; the rest are counted
WORDS_LIMIT = 170  # characters of one value in words (two of them and the field's name stay one readable sentence)

# The names a trainee sees on the claim form; a path not listed falls back to its last part in words.
FIELD_NAMES = {
    "peserta.no_kartu": "Nomor kartu peserta",
    "peserta.aktif": "Status kepesertaan aktif",
    "peserta.tgl_akhir_berlaku": "Tanggal akhir berlaku kartu",
    "fasilitas.jenis": "Jenis fasilitas",
    "fasilitas.poned": "Puskesmas PONED",
    "fasilitas.kode_induk": "Kode PPK FKTP induk",
    "fasilitas.tarif_rawat_inap_per_hari": "Tarif rawat inap per hari",
    "kunjungan.tgl_daftar": "Tanggal daftar",
    "kunjungan.tgl_pulang": "Tanggal pulang",
    "kunjungan.tgl_entri": "Tanggal entri P-Care",
    "kunjungan.kd_tkp": "TKP",
    "kunjungan.kd_poli": "Poli",
    "kunjungan.kd_sadar": "Kesadaran",
    "kunjungan.kd_status_pulang": "Status pulang",
    "kunjungan.kd_prognosa": "Prognosa",
    "kunjungan.pemeriksa": "Pemeriksa",
    "kunjungan.diagnosa": "Diagnosa",
    "kunjungan.terapi": "Terapi",
    "kunjungan.tindakan": "Tindakan",
    "kunjungan.vital": "Tanda vital",
    "kunjungan.vital.suhu": "Suhu",
    "kunjungan.vital.heart_rate": "Denyut nadi",
    "kunjungan.vital.resp_rate": "Frekuensi napas",
    "kunjungan.vital.sistole": "Tekanan darah sistolik",
    "kunjungan.vital.diastole": "Tekanan darah diastolik",
    "kunjungan.rujukan": "Rujukan",
    "kunjungan.rujukan.kd_ppk": "Kode PPK tujuan rujukan",
    "kunjungan.rujukan.tgl_est_rujuk": "Tanggal estimasi rujukan",
    "kunjungan.rujukan.kd_tacc": "TACC",
    "kunjungan.rujukan.alasan_tacc": "Alasan TACC",
    "kunjungan.rujukan.spesialis": "Spesialis tujuan",
    "pengajuan.layanan": "Layanan yang ditagihkan",
    "pengajuan.jenis_klaim": "Jenis klaim",
    "pengajuan.jumlah_diajukan": "Jumlah diajukan",
    "pengajuan.lama_rawat_hari": "Lama rawat",
    "pengajuan.hari_poned": "Hari perawatan PONED",
    "pengajuan.tgl_pengajuan": "Tanggal pengajuan",
    "pengajuan.tim_persalinan": "Tim persalinan",
}

_CODE_LISTS = {
    "kd_tkp": ("kd_tkp",),
    "kd_poli": ("kd_poli",),
    "kd_sadar": ("kd_sadar",),
    "kd_prognosa": ("kd_prognosa",),
    "kd_tacc": ("kd_tacc",),
    "kd_status_pulang": ("kd_status_pulang_rawat_jalan", "kd_status_pulang_rawat_inap"),
}
_RUPIAH_LEAVES = ("jumlah_diajukan", "biaya", "tarif_rawat_inap_per_hari", "biaya_tambahan")
_DAY_LEAVES = ("lama_rawat_hari", "hari_poned")
_JENIS_KLAIM = {"kapitasi": "kapitasi", "non_kapitasi": "non-kapitasi", "program_khusus": "program khusus"}


def field_name(path: str) -> str:
    """'kunjungan.kd_status_pulang' -> 'Status pulang'; an unlisted path reads as its last part in words."""
    if path in FIELD_NAMES:
        return FIELD_NAMES[path]
    leaf = path.rsplit(".", 1)[-1].replace("_", " ").strip()
    return shown(leaf[:1].upper() + leaf[1:]) if leaf else shown(path)


def _lower_first(name: str) -> str:
    """'Suhu' -> 'suhu' inside a sentence; 'TACC' stays 'TACC'."""
    return name[:1].lower() + name[1:] if name[1:2].islower() else name


def _code(leaf: str, value: Any) -> str | None:
    lists = _CODE_LISTS.get(leaf)
    if not lists:
        return None
    ref = load_reference()
    for name in lists:
        label = ref.codes(name).get(str(value))
        if label:
            return f"{shown(value)} ({label})"
    return None


def _date(value: Any) -> str | None:
    if isinstance(value, dt.date):
        return tanggal(value)
    if isinstance(value, str):
        try:
            return tanggal(dt.date.fromisoformat(value))
        except ValueError:
            return None
    return None


def _line(item: dict[str, Any]) -> str:
    """A therapy or procedure line: 'Infus RL (infus, cairan)', 'Nebulisasi (kode 01)'."""
    name = str(item.get("nama") or "").strip()
    details = [str(item[k]) for k in ("rute", "golongan") if item.get(k)]
    if item.get("kd_tindakan"):
        details.insert(0, f"kode {item['kd_tindakan']}")
    if not name:
        name = details.pop(0) if details else "baris tanpa nama"
    return shown(f"{name} ({', '.join(details)})" if details else name)


def value_words(path: str, value: Any) -> str:
    """A claim value as a trainee reads it: dates in Indonesian, money in Rupiah, codes with their names,
    lines of a list by name; never a Python data structure. Bounded: content may be hostile (an aliased YAML tree)."""
    return shown(_words(path, value, 0), limit=WORDS_LIMIT)


def _items(values: list[Any], show: Callable[[Any], str]) -> str:
    head = "; ".join(show(v) for v in values[:MAX_ITEMS])
    more = len(values) - MAX_ITEMS
    return f"{head}; dan {more} lainnya" if more > 0 else head


def _diagnosis(code: Any) -> str:
    """'A90' -> 'A90 (Dengue fever [classical dengue])'; an unknown code as it is."""
    name = load_reference().icd10.get(code) if isinstance(code, str) else None
    return f"{shown(code)} ({name})" if name else shown(code)


def _words(path: str, value: Any, depth: int) -> str:
    leaf = path.rsplit(".", 1)[-1]
    if value is None or value == "" or value == [] or value == {}:
        return EMPTY
    if isinstance(value, bool):
        return "ya" if value else "tidak"
    if isinstance(value, list):
        if leaf == "diagnosa":
            return _items(value, _diagnosis)
        if any(isinstance(v, dict) for v in value[:MAX_ITEMS]):
            return _items(value, _shown_line)
        return _items(value, lambda v: _words(path, v, depth + 1) if depth < 2 else shown(v))
    if isinstance(value, dict):
        parts = [
            f"{_lower_first(field_name(f'{path}.{k}'))} {_words(f'{path}.{k}', v, depth + 1)}"
            for k, v in list(value.items())[:MAX_ITEMS]
            if v not in (None, "", [], {})
        ]
        return ", ".join(parts) or EMPTY
    if isinstance(value, int | float):
        if leaf in _RUPIAH_LEAVES:
            return rupiah(value)
        if leaf in _DAY_LEAVES:
            return f"{show_number(value)} hari"
        return _code(leaf, value) or show_number(value)
    if leaf == "layanan":
        service = load_reference().services.get(str(value))
        return f"{service.label}" if service else shown(value)
    if leaf == "jenis_klaim":
        return _JENIS_KLAIM.get(str(value), shown(value))
    return _code(leaf, value) or _date(value) or shown(value)


def _matches(given: Any, wanted: Any) -> bool:
    """A given line meets a wanted one on the keys the key names (a key's `{nama, rute}` ignores `biaya`)."""
    if isinstance(given, dict) and isinstance(wanted, dict):
        return all(given.get(k) == v for k, v in wanted.items())
    return bool(given == wanted)


def _shown_line(item: Any) -> str:
    return _line(item) if isinstance(item, dict) else shown(item)


def compare_words(path: str, wanted: Any, given: Any) -> str:
    """One sentence per field: what the key asks for against what the trainee gave, in words.

    For a list of lines (therapy, procedures) it names the lines that are missing and those that should not be
    there, so a trainee sees which line to change instead of two long lists side by side.
    """
    name = field_name(path)
    if isinstance(wanted, dict) and isinstance(given, dict | type(None)):
        given = given or {}
        wrong = [
            f"{field_name(f'{path}.{k}')} seharusnya {value_words(f'{path}.{k}', v)}, "
            f"bukan {value_words(f'{path}.{k}', given.get(k))}"
            for k, v in list(wanted.items())[:MAX_ITEMS]
            if given.get(k) != v
        ]
        return f"{name}: " + "; ".join(wrong or [f"seharusnya {value_words(path, wanted)}"]) + "."
    if (
        isinstance(wanted, list)
        and isinstance(given, list | type(None))
        and any(isinstance(w, dict) for w in wanted[:MAX_ITEMS])
    ):
        given = (given or [])[:MAX_ITEMS]
        wanted_lines = wanted[:MAX_ITEMS]
        missing = [_shown_line(w) for w in wanted_lines if not any(_matches(g, w) for g in given)]
        extra = [_shown_line(g) for g in given if not any(_matches(g, w) for w in wanted_lines)]
        parts = [f"{name} seharusnya berisi {len(wanted)} baris: {value_words(path, wanted)}."]
        if extra:
            parts.append(f"Baris yang seharusnya tidak ada: {shown('; '.join(extra), limit=WORDS_LIMIT)}.")
        if missing:
            parts.append(f"Baris yang belum ada atau berbeda: {shown('; '.join(missing), limit=WORDS_LIMIT)}.")
        if not extra and not missing:
            parts.append(f"Anda mengisi {len(given)} baris: {value_words(path, given)}.")
        return " ".join(parts)
    return f"{name} seharusnya {value_words(path, wanted)}, bukan {value_words(path, given)}."
