"""The training curriculum in the layout of Kemenkes training curricula, as DOCX (python-docx) and PDF (fpdf2).

One list of blocks is built from the modules (their group, hours split, objectives, lessons and cited sources) and
rendered twice, so both files always say the same. Everything in the document is Bahasa Indonesia. The layout follows
the systematics of Kemenkes training curricula (Pendahuluan; Komponen Kurikulum: tujuan, kompetensi, struktur
kurikulum with T/P/PL per materi, ringkasan materi; evaluasi; ketentuan and sertifikat); the module groups and hours
are this course's design, which the document says. The output is deterministic for the same content: no date is
printed, the DOCX's properties and zip entries carry a fixed time, and the PDF's creation date is fixed.
"""

from __future__ import annotations

import datetime as dt
import io
import os
import re
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from bimtek.modules import KINDS, Kelompok, Module
from bimtek.sop_export import DOCX_MIME, to_latin1
from bimtek.sources import Source, Status, citing_places, load_sources

ORGANISER_ENV = "BIMTEK_PENYELENGGARA"  # e.g. "Dinas Kesehatan Kabupaten Sleman": the organiser, as on certificates
JPL_MINUTES = 45  # one jam pelajaran, as the certificate counts it
MINIMUM_TRAINING_JPL = 30  # Kepmenkes 725/Menkes/SK/V/2003 as quoted in Kemenkes curriculum-writing material
TITLE = "KURIKULUM PELATIHAN"
COURSE = "Bimbingan Teknis Manajemen Klaim BPJS Kesehatan bagi Tenaga Fasilitas Kesehatan Tingkat Pertama (FKTP)"
PRODUCT = "Bimtek Klaim BPJS"
FORMATS: dict[str, str] = {"docx": DOCX_MIME, "pdf": "application/pdf"}
FILE_STEM = "kurikulum-bimtek-klaim-bpjs"
FIXED_TIME = dt.datetime(2026, 1, 1, tzinfo=dt.UTC)  # stamped wherever a file format wants a time
DAY_JPL = 8  # the most JPL a proposed training day holds (6 hours of lessons): this course's design, not a rule
GROUP_LETTERS = {Kelompok.DASAR: "A", Kelompok.INTI: "B", Kelompok.PENUNJANG: "C"}

# The four indicators of the source article's "Checklist Evaluasi Pasca Bimtek" (aspect, success criterion), as
# scoring/indicators.py grades them; tests/test_curriculum.py keeps the two lists equal.
CHECKLIST: tuple[tuple[str, str], ...] = (
    ("Pemahaman Regulasi", "Peserta mampu menyebutkan minimal 3 peraturan terkini"),
    ("Praktik Pengisian Data", "Input P-Care tanpa kesalahan pada 5 contoh kasus"),
    ("Penurunan Klaim Ditolak", "Turun minimal 25% dalam 1 bulan pasca pelatihan"),
    ("Implementasi SOP", "FKTP menyusun dan menjalankan SOP baru sesuai modul pelatihan"),
)
# What a participant can do after the course, as the course is designed (the modules' own objectives are listed per
# materi); the wording is this course's, not a standard's.
COMPETENCES: tuple[str, ...] = (
    "menerapkan regulasi klaim FKTP yang berlaku dan membedakannya dari yang sudah dicabut",
    "mengisi data pelayanan di P-Care dan menyiapkan berkas klaim dengan lengkap dan benar",
    "memverifikasi klaim secara internal, memperbaikinya hanya dengan bukti yang ada, dan menindaklanjuti klaim "
    "yang dikembalikan",
    "menghitung kapitasi dan tarif non-kapitasi serta mencatat piutang BPJS dan pelunasannya",
    "menyusun dan menjalankan SOP pengelolaan klaim di FKTP",
)
DESIGN_NOTE = (
    "Pengelompokan materi (dasar, inti, penunjang) dan rincian JPL teori, penugasan dan praktik lapangan setiap materi "
    "adalah rancangan pelatihan ini, bukan ketentuan regulasi: tidak ada sumber yang menetapkannya. Sesuaikan dengan "
    "ketentuan lembaga yang mengakreditasi sebelum kurikulum diajukan."
)


