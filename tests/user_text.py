"""Every text a user reads, gathered for the scans of tests/test_user_text.py (issue 9).

Content files (modules, scenarios), the rules' user-facing fields, the string literals the pages and widgets show
(calls of Streamlit display functions in views/ and ui/), the shipped glossary and source registry, and the
documents the product generates (SOP DOCX/PDF, trainee report and certificate PDFs).
"""

from __future__ import annotations

import ast
import datetime as dt
import io
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import docx
import yaml
from pypdf import PdfReader

ROOT = Path(__file__).resolve().parents[1]

# Streamlit functions whose string arguments a user reads (called as st.x, col.x, tab.x, ...).
DISPLAY_CALLS = frozenset(
    [
        "markdown",
        "caption",
        "title",
        "header",
        "subheader",
        "write",
        "text",
        "info",
        "warning",
        "error",
        "success",
        "toast",
        "exception",
        "code",
        "button",
        "download_button",
        "link_button",
        "page_link",
        "form_submit_button",
        "checkbox",
        "toggle",
        "radio",
        "selectbox",
        "multiselect",
        "select_slider",
        "slider",
        "text_input",
        "text_area",
        "number_input",
        "date_input",
        "time_input",
        "file_uploader",
        "expander",
        "tabs",
        "metric",
        "popover",
        "dialog",
        "status",
        "progress",
        "spinner",
    ]
)


def yaml_strings(node: Any, path: str = "") -> Iterator[tuple[str, str]]:
    if isinstance(node, str):
        yield path, node
    elif isinstance(node, dict):
        for key, value in node.items():
            yield from yaml_strings(value, f"{path}.{key}" if path else str(key))
    elif isinstance(node, list):
        for i, value in enumerate(node):
            yield from yaml_strings(value, f"{path}.{i}")


def content_texts() -> Iterator[tuple[str, str]]:
    """(where, text) for every string in modules/*.yaml and scenarios/*.yaml."""
    for folder in ("modules", "scenarios"):
        for path in sorted((ROOT / folder).glob("*.yaml")):
            doc = yaml.safe_load(path.read_text(encoding="utf-8"))
            for where, text in yaml_strings(doc):
                yield f"{folder}/{path.name}: {where}", text


def rule_texts() -> Iterator[tuple[str, str]]:
    from bimtek.rules import all_rules

    for rule in all_rules():
        for name in ("title", "regulation", "rationale", "fix_hint"):
            yield f"{rule.code}.{name}", str(getattr(rule, name))


