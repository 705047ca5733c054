"""The rule catalogue, generated from the rule registry: rows for the catalogue page and docs/rules.md."""

from __future__ import annotations

import inspect
import re
from dataclasses import dataclass
from typing import Any

from bimtek.rules import FAMILIES, Rule, Severity, all_rules

REGENERATE_COMMAND = "python -m bimtek rules --markdown > docs/rules.md"
UNCERTAIN_LABEL = "belum pasti"

SEVERITY_MEANINGS = {
    Severity.DITOLAK: "klaim tidak dapat dibayar.",
    Severity.DIKEMBALIKAN: (
        "klaim dikembalikan untuk dilengkapi; ajukan ulang paling lambat bersama pengajuan bulan berikutnya."
    ),
    Severity.PERINGATAN: "klaim dibayar, tetapi merugikan fasilitas (mis. RRNS atau Angka Kontak KBK).",
}

_SECTION = re.compile(
    r"\*\*(Anti-pattern|Best practice)\*\*:\s*(.*?)(?=\*\*(?:Anti-pattern|Best practice)\*\*:|\Z)", re.DOTALL
)


@dataclass(frozen=True)
class RuleDoc:
    """A rule docstring split into its parts."""

    summary: str
    anti_pattern: str
    best_practice: str


def _one_line(text: str) -> str:
    return " ".join(text.split())


def parse_docstring(rule: Rule) -> RuleDoc:
    """Summary (first paragraph), **Anti-pattern** and **Best practice** of a rule's docstring; '' when absent."""
    doc = inspect.cleandoc(type(rule).__doc__ or "")
    summary = doc.split("\n\n", 1)[0]
    sections = {name: _one_line(body) for name, body in _SECTION.findall(doc)}
    return RuleDoc(
        summary=_one_line(summary) if not summary.lstrip().startswith("**") else "",
        anti_pattern=sections.get("Anti-pattern", ""),
        best_practice=sections.get("Best practice", ""),
    )


def _ordered_rules() -> list[Rule]:
    order = list(FAMILIES)
    return sorted(all_rules(), key=lambda r: (order.index(r.family), r.code))


def catalogue_rows() -> list[dict[str, Any]]:
    """One row per rule, grouped by family in FAMILIES order, then by code."""
    rows = []
    for rule in _ordered_rules():
        doc = parse_docstring(rule)
        rows.append(
            {
                "code": rule.code,
                "family": rule.family,
                "family_label": FAMILIES[rule.family],
                "title": rule.title,
                "severity": rule.severity.value,
                "severity_label": rule.severity.label,
                "dasar": rule.dasar.value,
                "dasar_label": rule.dasar.label,
                "regulation": rule.regulation,
                "rationale": rule.rationale,
                "fix_hint": rule.fix_hint,
                "uncertain": rule.uncertain,
                "summary": doc.summary,
                "anti_pattern": doc.anti_pattern,
                "best_practice": doc.best_practice,
            }
        )
    return rows


def _cell(text: str) -> str:
    return text.replace("|", "\\|")


def _rule_section(row: dict[str, Any]) -> list[str]:
    status = f" ({UNCERTAIN_LABEL})" if row["uncertain"] else ""
    lines = [
        f"### {row['code']} · {row['title']}{status}",
        "",
        f"- **Tingkat**: {row['severity_label']}",
        f"- **Jenis dasar**: {row['dasar_label']}",
        f"- **Dasar aturan**: {row['regulation']}",
        f"- **Alasan**: {row['rationale']}",
        f"- **Cara memperbaiki**: {row['fix_hint']}",
        f"- **Pola keliru**: {row['anti_pattern']}",
        f"- **Praktik baik**: {row['best_practice']}",
    ]
    if row["uncertain"]:
        lines.append(
            f"- **Status**: {UNCERTAIN_LABEL}. Sebagian dasar aturan ini belum dikonfirmasi dari teks peraturannya; "
            "periksa ke sumber primer sebelum dijadikan pedoman."
        )
    return [*lines, ""]


def catalogue_markdown() -> str:
    """The whole catalogue as one Markdown document in Bahasa Indonesia (docs/rules.md)."""
    rows = catalogue_rows()
    families = list(dict.fromkeys(row["family"] for row in rows))
    out = [
        "# Katalog Aturan Verifikasi Klaim",
        "",
        "Dokumen ini dibuat otomatis dari registri aturan (`bimtek/rules/`); jangan disunting manual.",
        f"Buat ulang dengan `{REGENERATE_COMMAND}`.",
        "",
        f"Jumlah aturan: **{len(rows)}** dalam {len(families)} kelompok. "
        f"Aturan bertanda *({UNCERTAIN_LABEL})* bersandar pada fakta yang belum dikonfirmasi dari teks peraturannya. "
        "Tingkat *Ditolak* hanya dipakai bila dasarnya regulasi tertulis atau kata-kata artikel sumber Bimtek.",
        "",
        "## Tingkat temuan",
        "",
        "| Tingkat | Arti |",
        "|---|---|",
        *(f"| {severity.label} | {meaning} |" for severity, meaning in SEVERITY_MEANINGS.items()),
        "",
        "## Daftar aturan",
        "",
        "| Kode | Kelompok | Judul | Tingkat | Catatan |",
        "|---|---|---|---|---|",
        *(
            f"| {r['code']} | {r['family_label']} | {_cell(r['title'])} | {r['severity_label']} | "
            f"{UNCERTAIN_LABEL if r['uncertain'] else ''} |"
            for r in rows
        ),
        "",
    ]
    for family in families:
        out += [f"## {FAMILIES[family]}", ""]
        for row in rows:
            if row["family"] == family:
                out += _rule_section(row)
    return "\n".join(out).rstrip("\n") + "\n"
