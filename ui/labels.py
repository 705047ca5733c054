"""Labels, colours and number formats the pages show for domain values."""

from __future__ import annotations

from bimtek import fmt
from bimtek.reference import load_reference

JENIS_KLAIM = {
    "kapitasi": "Kapitasi",
    "non_kapitasi": "Non-kapitasi",
    "program_khusus": "Program khusus",
    "bencana_klb": "Bencana / KLB",
}

# verdict status or rule severity -> st.badge colour
STATUS_COLOURS = {
    "layak": "green",
    "peringatan": "orange",
    "dikembalikan": "orange",
    "ditolak": "red",
    "Layak dibayar": "green",
    "Layak dengan peringatan": "orange",
    "Dikembalikan": "orange",
    "Ditolak": "red",
    "Peringatan": "yellow",
}


def angka(value: float | int | None) -> str:
    """85000 -> '85.000', 38.5 -> '38,5' (Indonesian separators); None -> '-'."""
    return "-" if value is None else fmt.angka(value)


def code_label(list_name: str, code: str | None) -> str:
    """'01' in kd_sadar -> '01 — Compos mentis'; an unknown code is shown as it is."""
    if code is None or code == "":
        return "(kosong)"
    name = load_reference().codes(list_name).get(str(code))
    return f"{code} — {name}" if name else str(code)


def status_pulang_codes() -> dict[str, str]:
    """Both P-Care status pulang lists (rawat jalan and rawat inap) as one choice list."""
    ref = load_reference()
    merged = {**ref.codes("kd_status_pulang_rawat_jalan"), **ref.codes("kd_status_pulang_rawat_inap")}
    return dict(sorted(merged.items()))


def status_pulang_label(code: str | None, kd_tkp: str) -> str:
    if code is None or code == "":
        return "(kosong)"
    name = "kd_status_pulang_rawat_inap" if kd_tkp == "20" else "kd_status_pulang_rawat_jalan"
    return code_label(name, code)


def icd10_label(code: str) -> str:
    name = load_reference().icd10_name(code)
    return f"{code} — {name}" if name else code


def layanan_label(key: str) -> str:
    service = load_reference().services.get(key)
    return f"{service.label} ({key})" if service else key


def dokumen_label(jenis: str) -> str:
    return load_reference().document_labels.get(jenis, jenis)