def _literal_parts(node: ast.AST) -> Iterator[str]:
    """The literal text of a string or f-string argument (f-string placeholders left out)."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        yield node.value
    elif isinstance(node, ast.JoinedStr):
        yield "".join(v.value for v in node.values if isinstance(v, ast.Constant) and isinstance(v.value, str))
    elif isinstance(node, ast.BinOp):
        yield from _literal_parts(node.left)
        yield from _literal_parts(node.right)
    elif isinstance(node, ast.List | ast.Tuple):
        for element in node.elts:
            yield from _literal_parts(element)


def page_texts() -> Iterator[tuple[str, str]]:
    """(file:line, text) for string literals passed to Streamlit display calls in views/ and ui/."""
    for folder in ("views", "ui"):
        for path in sorted((ROOT / folder).glob("*.py")):
            tree = ast.parse(path.read_text(encoding="utf-8"))
            for node in ast.walk(tree):
                if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)):
                    continue
                if node.func.attr not in DISPLAY_CALLS:
                    continue
                for arg in [*node.args, *(k.value for k in node.keywords if k.arg not in ("key", "type"))]:
                    for text in _literal_parts(arg):
                        text = re.sub(r":material/\w+:", "", text)  # icon names are not words a user reads
                        if text.strip():
                            yield f"{folder}/{path.name}:{node.lineno}", text


def registry_texts() -> Iterator[tuple[str, str]]:
    """The user-facing fields of the source registry and the glossary (pages Sumber & Regulasi, Istilah)."""
    from bimtek.glossary import load_glossary
    from bimtek.sources import load_sources

    for s in load_sources():
        for name in ("instrumen", "judul", "penerbit", "catatan"):
            yield f"sumber.yaml {s.id}.{name}", getattr(s, name)
    for t in load_glossary():
        yield f"istilah.yaml {t.istilah}", t.definisi


def _pdf_text(data: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)


def _docx_text(data: bytes) -> str:
    document = docx.Document(io.BytesIO(data))
    parts = [p.text for p in document.paragraphs]
    parts += [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    return "\n".join(parts)


def document_texts() -> Iterator[tuple[str, str]]:
    """The generated documents: an SOP with every checklist item, a trainee report and a certificate."""
    from bimtek.sop import STEPS, Sop, SopStep, checklist_items, deadline_controls
    from bimtek.sop_export import sop_to_docx, sop_to_pdf
    from scoring.checklist import score_checklist
    from scoring.report_export import TraineeResult, certificate_pdf, certify, trainee_pdf
    from tests.test_checklist import NAMES, SCENARIOS, qualifying_records

    sop = Sop(
        fasilitas="Puskesmas Kalasan",
        langkah=[
            SopStep(id=s.id, urutan=i, penanggung_jawab="Petugas klaim", frekuensi="harian")
            for i, s in enumerate(STEPS, 1)
        ],
        kontrol_tenggat=list(deadline_controls()),
        checklist=list(checklist_items()),
        disusun_oleh="Rina",
        disetujui_oleh="dr. Hana",
        tanggal_berlaku=dt.date(2026, 12, 1),
    )
    yield "SOP (DOCX)", _docx_text(sop_to_docx(sop))
    yield "SOP (PDF)", _pdf_text(sop_to_pdf(sop))
    attempts, exercises, documents = qualifying_records()
    report = score_checklist(attempts, exercises, documents, SCENARIOS, NAMES)
    result = TraineeResult("a1", "Siti Aminah", "Puskesmas Batch 1", report, tuple(attempts))
    yield "laporan peserta (PDF)", _pdf_text(trainee_pdf(result, dt.date(2026, 11, 23)))
    missing = score_checklist([], [], {}, SCENARIOS, NAMES)
    yield (
        "laporan peserta belum lengkap (PDF)",
        _pdf_text(trainee_pdf(TraineeResult("b2", "Budi", "Batch 1", missing, ()), dt.date(2026, 11, 23))),
    )
    yield "sertifikat (PDF)", _pdf_text(certificate_pdf(certify(result, "ABC123", dt.date(2026, 11, 23))))


def journal_texts() -> Iterator[tuple[str, str]]:
    """The journal exercises' situations (the source examples and generated ones) and the chart of accounts."""
    from bimtek.accounting import ACCOUNTS
    from scoring.journal_situations import KINDS, fixed_situations, generate_situation

    for account, what in ACCOUNTS.items():
        yield f"akun {account}", what

    situations = [*fixed_situations(), *(generate_situation(kind, seed) for kind in KINDS for seed in range(1, 6))]
    for situation in situations:
        parts = [situation.title, situation.story, situation.sources, *(f"{k}: {v}" for k, v in situation.facts)]
        parts += [text for step in situation.steps for text in (step.event, step.why)]
        parts += [line.account for step in situation.steps if step.entry for line in step.entry.lines]
        parts += [step.entry.source for step in situation.steps if step.entry]
        yield f"situasi jurnal {situation.id}", "\n".join(parts)


def cli_texts() -> Iterator[tuple[str, str]]:
    """What the command line prints for a treasurer: the kapitasi journal and the verification of the examples."""
    import contextlib

    from bimtek.cli import main

    for args in (
        ["piutang", "kapitasi", "--peserta", "8000", "--tarif", "7000", "--kbk-persen", "95"],
        ["verify", str(ROOT / "examples" / "contoh-batch.csv")],
    ):
        out = io.StringIO()
        with contextlib.redirect_stdout(out), contextlib.suppress(SystemExit):
            main(args)
        yield "bimtek " + " ".join(args[:2]), out.getvalue()


def reference_texts(include_tariffs: bool = False) -> Iterator[tuple[str, str]]:
    """The sources the Katalog Aturan page shows beside the code lists, deadlines (and tariffs)."""
    from bimtek.reference import load_reference

    ref = load_reference()
    for name, codes in ref.code_lists.items():
        yield f"kode {name}", f"{codes.source} {codes.status}"
    yield "daftar non-spesialistik", ref.sources["nonspesialis"]
    for key, entry in yaml.safe_load((ROOT / "bimtek/reference/data/tenggat.yaml").read_text(encoding="utf-8")).items():
        if isinstance(entry, dict):
            yield f"tenggat {key}", str(entry.get("sumber", ""))
    if include_tariffs:
        for line in ref.tariffs:
            yield f"tarif {line.layanan} {line.regulasi}", line.sumber