# --- the document as blocks -----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Heading:
    text: str
    level: int  # 1 = bab, 2 = subbab, 3 = one materi


@dataclass(frozen=True)
class Paragraph:
    text: str
    italic: bool = False


@dataclass(frozen=True)
class Items:
    items: tuple[str, ...]
    numbered: bool = True


@dataclass(frozen=True)
class Grid:
    """A table with a header row; `bold` holds the indices of rows (0 = header) printed bold, `align` L/C/R per column."""

    header: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    widths: tuple[int, ...]
    align: tuple[str, ...]
    bold: frozenset[int] = field(default_factory=frozenset)


@dataclass(frozen=True)
class Fields:
    """Labelled entries (label, lines): the rancang bangun of one materi, too long for a table row on a page."""

    entries: tuple[tuple[str, tuple[str, ...]], ...]


Block = Heading | Paragraph | Items | Grid | Fields


@dataclass(frozen=True)
class Curriculum:
    """What the document is made of: the modules by group (in study order) and the course's surroundings."""

    modules: tuple[Module, ...]
    organiser: str | None = None
    scenarios: tuple[Any, ...] = ()  # loaded scenarios (id, judul, modul), for the case-study figures

    def group(self, kelompok: Kelompok) -> list[Module]:
        return [m for m in self.modules if m.kelompok == kelompok]

    @property
    def total_jpl(self) -> int:
        return sum(m.jpl for m in self.modules)

    def number(self, module: Module) -> str:
        """'B.3': the group's letter and the module's place in its group, as the structure table numbers it."""
        return f"{GROUP_LETTERS[module.kelompok]}.{self.group(module.kelompok).index(module) + 1}"

    def scenario_ids(self, module: Module) -> list[str]:
        own = [s.id for s in self.scenarios if getattr(s, "modul", None) == module.id]
        return list(dict.fromkeys([*module.skenario, *own]))


def build_curriculum(
    modules: Sequence[Module], organiser: str | None = None, scenarios: Sequence[Any] = ()
) -> Curriculum:
    ordered = sorted(modules, key=lambda m: (list(Kelompok).index(m.kelompok), m.urutan, m.id))
    return Curriculum(tuple(ordered), (organiser or "").strip() or None, tuple(scenarios))


def _plain(text: str) -> str:
    """Authored text as a document prints it: markdown emphasis and code marks dropped, whitespace collapsed."""
    return " ".join(re.sub(r"\*\*|__|`", "", text).split())


def _lower_first(text: str) -> str:
    text = text.strip().rstrip(".")
    return text[:1].lower() + text[1:] if text[1:2].islower() else text


def _sentence_list(parts: list[str]) -> tuple[str, ...]:
    """Items of one running sentence: each ends with ';', the last with '.'."""
    return tuple(f"{p}{'.' if i == len(parts) - 1 else ';'}" for i, p in enumerate(parts))


def _minutes(jpl: int) -> str:
    return f"{jpl * JPL_MINUTES} menit"


def reference_text(source: Source) -> str:
    """How the curriculum lists a source: full title, publisher and year, with its status when not in force."""
    named = f"{source.judul} {source.penerbit}"
    year = f", {source.tahun}" if source.tahun and str(source.tahun) not in named else ""
    text = f"{source.judul}. {source.penerbit}{year}."
    if source.status == Status.DICABUT:
        text += " (Sudah dicabut; dibahas sebagai pembanding.)"
    elif source.status == Status.BELUM_PASTI:
        text += " (Belum pasti.)"
    return text


def module_references(module: Module) -> list[str]:
    """The registered sources the module's text cites (lessons, objectives, exercises), in the registry's order."""
    (place,) = citing_places([module], [], [])
    return [reference_text(s) for s in load_sources() if s.cited_in(place.text)]


