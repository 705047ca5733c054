"""Verification rules: the registry (one file per rule under bimtek/rules/<family>/) and verify()."""

from __future__ import annotations

import importlib
import pkgutil
from functools import lru_cache
from pathlib import Path

from bimtek.rules.base import Dasar, Finding, Rule, Severity

__all__ = ["Dasar", "Finding", "Rule", "Severity", "all_rules", "get_rule", "FAMILIES", "RETIRED_CODES"]

_PACKAGE_DIR = Path(__file__).resolve().parent

# Family folder -> Indonesian label, in the order the catalogue shows them.
FAMILIES: dict[str, str] = {
    "peserta": "Kepesertaan",
    "pcare": "Kelengkapan entri P-Care",
    "kode": "Kode dan referensi",
    "klinis": "Kesesuaian diagnosa dan tindakan",
    "bukti": "Bukti klinis dan resume medis",
    "rujukan": "Rujukan",
    "dokumen": "Kelengkapan berkas klaim",
    "waktu": "Tanggal dan tenggat",
    "tarif": "Tarif",
    "duplikasi": "Klaim ganda",
    "pengecualian": "Di luar manfaat JKN",
    "prolanis": "Kegiatan kelompok Prolanis",
}

# Codes that once named a rule and were withdrawn; a retired code is never given to a new rule, so an old
# attempt or answer key that names it can never be mistaken for a different check.
RETIRED_CODES: dict[str, str] = {
    "DK05": "Klaim bencana/KLB tanpa SK penetapan; diganti EX01 (layanan KLB/bencana di luar manfaat JKN).",
}


@lru_cache(maxsize=1)
def all_rules() -> tuple[Rule, ...]:
    """Every registered rule, one instance each, sorted by code."""
    rules: list[Rule] = []
    for family in FAMILIES:
        family_dir = _PACKAGE_DIR / family
        if not family_dir.is_dir():
            continue
        for info in pkgutil.iter_modules([str(family_dir)]):
            module = importlib.import_module(f"bimtek.rules.{family}.{info.name}")
            cls = getattr(module, info.name)
            cls.family = family
            rules.append(cls())
    return tuple(sorted(rules, key=lambda r: r.code))


def get_rule(code: str) -> Rule:
    for rule in all_rules():
        if rule.code == code:
            return rule
    raise KeyError(code)
