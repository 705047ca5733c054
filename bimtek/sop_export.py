"""Exports a facility's claim SOP as a DOCX (python-docx) and a PDF (fpdf2) to print, sign and use.

Both files are rendered from one list of sections, so they always say the same. The PDF uses fpdf2's core
Helvetica, which covers Latin-1 only: text is folded to Latin-1 (dashes, quotes, >= ...) rather than shipping a
font file; Bahasa Indonesia needs no other letters.
"""

from __future__ import annotations

import io
import re
import unicodedata
from dataclasses import dataclass, field

from bimtek.fmt import tanggal
from bimtek.sop import CADENCES, SOURCES, STEP_BY_ID, VERIFICATION_STEP, ChecklistItem, Sop

BLANK = "...................."
TITLE = "STANDAR PROSEDUR OPERASIONAL (SOP)"
SUBTITLE = "Pengelolaan Klaim BPJS Kesehatan di Fasilitas Kesehatan Tingkat Pertama"
DOCX_MIME = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


@dataclass(frozen=True)
class Table:
    header: tuple[str, ...]
    rows: list[tuple[str, ...]]
    widths: tuple[int, ...]  # relative column widths


@dataclass
class Section:
    heading: str
    paragraphs: list[str] = field(default_factory=list)
    items: list[str] = field(default_factory=list)  # a numbered list
    table: Table | None = None


def _facility(sop: Sop) -> str:
    return sop.fasilitas.strip() or BLANK


def _basis(item: ChecklistItem) -> str:
    """A rule's regulation without the sheet's internal source keys; uncertain facts stay labelled."""
    if item.common:
        return f"{item.sumber}; aturan {', '.join(item.rules)}"
    text = item.sumber.replace("`", "")
    for group in re.findall(r"\(([^()]*)\)", text):
        if re.search(r"facts|seed|\bS\d", group):
            text = text.replace(f"({group})", "(belum pasti)" if "uncertain" in group else "")
    text = re.sub(r"\buncertain\b", "belum pasti", text)
    text = re.sub(r"\b(seed \d+|facts §[\d.]+|S\d{1,2})\b[,;]?", "", text)
    return re.sub(r"\s+([;,.])", r"\1", re.sub(r"\s+", " ", text)).strip().rstrip(";")


def sop_sections(sop: Sop) -> list[Section]:
    """The document's content, in order, shared by the DOCX and the PDF."""
    name = _facility(sop)
    steps = sop.ordered_steps()
    verification = sop.step(VERIFICATION_STEP)
    cadence = CADENCES.get((verification.frekuensi if verification else None) or "", BLANK).lower()
    verifier = (verification.penanggung_jawab.strip() if verification else "") or BLANK
    sections = [
        Section(
            "Identitas",
            table=Table(
                ("", ""),
                [
                    ("Fasilitas kesehatan", name),
                    ("Tanggal berlaku", tanggal(sop.tanggal_berlaku) if sop.tanggal_berlaku else BLANK),
                    ("Nomor dokumen", BLANK),
                ],
                (1, 3),
            ),
        ),
        Section(
            "1. Tujuan",
            [
                "Menjamin setiap klaim BPJS Kesehatan dicatat lengkap saat pelayanan, diverifikasi sebelum dikirim, dan "
                "diajukan tepat waktu, sehingga klaim yang dikembalikan atau ditolak berkurang."
            ],
        ),
        Section(
            "2. Ruang lingkup",
            [
                f"Seluruh pelayanan peserta JKN di {name}: pendaftaran, pelayanan medis, entri P-Care, rekapitulasi "
                "dan verifikasi, pengiriman klaim, serta evaluasi dan tindak lanjut klaim yang dikembalikan."
            ],
        ),
        Section(
            "3. Prosedur",
            table=Table(
                ("No", "Langkah", "Uraian", "Penanggung jawab", "Frekuensi"),
                [
                    (
                        str(i),
                        step.judul,
                        step.uraian,
                        chosen.penanggung_jawab.strip() or BLANK,
                        CADENCES.get(chosen.frekuensi or "", BLANK),
                    )
                    for i, (step, chosen) in enumerate(steps, start=1)
                ],
                (1, 4, 7, 4, 3),
            ),
        ),
        Section(
            "4. Verifikasi internal",
            [
                f"Verifikasi internal dilakukan {cadence} oleh {verifier} ({STEP_BY_ID[VERIFICATION_STEP].judul}), "
                "memakai checklist pada bagian 6, sebelum klaim dikirim. Klaim yang belum lolos checklist "
                "diperbaiki dulu hanya dengan bukti yang memang ada; bukti tidak boleh dibuat belakangan."
            ],
        ),
        Section(
            "5. Kontrol tenggat",
            items=[f"{c.label} (Dasar: {c.sumber})" for c in sop.chosen_controls()] or ["Belum ditetapkan."],
        ),
        Section(
            "6. Checklist tim klaim",
            ["Diisi untuk setiap klaim atau rekap sebelum dikirim. Centang Ya bila sudah sesuai."],
            table=Table(
                ("No", "Pemeriksaan", "Dasar", "Ya", "Tidak"),
                [(str(i), item.label, _basis(item), "", "") for i, item in enumerate(sop.chosen_items(), start=1)],
                (2, 16, 11, 2, 3),
            ),
        ),
        Section("7. Referensi", items=list(SOURCES)),
    ]
    return sections