def training_days(curriculum: Curriculum) -> list[list[Module]]:
    """The materi in study order (`urutan`), filled into days of at most DAY_JPL (a materi is never split)."""
    days: list[list[Module]] = []
    for module in sorted(curriculum.modules, key=lambda m: (m.urutan, m.id)):
        if not days or sum(m.jpl for m in days[-1]) + module.jpl > DAY_JPL:
            days.append([])
        days[-1].append(module)
    return days


def schedule_table(curriculum: Curriculum) -> Grid:
    """Hari, Materi, T, P, PL, JPL: a proposed split of the materi over training days, with each day's total."""
    rows: list[tuple[str, ...]] = []
    bold: set[int] = {0}
    for number, day in enumerate(training_days(curriculum), start=1):
        for i, m in enumerate(day):
            j = m.jam
            hari = f"Hari {number}" if i == 0 else ""
            rows.append((hari, m.judul, str(j.teori), str(j.penugasan), str(j.praktik_lapangan), str(m.jpl)))
        rows.append(("", f"Jumlah hari {number}", *_sums(day)))
        bold.add(len(rows))
    return Grid(
        ("Hari", "Materi", "T", "P", "PL", "JPL"),
        tuple(rows),
        (16, 94, 14, 14, 14, 16),
        ("L", "L", "C", "C", "C", "C"),
        frozenset(bold),
    )


def structure_table(curriculum: Curriculum) -> Grid:
    """No, Materi, T, P, PL, JPL: a section row per group, its modules, its subtotal, and the total."""
    rows: list[tuple[str, ...]] = []
    bold: set[int] = {0}
    for kelompok in Kelompok:
        modules = curriculum.group(kelompok)
        rows.append((f"{GROUP_LETTERS[kelompok]}.", kelompok.label, "", "", "", ""))
        bold.add(len(rows))
        for number, m in enumerate(modules, start=1):
            j = m.jam
            rows.append((str(number), m.judul, str(j.teori), str(j.penugasan), str(j.praktik_lapangan), str(m.jpl)))
        if not modules:
            rows.append(("", "(tidak ada materi pada kelompok ini)", "", "", "", ""))
        rows.append(("", f"Subtotal {kelompok.label}", *_sums(modules)))
        bold.add(len(rows))
    rows.append(("", "JUMLAH", *_sums(list(curriculum.modules))))
    bold.add(len(rows))
    return Grid(
        ("No", "Materi", "T", "P", "PL", "JPL"),
        tuple(rows),
        (10, 100, 14, 14, 14, 16),
        ("C", "L", "C", "C", "C", "C"),
        frozenset(bold),
    )


def _sums(modules: list[Module]) -> tuple[str, str, str, str]:
    return (
        str(sum(m.jam.teori for m in modules)),
        str(sum(m.jam.penugasan for m in modules)),
        str(sum(m.jam.praktik_lapangan for m in modules)),
        str(sum(m.jpl for m in modules)),
    )


def _methods(curriculum: Curriculum, module: Module) -> list[str]:
    out = []
    if module.jam.teori:
        out.append("Ceramah interaktif dan tanya jawab (teori): narasumber memaparkan pelajaran modul.")
    if module.jam.penugasan:
        kinds = sorted({KINDS[e.jenis] for e in module.latihan})
        out.append(f"Latihan yang langsung dinilai dan dibahas ({', '.join(kinds).lower()}).")
        cases = len(curriculum.scenario_ids(module))
        if cases:
            out.append(f"Studi kasus klaim simulasi ({cases} kasus terkait): temukan kesalahan, perbaiki klaim.")
    if module.jam.praktik_lapangan:
        out.append(f"Praktik lapangan: {module.jam.tugas_lapangan.strip()}")
    if not module.jam.penugasan:
        out.append("Latihan mandiri sesudah sesi (tidak dihitung dalam JPL).")
    return out


