"""What users read cites real sources and speaks one vocabulary (issue 9).

Internal notes (the facts sheet's section signs and S-keys, the seed file names, design documents, file paths)
and English working labels never reach a user; the glossary's forbidden variants never appear in content or pages.
The rule-field scan covers bimtek/rules texts, whose rewrite belongs to the verifier work of issue 8.
"""

from __future__ import annotations

import re

import pytest

from bimtek.glossary import load_glossary, misuses
from bimtek.sources import load_sources
from tests.user_text import (
    cli_texts,
    content_texts,
    document_texts,
    journal_texts,
    page_texts,
    reference_texts,
    registry_texts,
    rule_texts,
)

INTERNAL = [
    (re.compile(r"\bseed\b", re.I), "nama berkas sumber internal ('seed')"),
    (re.compile(r"facts\s*§|lembar fakta|§\s*\d", re.I), "bagian lembar fakta internal"),
    (re.compile(r"(?<![\w.])S\d{1,2}(?![\w.])"), "kunci sumber internal (S12)"),
    (re.compile(r"\bDESIGN\b"), "dokumen desain internal"),
    (re.compile(r"\w\.(py|md)\b"), "nama berkas"),
    (re.compile(r"di produk ini", re.I), "'di produk ini' alih-alih sumber"),
    (re.compile(r"\(uncertain\)|\buncertain\b|\bconfirmed\b", re.I), "label bahasa Inggris"),
]


def internal_references(text: str) -> list[str]:
    return [f"{why}: {m.group(0)!r}" for pattern, why in INTERNAL for m in pattern.finditer(text)]


def _report(found: list[str]) -> str:
    return f"{len(found)} temuan:\n" + "\n".join(found[:60])


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Lembar fakta §2.4 (S5, S45)", 4),
        ("Artikel seed 000 Kasus 1", 1),
        ("DESIGN.md §3.4", 3),
        ("indikasi (uncertain)", 1),
        ("Peraturan BPJS Kesehatan Nomor 7 Tahun 2018 Pasal 12", 0),
        ("S.Tr.Keb dan S1 Kebidanan", 1),
    ],
)
def test_the_scan_recognises_internal_references(text: str, expected: int) -> None:
    assert len(internal_references(text)) == expected, internal_references(text)


def test_content_cites_real_sources_only() -> None:
    found = [f"{where}: {hit}" for where, text in content_texts() for hit in internal_references(text)]
    assert not found, _report(found)


def test_page_and_widget_text_cites_real_sources_only() -> None:
    found = [f"{where}: {hit}" for where, text in page_texts() for hit in internal_references(text)]
    assert not found, _report(found)


def test_registry_and_glossary_cite_real_sources_only() -> None:
    found = [f"{where}: {hit}" for where, text in registry_texts() for hit in internal_references(text)]
    assert not found, _report(found)


def test_generated_documents_cite_real_sources_only() -> None:
    found = [f"{where}: {hit}" for where, text in document_texts() for hit in internal_references(text)]
    assert not found, _report(found)


def test_journal_situations_cite_real_sources_only() -> None:
    found = [f"{where}: {hit}" for where, text in journal_texts() for hit in internal_references(text)]
    assert not found, _report(found)


def test_command_line_output_cites_real_sources_only() -> None:
    """Rule texts inside the output are left to the rule-field scan; here: what the CLI itself prints."""
    rule_text = {text for _, text in rule_texts()}
    found = []
    for where, output in cli_texts():
        for line in output.splitlines():
            if not any(t and t in line for t in rule_text):
                found += [f"{where}: {hit} in {line.strip()[:80]!r}" for hit in internal_references(line)]
    assert not found, _report(found)


def test_reference_lists_shown_in_the_catalogue_cite_real_sources_only() -> None:
    found = [f"{where}: {hit}" for where, text in reference_texts() for hit in internal_references(text)]
    found = [f for f in found if "label bahasa Inggris" not in f]  # statuses are translated on the page
    assert not found, _report(found)


def test_tariff_lines_shown_in_the_catalogue_cite_real_sources_only() -> None:
    """tarif.yaml belongs to the verifier work of issue 8 (tariff table per facility type); its sources are shown."""
    texts = [(w, t) for w, t in reference_texts(include_tariffs=True) if w.startswith("tarif ")]
    found = [f"{where}: {hit}" for where, text in texts for hit in internal_references(text)]
    assert not found, _report(found)


def test_rule_fields_cite_real_sources_only() -> None:
    """title, regulation, rationale and fix_hint of every rule (rewritten by the verifier work of issue 8)."""
    found = [f"{where}: {hit}" for where, text in rule_texts() for hit in internal_references(text)]
    assert not found, _report(found)


def test_every_registry_source_has_a_full_title_a_publisher_and_a_status() -> None:
    for source in load_sources():
        assert len(source.judul) >= 10 and source.penerbit, source.id
        if source.jenis == "regulasi":
            assert source.instrumen and source.tahun, source.id
        if source.status == "dicabut":
            assert source.catatan, f"{source.id}: say what revoked it"


def test_glossary_terms_are_unique_and_defined() -> None:
    names = [t.istilah.casefold() for t in load_glossary()]
    assert len(names) == len(set(names))
    assert all(t.definisi.strip() for t in load_glossary())


def test_the_glossary_check_finds_a_forbidden_variant() -> None:
    found = misuses("Entry P-Care diinput kemarin; klaimnya kadaluarsa dan ia dikembalikan.")
    assert {(m.term, m.found.lower()) for m in found} == {
        ("entri", "entry"),
        ("entri", "diinput"),
        ("kedaluwarsa", "kadaluarsa"),
        ("klaim", "ia dikembalikan"),
    }
    assert misuses("menu 'Inputan Jenis Pelayanan Non Kapitasi' di eClaim") == []


def test_content_uses_the_glossary_words() -> None:
    found = [f"{where}: '{m.found}' -> '{m.term}'" for where, text in content_texts() for m in misuses(text)]
    assert not found, _report(found)


def test_pages_use_the_glossary_words() -> None:
    found = [f"{where}: '{m.found}' -> '{m.term}'" for where, text in page_texts() for m in misuses(text)]
    assert not found, _report(found)