def signature_lines(sop: Sop) -> tuple[list[str], list[str]]:
    """The two columns of the signature block: prepared by, approved by the head of the facility."""
    prepared = sop.disusun_oleh.strip() or BLANK
    role = sop.jabatan_penyusun.strip() or BLANK
    head = sop.disetujui_oleh.strip() or BLANK
    left = ["Disusun oleh,", role, "", "", "", f"( {prepared} )", f"Tanggal: {BLANK}"]
    right = ["Disetujui oleh,", f"Kepala {_facility(sop)}", "", "", "", f"( {head} )", f"Tanggal: {BLANK}"]
    return left, right


# --- DOCX -----------------------------------------------------------------------------------------------------------


def sop_to_docx(sop: Sop) -> bytes:
    from docx import Document
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Pt

    doc = Document()
    doc.styles["Normal"].font.name = "Arial"
    doc.styles["Normal"].font.size = Pt(10)
    for text, size in ((TITLE, 14), (SUBTITLE, 11)):
        para = doc.add_paragraph()
        para.alignment = WD_ALIGN_PARAGRAPH.CENTER
        run = para.add_run(text)
        run.bold = True
        run.font.size = Pt(size)
    for section in sop_sections(sop):
        doc.add_heading(section.heading, level=2)
        for text in section.paragraphs:
            doc.add_paragraph(text)
        for text in section.items:
            doc.add_paragraph(text, style="List Number")
        if section.table is not None:
            has_header = any(section.table.header)
            table = doc.add_table(rows=0, cols=len(section.table.widths))
            table.style = "Table Grid"
            rows = ([section.table.header] if has_header else []) + section.table.rows
            for r, values in enumerate(rows):
                cells = table.add_row().cells
                for cell, value in zip(cells, values, strict=True):
                    cell.text = value
                    if has_header and r == 0:
                        cell.paragraphs[0].runs[0].bold = True
    doc.add_paragraph()
    left, right = signature_lines(sop)
    block = doc.add_table(rows=len(left), cols=2)
    for row, (a, b) in zip(block.rows, zip(left, right, strict=True), strict=True):
        row.cells[0].text, row.cells[1].text = a, b
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


# --- PDF ------------------------------------------------------------------------------------------------------------

_FOLD = str.maketrans(
    {"\u2013": "-", "\u2014": "-", "\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"', "\u2022": "-"}
)
_WORDS = {"\u2265": ">=", "\u2264": "<=", "\u2026": "...", "\u2192": "->", "\u2194": "<->"}


def to_latin1(text: str) -> str:
    """Text the PDF's core font can draw: typographic marks folded, accents kept, anything else as '?'."""
    text = text.translate(_FOLD)
    for mark, words in _WORDS.items():
        text = text.replace(mark, words)
    out = []
    for char in text:
        if ord(char) < 256:
            out.append(char)
        else:
            base = unicodedata.normalize("NFKD", char).encode("latin-1", "ignore").decode("latin-1")
            out.append(base or "?")
    return "".join(out)


def sop_to_pdf(sop: Sop) -> bytes:
    from fpdf import FPDF
    from fpdf.fonts import FontFace

    pdf = FPDF(format="A4")
    pdf.set_margins(18, 15, 18)
    pdf.set_auto_page_break(True, margin=15)
    pdf.set_title(to_latin1(f"SOP Klaim BPJS - {_facility(sop)}"))
    pdf.add_page()
    pdf.set_font("Helvetica", "B", 13)
    pdf.multi_cell(0, 7, TITLE, align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("Helvetica", "B", 11)
    pdf.multi_cell(0, 6, SUBTITLE, align="C", new_x="LMARGIN", new_y="NEXT")
    for section in sop_sections(sop):
        pdf.ln(3)
        pdf.set_font("Helvetica", "B", 11)
        pdf.multi_cell(0, 6, to_latin1(section.heading), new_x="LMARGIN", new_y="NEXT")
        pdf.set_font("Helvetica", "", 9.5)
        for text in section.paragraphs:
            pdf.multi_cell(0, 5, to_latin1(text), align="L", new_x="LMARGIN", new_y="NEXT")
        for i, text in enumerate(section.items, start=1):
            pdf.multi_cell(0, 5, to_latin1(f"{i}. {text}"), align="L", new_x="LMARGIN", new_y="NEXT")
        if section.table is not None:
            has_header = any(section.table.header)
            with pdf.table(
                col_widths=section.table.widths,
                text_align="LEFT",
                line_height=4.6,
                first_row_as_headings=has_header,
                headings_style=FontFace(emphasis="BOLD"),
            ) as table:
                for values in ([section.table.header] if has_header else []) + section.table.rows:
                    row = table.row()
                    for value in values:
                        row.cell(to_latin1(value))
    pdf.ln(6)
    pdf.set_font("Helvetica", "", 10)
    left, right = signature_lines(sop)
    with pdf.table(col_widths=(1, 1), borders_layout="NONE", first_row_as_headings=False, line_height=5) as table:
        for a, b in zip(left, right, strict=True):
            row = table.row()
            row.cell(to_latin1(a))
            row.cell(to_latin1(b))
    return bytes(pdf.output())