def _media(curriculum: Curriculum, module: Module) -> list[str]:
    out = [
        f"Aplikasi {PRODUCT}, halaman Modul Bimtek: '{module.judul}' (laptop atau ponsel peserta).",
        "Laptop dan proyektor narasumber; jaringan lokal ruang pelatihan.",
    ]
    if module.aturan:
        out.append(f"Katalog Aturan verifikasi (aturan {', '.join(module.aturan)}).")
    if module.jam.praktik_lapangan:
        out.append("Data atau berkas klaim fasilitas peserta sendiri.")
    return out


def _time(module: Module) -> str:
    j = module.jam
    return (
        f"T {j.teori} JPL, P {j.penugasan} JPL, PL {j.praktik_lapangan} JPL; "
        f"jumlah {module.jpl} JPL ({_minutes(module.jpl)})"
    )


def materi_fields(curriculum: Curriculum, module: Module) -> Fields:
    """The rancang bangun of one materi: description, learning outcome and indicators, content, method, time, sources."""
    references = module_references(module)
    entries = (
        ("Kelompok", (module.kelompok.label,)),
        ("Deskripsi singkat", (_plain(module.ringkasan),)),
        (
            "Hasil belajar",
            (
                f"Setelah mengikuti materi ini, peserta mampu menerapkan materi '{module.judul}' dalam pengelolaan "
                "klaim BPJS Kesehatan di FKTP.",
            ),
        ),
        (
            "Indikator hasil belajar",
            (
                "Setelah mengikuti materi ini, peserta dapat:",
                *(f"{i}. {_plain(goal)}" for i, goal in enumerate(module.tujuan, start=1)),
            ),
        ),
        ("Materi pokok", tuple(f"{i}. {_plain(lesson.judul)}" for i, lesson in enumerate(module.pelajaran, start=1))),
        ("Metode", tuple(f"- {m}" for m in _methods(curriculum, module))),
        ("Media dan alat bantu", tuple(f"- {m}" for m in _media(curriculum, module))),
        ("Estimasi waktu", (_time(module),)),
        (
            "Referensi",
            tuple(f"{i}. {r}" for i, r in enumerate(references, start=1))
            or ("(tidak ada sumber terdaftar yang dikutip)",),
        ),
    )
    return Fields(entries)


def curriculum_blocks(curriculum: Curriculum) -> list[Block]:
    """The whole document, in order, shared by the DOCX and the PDF."""
    total = curriculum.total_jpl
    inti = curriculum.group(Kelompok.INTI)
    dasar = curriculum.group(Kelompok.DASAR)
    cases = sorted({sid for m in curriculum.modules for sid in curriculum.scenario_ids(m)})
    items = sum(len(e.soal) for m in curriculum.modules for e in m.latihan)
    blocks: list[Block] = [
        Heading("I. PENDAHULUAN", 1),
        Heading("A. Latar Belakang", 2),
        Paragraph(
            "Fasilitas Kesehatan Tingkat Pertama (FKTP: Puskesmas, klinik pratama, praktik dokter) kehilangan "
            "pendapatan ketika klaim BPJS Kesehatannya dikembalikan atau ditolak: diagnosa yang tidak mendukung "
            "tindakan, entri P-Care yang tidak lengkap, resume medis yang belum ditandatangani, pelayanan yang tidak "
            "dicatat saat terjadi, atau klaim yang diajukan melewati batas waktu."
        ),
        Paragraph(
            "Pengajuan klaim FKTP diatur antara lain oleh Peraturan Presiden Nomor 82 Tahun 2018 tentang Jaminan "
            "Kesehatan, Peraturan Menteri Kesehatan Nomor 3 Tahun 2023 tentang standar tarif, dan Peraturan BPJS "
            "Kesehatan Nomor 7 Tahun 2018 tentang pengelolaan administrasi klaim. Petugas yang memahami aturan ini "
            "dan terbiasa memeriksa klaim sebelum mengirimnya dapat mencegah sebagian besar pengembalian."
        ),
        Paragraph(
            f"Bimbingan teknis ini melatih petugas klaim, dokter, bidan, perawat, pengelola keuangan dan admin "
            f"P-Care melalui modul singkat, latihan yang langsung dinilai, dan studi kasus klaim simulasi pada "
            f"aplikasi {PRODUCT}. Keberhasilannya diukur dengan Checklist Evaluasi Pasca Bimtek, termasuk klaim "
            "dikembalikan dan ditolak yang turun minimal 25% dalam satu bulan sesudah pelatihan."
        ),
        Heading("B. Peran dan Fungsi", 2),
        Paragraph(
            "Peran: setelah pelatihan, peserta berperan sebagai pengelola klaim BPJS Kesehatan di FKTP-nya sesuai "
            "jabatan masing-masing. Fungsi:"
        ),
        Items(
            (
                "mencatat pelayanan dan mengisi P-Care dengan lengkap dan benar pada hari pelayanan;",
                "menyiapkan berkas klaim yang lengkap dan bukti pendukung yang memang ada;",
                "memverifikasi klaim secara internal sebelum dikirim dan mengajukannya tepat waktu;",
                "menindaklanjuti klaim yang dikembalikan serta mencatat piutang BPJS dan pelunasannya;",
                "menyusun dan menjalankan SOP pengelolaan klaim di FKTP.",
            )
        ),
        Heading("II. KOMPONEN KURIKULUM", 1),
        Heading("A. Tujuan", 2),
        Paragraph(
            "Tujuan umum: setelah mengikuti pelatihan, peserta mampu mengelola klaim BPJS Kesehatan di FKTP sehingga "
            "klaim yang dikembalikan atau ditolak berkurang."
        ),
        Paragraph("Tujuan khusus: setelah mengikuti pelatihan, peserta mampu:"),
        Items(_sentence_list([f"{_lower_first(_plain(m.tujuan[0]))} ({m.judul})" for m in [*dasar, *inti]])),
        Heading("B. Kompetensi", 2),
        Paragraph("Untuk mencapai tujuan tersebut, peserta dibekali kompetensi:"),
        Items(_sentence_list(list(COMPETENCES))),
        Heading("C. Struktur Kurikulum", 2),
        Paragraph(f"Pelatihan berjumlah {total} JPL ({len(curriculum.modules)} materi) dan disusun sebagai berikut."),
        structure_table(curriculum),
        Paragraph(
            "Keterangan: T = teori, P = penugasan (latihan, studi kasus simulasi dan diskusinya), PL = praktik "
            f"lapangan (pekerjaan pada data atau berkas fasilitas peserta sendiri), JPL = jam pelajaran. "
            f"1 JPL = {JPL_MINUTES} menit untuk T, P dan PL, sama dengan yang dicetak pada sertifikat. Sebagian "
            "kurikulum pelatihan bidang kesehatan menghitung 1 JPL praktik lapangan sebagai 60 menit: belum pasti, "
            "ikuti ketentuan lembaga yang mengakreditasi.",
            italic=True,
        ),
        Paragraph(
            f"Pelatihan di bidang kesehatan lazimnya berlangsung paling sedikit {MINIMUM_TRAINING_JPL} JPL @ "
            f"{JPL_MINUTES} menit (Keputusan Menteri Kesehatan Nomor 725/Menkes/SK/V/2003 tentang Pedoman "
            "Penyelenggaraan Pelatihan di Bidang Kesehatan, sebagaimana dikutip bahan penyusunan kurikulum pelatihan "
            "Kementerian Kesehatan; naskah aslinya belum diperiksa: belum pasti).",
            italic=True,
        ),
        Paragraph(DESIGN_NOTE, italic=True),
        Heading("D. Ringkasan Materi (Rancang Bangun Pembelajaran)", 2),
    ]
    for m in curriculum.modules:
        blocks.append(Heading(f"{curriculum.number(m)} {m.judul}", 3))
        blocks.append(materi_fields(curriculum, m))
    blocks += [
        Heading("E. Evaluasi Hasil Belajar", 2),
        Items(
            (
                "Penjajakan awal dan akhir (pre-test dan post-test): satu putaran latihan setiap modul sebelum "
                "materi dibahas, lalu putaran dengan soal lain sesudahnya; aplikasi mengundi soal dari bank soal "
                f"modul ({items} soal) dan menilainya langsung. Cara ini rancangan pelatihan ini.",
                f"Praktik studi kasus: {len(cases)} kasus klaim simulasi dinilai atas kesalahan yang ditemukan, "
                "perbaikan klaim (diverifikasi ulang dengan aturan yang sama), integritas (tidak mengarang bukti) "
                "dan waktu.",
                "Checklist Evaluasi Pasca Bimtek, dinilai per peserta dari pekerjaannya: "
                + "; ".join(f"{aspect}: {_lower_first(criterion)}" for aspect, criterion in CHECKLIST)
                + ".",
                "Evaluasi narasumber dan penyelenggara: dengan instrumen lembaga penyelenggara (tidak disediakan "
                "aplikasi).",
            )
        ),
        Heading("III. DIAGRAM ALUR PROSES PELATIHAN", 1),
        Items(
            (
                "Pembukaan, perkenalan dan penjajakan awal (pre-test).",
                "Materi penunjang: persiapan dan komitmen belajar.",
                "Materi dasar: regulasi, jenis dan alur klaim.",
                "Materi inti: teori, latihan dan studi kasus klaim simulasi.",
                "Praktik lapangan pada data dan berkas klaim fasilitas peserta.",
                "Penjajakan akhir (post-test) dan evaluasi pelatihan.",
                "Rencana tindak lanjut: SOP klaim fasilitas dan pemantauan klaim satu bulan sesudah pelatihan "
                "(Checklist Evaluasi Pasca Bimtek).",
                "Penutupan.",
            )
        ),
        Heading("IV. KETENTUAN PELATIHAN", 1),
        Heading("A. Peserta", 2),
        Paragraph(
            "Sasaran: staf FKTP (Puskesmas, klinik pratama, praktik mandiri dokter dan dokter gigi) yang terlibat "
            "dalam klaim BPJS Kesehatan: petugas klaim dan administrasi, admin P-Care, dokter dan dokter gigi, bidan "
            "(termasuk bidan jejaring), perawat, pengelola keuangan atau bendahara dana kapitasi, dan kepala FKTP."
        ),
        Paragraph(
            "Jumlah: paling banyak 30 peserta per kelas, agar narasumber dapat memantau studi kasus setiap peserta "
            "di Dasbor Kelas (rancangan pelatihan ini).",
        ),
        Heading("B. Narasumber", 2),
        Paragraph(
            "Menguasai pengelolaan klaim BPJS Kesehatan di FKTP (mis. pengelola klaim atau verifikator berpengalaman, "
            "staf dinas kesehatan) dan memahami kurikulum ini."
        ),
        Heading("C. Penyelenggara", 2),
        Paragraph(
            curriculum.organiser
            or "(nama penyelenggara belum diisi; pengelola aplikasi mengaturnya di pengaturan BIMTEK_PENYELENGGARA)"
        ),
        Heading("D. Sertifikat", 2),
        Paragraph(
            "Peserta yang memenuhi keempat indikator Checklist Evaluasi Pasca Bimtek memperoleh sertifikat dari "
            f"penyelenggara. Sertifikat memuat kode verifikasi, kelas, tanggal pelaksanaan dan narasumber; halaman "
            f"belakangnya mencantumkan materi yang dituntaskan (semua latihan modul dikerjakan) dengan JPL teori, "
            f"penugasan dan praktik lapangan masing-masing serta jumlah JPL (paling banyak {total} JPL, 1 JPL = "
            f"{JPL_MINUTES} menit)."
        ),
        Paragraph(
            "Pengakuan JPL sebagai Satuan Kredit Profesi (SKP) tenaga kesehatan, misalnya melalui Plataran Sehat, "
            "memerlukan akreditasi pelatihan oleh lembaga yang berwenang; kurikulum ini belum diakreditasi dan "
            "konversi JPL menjadi SKP belum pasti.",
            italic=True,
        ),
        Heading("LAMPIRAN: USULAN PEMBAGIAN HARI", 1),
        Paragraph(
            f"Materi dalam urutan belajar aplikasi, paling banyak {DAY_JPL} JPL per hari, tanpa memecah materi: "
            f"{len(training_days(curriculum))} hari. Ini usulan rancangan pelatihan ini; tanggal, jam mulai, "
            "istirahat, pembukaan, penjajakan dan penutupan diatur penyelenggara dalam jadwal pelatihan."
        ),
        schedule_table(curriculum),
    ]
    return blocks


def _cover(curriculum: Curriculum) -> list[str]:
    lines = [TITLE, COURSE.upper()]
    if curriculum.organiser:
        lines.append(curriculum.organiser)
    lines.append(f"{curriculum.total_jpl} JPL")
    return lines


# --- DOCX -----------------------------------------------------------------------------------------------------------


def curriculum_docx(curriculum: Curriculum) -> bytes:
    from docx import Document
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Mm, Pt

    doc = Document()
    doc.styles["Normal"].font.name = "Arial"
    doc.styles["Normal"].font.size = Pt(10)
    for section in doc.sections:
        section.page_width, section.page_height = Mm(210), Mm(297)
        section.left_margin = section.right_margin = Mm(20)
    props = doc.core_properties
    props.title = f"{TITLE} {COURSE}"
    props.author = props.last_modified_by = curriculum.organiser or PRODUCT
    props.created = props.modified = props.last_printed = FIXED_TIME.replace(tzinfo=None)
    props.revision = 1
    _page_footer(doc.sections[0].footer.paragraphs[0])
    for i, text in enumerate(_cover(curriculum)):
        para = doc.add_paragraph()
        para.alignment = WD_ALIGN_PARAGRAPH.CENTER
        run = para.add_run(text)
        run.bold = True
        run.font.size = Pt(14 if i == 0 else 11)
    aligns = {"L": WD_ALIGN_PARAGRAPH.LEFT, "C": WD_ALIGN_PARAGRAPH.CENTER, "R": WD_ALIGN_PARAGRAPH.RIGHT}
    for block in curriculum_blocks(curriculum):
        if isinstance(block, Heading):
            doc.add_heading(block.text, level=block.level)
        elif isinstance(block, Paragraph):
            para = doc.add_paragraph()
            para.add_run(block.text).italic = block.italic
        elif isinstance(block, Items):
            for text in block.items:
                doc.add_paragraph(text, style="List Number" if block.numbered else "List Bullet")
        elif isinstance(block, Fields):
            for label, lines in block.entries:
                doc.add_paragraph().add_run(label).bold = True
                for line in lines:
                    doc.add_paragraph(line).paragraph_format.left_indent = Mm(6)
        else:
            table = doc.add_table(rows=0, cols=len(block.widths))
            table.style = "Table Grid"
            total_width = sum(block.widths)
            for r, values in enumerate([block.header, *block.rows]):
                cells = table.add_row().cells
                for c, (cell, value) in enumerate(zip(cells, values, strict=True)):
                    cell.width = Mm(170 * block.widths[c] / total_width)
                    para = cell.paragraphs[0]
                    para.alignment = aligns[block.align[c]]
                    para.add_run(value).bold = r in block.bold
    out = io.BytesIO()
    doc.save(out)
    return _fixed_zip(out.getvalue())


def _page_footer(paragraph: Any) -> None:
    """'Kurikulum Bimtek Klaim BPJS - halaman N' with Word's PAGE field (python-docx has no API for fields)."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    paragraph.add_run(f"Kurikulum {PRODUCT} - halaman ")
    field_ = OxmlElement("w:fldSimple")
    field_.set(qn("w:instr"), "PAGE")
    run, text = OxmlElement("w:r"), OxmlElement("w:t")
    text.text = "1"
    run.append(text)
    field_.append(run)
    paragraph._p.append(field_)


def _fixed_zip(data: bytes) -> bytes:
    """The same zip with every entry stamped FIXED_TIME, so equal content gives equal bytes."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            entry = zipfile.ZipInfo(info.filename, date_time=FIXED_TIME.timetuple()[:6])
            entry.compress_type = zipfile.ZIP_DEFLATED
            target.writestr(entry, source.read(info.filename))
    return out.getvalue()


# --- PDF ------------------------------------------------------------------------------------------------------------


def curriculum_pdf(curriculum: Curriculum) -> bytes:
    from fpdf import FPDF
    from fpdf.fonts import FontFace

    class _Document(FPDF):
        def footer(self) -> None:
            self.set_y(-12)
            self.set_font("Helvetica", "I", 8)
            self.cell(0, 5, f"Kurikulum {PRODUCT} - halaman {self.page_no()} dari {{nb}}", align="C")

    pdf = _Document(format="A4")
    pdf.set_margins(18, 15, 18)
    pdf.set_auto_page_break(True, margin=15)
    pdf.set_creation_date(FIXED_TIME)
    pdf.set_title(to_latin1(f"{TITLE} {COURSE}"))
    pdf.set_author(to_latin1(curriculum.organiser or PRODUCT))
    pdf.alias_nb_pages()
    pdf.add_page()
    for i, text in enumerate(_cover(curriculum)):
        pdf.set_font("Helvetica", "B", 14 if i == 0 else 11)
        pdf.multi_cell(0, 7, to_latin1(text), align="C", new_x="LMARGIN", new_y="NEXT")
    bold = FontFace(emphasis="BOLD")
    for block in curriculum_blocks(curriculum):
        if isinstance(block, Heading):
            pdf.ln({1: 5, 2: 3, 3: 3}[block.level])
            pdf.set_font("Helvetica", "B", {1: 12, 2: 11, 3: 10.5}[block.level])
            pdf.multi_cell(0, 6, to_latin1(block.text), new_x="LMARGIN", new_y="NEXT")
        elif isinstance(block, Paragraph):
            pdf.set_font("Helvetica", "I" if block.italic else "", 9.5)
            pdf.multi_cell(0, 5, to_latin1(block.text), align="L", new_x="LMARGIN", new_y="NEXT")
            pdf.ln(1)
        elif isinstance(block, Items):
            pdf.set_font("Helvetica", "", 9.5)
            for i, text in enumerate(block.items, start=1):
                mark = f"{i}." if block.numbered else "-"
                pdf.set_x(pdf.l_margin + 2)
                pdf.cell(7, 5, mark)
                pdf.multi_cell(0, 5, to_latin1(text), align="L", new_x="LMARGIN", new_y="NEXT")
        elif isinstance(block, Fields):
            for label, lines in block.entries:
                pdf.set_font("Helvetica", "B", 9.5)
                pdf.multi_cell(0, 5, to_latin1(label), new_x="LMARGIN", new_y="NEXT")
                pdf.set_font("Helvetica", "", 9.5)
                for line in lines:
                    pdf.set_x(pdf.l_margin + 6)
                    pdf.multi_cell(0, 5, to_latin1(line), align="L", new_x="LMARGIN", new_y="NEXT")
        else:
            pdf.set_font("Helvetica", "", 9)
            with pdf.table(
                col_widths=block.widths,
                text_align=tuple({"L": "LEFT", "C": "CENTER", "R": "RIGHT"}[a] for a in block.align),
                line_height=4.6,
                headings_style=bold,
            ) as table:
                table.row([to_latin1(v) for v in block.header])
                for r, values in enumerate(block.rows, start=1):
                    table.row([to_latin1(v) for v in values], style=bold if r in block.bold else None)
            pdf.ln(2)
    return bytes(pdf.output())


def organiser_from_env() -> str | None:
    return os.environ.get(ORGANISER_ENV, "").strip() or None


def render(curriculum: Curriculum, fmt: str) -> bytes:
    """The document in `fmt` ('docx' or 'pdf')."""
    return curriculum_docx(curriculum) if fmt == "docx" else curriculum_pdf(curriculum)


def file_name(fmt: str) -> str:
    return f"{FILE_STEM}.{fmt}"
