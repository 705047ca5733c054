"""Exports of checklist results: a cohort's CSV/XLSX, a trainee's PDF report, and the certificate PDF (pure, no I/O).

The PDFs use fpdf2's core Helvetica through bimtek.sop_export.to_latin1, like the SOP export.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, NamedTuple

from bimtek.curriculum import JPL_MINUTES
from bimtek.errors import InputError
from bimtek.fmt import tanggal
from bimtek.io import rows_to_csv
from bimtek.sop_export import to_latin1
from bimtek.spreadsheet import Sheet, fieldnames, workbook_bytes
from scoring.exercises import summarise_progress
from scoring.indicators import INDICATORS, WIB, ChecklistReport, IndicatorResult
from scoring.item_stats import FLAGGED, STATISTIC_FIELDS, cohort_statistics, statistic_rows

TERCAPAI = "Tercapai"
BELUM = "Belum tercapai"
CERTIFICATE_CLAIM = (
    "telah memenuhi keempat indikator Checklist Evaluasi Pasca Bimtek Manajemen Klaim BPJS Kesehatan untuk FKTP"
)
VERIFY_PAGE = "verifikasi"  # url path of views/verifikasi.py under st.navigation
VERIFY_QUERY = "kode"
SUMMARY_SHEET = "Ringkasan"
STATISTICS_SHEET = "Statistik Butir"
XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@dataclass(frozen=True)
class TraineeResult:
    """One trainee's checklist and attempts, as an export needs them."""

    learner_id: str
    name: str
    cohort: str | None
    report: ChecklistReport
    attempts: tuple[Mapping[str, Any], ...] = field(default=())
    exercises: tuple[Mapping[str, Any], ...] = field(default=())  # graded exercise items, oldest first


class CompletedModule(NamedTuple):
    """A module the trainee completed, with its learning hours as the curriculum splits them."""

    title: str
    jpl: int
    teori: int = 0
    penugasan: int = 0
    praktik_lapangan: int = 0


@dataclass(frozen=True)
class Certificate:
    """What a certificate states; only certify() makes one, and only for a trainee who met all four indicators.

    The details a training office asks for (organiser, trainer, the period, the modules with their JPL) are added
    with dataclasses.replace() by whoever knows them (ui/export_view.py); a line without its detail is left out.
    """

    code: str
    name: str
    cohort: str | None
    issued_on: dt.date
    indicators: tuple[str, ...]  # the four aspects, as the checklist names them
    organiser: str | None = None  # the training office (setting BIMTEK_PENYELENGGARA)
    trainer: str | None = None  # the cohort's narasumber
    started_on: dt.date | None = None  # the trainee's first graded work
    modules: tuple[CompletedModule, ...] = ()  # each module completed, with its JPL and their split

    @property
    def total_jpl(self) -> int:
        return sum(m.jpl for m in self.modules)


def completed_modules(modules: Sequence[Any], exercises: Sequence[Mapping[str, Any]]) -> tuple[CompletedModule, ...]:
    """Each module whose every exercise has a full round graded (as the module list counts it), with its hours."""
    rows = [dict(r) for r in exercises]
    out = []
    for m in modules:
        done = summarise_progress(m, rows)
        if done.total and done.done == done.total:
            out.append(CompletedModule(m.judul, int(m.jpl), m.jam.teori, m.jam.penugasan, m.jam.praktik_lapangan))
    return tuple(out)


def first_day(*records: Sequence[Mapping[str, Any]]) -> dt.date | None:
    """The WIB date of the earliest record ('created_at', ISO), or None when there is none."""
    moments = []
    for rows in records:
        for r in rows:
            try:
                moment = dt.datetime.fromisoformat(str(r.get("created_at")))
            except ValueError:
                continue
            moments.append(moment if moment.tzinfo else moment.replace(tzinfo=dt.UTC))
    return min(moments).astimezone(WIB).date() if moments else None


def status(met: bool) -> str:
    return TERCAPAI if met else BELUM


# --- figures ---------------------------------------------------------------------------------------------------------


def attempt_summary(attempts: Sequence[Mapping[str, Any]]) -> dict[str, Any]:
    """Key figures of a trainee's case-study attempts: how many, distinct cases, cases finished, scores, time."""
    scores = [int(a["score"]) for a in attempts if isinstance(a.get("score"), int | float)]
    finished = {a.get("scenario_id") for a in attempts if a.get("correction_ok") and a.get("integrity_ok", True)}
    seconds = sum(float(a.get("seconds") or 0) for a in attempts)
    return {
        "percobaan": len(attempts),
        "kasus_dicoba": len({a.get("scenario_id") for a in attempts}),
        "kasus_tuntas": len(finished),
        "skor_rata_rata": round(sum(scores) / len(scores), 1) if scores else None,
        "skor_terbaik": max(scores) if scores else None,
        "menit_mengerjakan": round(seconds / 60, 1),
    }


def cohort_rows(results: Sequence[TraineeResult]) -> list[dict[str, Any]]:
    """One row per trainee: each indicator met or not, the overall result, and the attempt figures."""
    rows = []
    for result in results:
        row: dict[str, Any] = {"nama": result.name, "kelas": result.cohort or ""}
        for item in result.report.results:
            row[item.indicator.aspek] = status(item.met)
        row["indikator_terpenuhi"] = f"{result.report.met_count}/{len(result.report.results)}"
        row["hasil"] = "Lulus (4 indikator)" if result.report.met else BELUM
        row.update(attempt_summary(result.attempts))
        rows.append(row)
    return rows


def indicator_rows(results: Sequence[TraineeResult], indicator_id: str) -> list[dict[str, Any]]:
    """One row per trainee for one indicator: status, evidence and next steps."""
    rows = []
    for result in results:
        item = result.report.result(indicator_id)
        row = {
            "nama": result.name,
            "status": status(item.met),
            "bukti": "\n".join(item.evidence),
            "langkah_berikutnya": "\n".join(item.next_steps),
        }
        if item.field is not None:
            row["bukti_lapangan"] = "\n".join(item.field.evidence)
        rows.append(row)
    return rows


# --- CSV / XLSX ------------------------------------------------------------------------------------------------------


def cohort_csv(results: Sequence[TraineeResult]) -> bytes:
    return rows_to_csv(cohort_rows(results))


def _sheet_title(text: str) -> str:
    return "".join(c for c in text if c not in "[]:*?/\\")[:31]


def cohort_xlsx(results: Sequence[TraineeResult], titles: Mapping[str, str] | None = None) -> bytes:
    """A summary sheet, a sheet per indicator with each trainee's evidence and next steps, then "Statistik Butir":
    facility and discrimination per exercise item and scenario (first attempts, scoring.item_stats); `titles` maps
    a butir key to its question or case title."""
    tables = [(SUMMARY_SHEET, cohort_rows(results))]
    tables += [(_sheet_title(spec.aspek), indicator_rows(results, spec.id)) for spec in INDICATORS]
    sheets = [Sheet(title, rows, fieldnames(rows, ["nama"]), wrap=True, max_width=80) for title, rows in tables]
    stats = statistic_rows(cohort_statistics([(r.learner_id, r.attempts, r.exercises) for r in results]), titles)
    sheets.append(
        Sheet(
            STATISTICS_SHEET,
            stats,
            list(STATISTIC_FIELDS),
            highlight=lambda row: row["Status"] == FLAGGED,
            wrap=True,
            max_width=80,
        )
    )
    return workbook_bytes(sheets)


# --- certificates ----------------------------------------------------------------------------------------------------


def certificate_indicators(result: TraineeResult) -> dict[str, Any]:
    """What a certificate records of each indicator (stored with its code); InputError naming what is missing.

    This is the one gate of certification: a certificate is issued only when all four indicators are met.
    """
    missing = [r.indicator.aspek for r in result.report.results if not r.met]
    ids = [r.indicator.id for r in result.report.results]
    if missing or sorted(ids) != sorted(spec.id for spec in INDICATORS):
        named = ", ".join(missing) or "yang belum dinilai"
        raise InputError(
            [
                f"Sertifikat untuk '{result.name}' belum dapat diterbitkan: indikator {named} belum tercapai "
                "(keempat indikator harus tercapai)."
            ]
        )
    return {
        r.indicator.id: {"aspek": r.indicator.aspek, "kriteria": r.indicator.kriteria, "bukti": list(r.evidence)}
        for r in result.report.results
    }


def certify(result: TraineeResult, code: str, issued_on: dt.date) -> Certificate:
    """The certificate for a trainee who met all four indicators; InputError naming what is missing otherwise."""
    indicators = certificate_indicators(result)
    return Certificate(code, result.name, result.cohort, issued_on, tuple(i["aspek"] for i in indicators.values()))


def stored_certificate(
    code: str, name: str, cohort: str | None, issued_at: dt.datetime, indicators: Mapping[str, Any]
) -> Certificate:
    """A certificate as the store keeps it (issued after certificate_indicators() passed), dated in WIB."""
    aspects = tuple(str(v.get("aspek", k)) if isinstance(v, Mapping) else str(k) for k, v in indicators.items())
    moment = issued_at if issued_at.tzinfo else issued_at.replace(tzinfo=dt.UTC)
    return Certificate(code, name, cohort, moment.astimezone(WIB).date(), aspects)


def verification_address(code: str, base_url: str | None) -> str:
    """Where a reader checks the code: the full link when the app's public address is known, else an instruction."""
    if base_url and base_url.strip():
        return f"{base_url.strip().rstrip('/')}/{VERIFY_PAGE}?{VERIFY_QUERY}={code}"
    return (
        f"Buka halaman 'Verifikasi Sertifikat' (/{VERIFY_PAGE}) di aplikasi Bimtek Klaim BPJS dan masukkan kode {code}."
    )


def _new_pdf(orientation: str = "P") -> Any:
    from fpdf import FPDF

    pdf = FPDF(orientation=orientation, format="A4")
    pdf.set_margins(18, 15, 18)
    pdf.set_auto_page_break(True, margin=15)
    return pdf


def _line(pdf: Any, text: str, size: float = 10, style: str = "", height: float = 5, align: str = "L") -> None:
    pdf.set_font("Helvetica", style, size)
    pdf.multi_cell(0, height, to_latin1(text), align=align, new_x="LMARGIN", new_y="NEXT")


def qr_png(text: str) -> bytes:
    """A QR code of `text` as PNG bytes (qrcode with Pillow's image factory)."""
    import io

    import qrcode

    out = io.BytesIO()
    qrcode.make(text, box_size=8, border=2).save(out, format="PNG")
    return out.getvalue()


def _period(certificate: Certificate) -> str:
    start, end = certificate.started_on, certificate.issued_on
    if start is None or start >= end:
        return tanggal(end)
    return f"{tanggal(start)} s.d. {tanggal(end)}"


def certificate_pdf(certificate: Certificate, base_url: str | None = None) -> bytes:
    """A landscape A4 certificate: the organiser, the trainee, the claim, cohort and dates, the trainer's signature line
    and the verification code with a QR code of the public verification page; on the back, the modules completed with
    their learning hours (JPL) and the four indicators."""
    pdf = _new_pdf("L")
    pdf.set_title(to_latin1(f"Sertifikat Bimtek Klaim BPJS - {certificate.name}"))
    pdf.add_page()
    pdf.set_auto_page_break(False)
    pdf.set_line_width(1.2)
    pdf.rect(10, 10, pdf.w - 20, pdf.h - 20)
    pdf.set_y(18)
    if certificate.organiser:
        _line(pdf, certificate.organiser, 13, "B", 7, "C")
    _line(pdf, "SERTIFIKAT", 28, "B", 14, "C")
    _line(pdf, "Bimbingan Teknis Manajemen Klaim BPJS Kesehatan untuk FKTP", 13, "", 8, "C")
    pdf.ln(5)
    _line(pdf, "Diberikan kepada", 12, "", 7, "C")
    _line(pdf, certificate.name, 24, "B", 13, "C")
    pdf.ln(2)
    _line(pdf, CERTIFICATE_CLAIM + ":", 12, "", 7, "C")
    _line(pdf, "; ".join(certificate.indicators) + ".", 11, "I", 7, "C")
    pdf.ln(3)
    kelas = f"Kelas: {certificate.cohort}    " if certificate.cohort else ""
    _line(pdf, f"{kelas}Pelaksanaan: {_period(certificate)}", 12, "", 7, "C")
    if certificate.modules:
        _line(
            pdf,
            f"{len(certificate.modules)} modul tuntas, {certificate.total_jpl} JPL "
            f"(1 JPL = {JPL_MINUTES} menit; rincian di halaman berikut)",
            11, "", 6, "C",
        )  # fmt: skip
    address = verification_address(certificate.code, base_url)
    bottom = pdf.h - 58
    if base_url and base_url.strip():  # the QR code needs an address a phone can open
        pdf.image(qr_png(address), x=22, y=bottom, w=34, h=34)
    # the trainer's signature block, on the right
    x = pdf.w - 108
    pdf.set_xy(x, bottom)
    pdf.set_font("Helvetica", "", 11)
    pdf.multi_cell(86, 6, to_latin1(f"Diterbitkan {tanggal(certificate.issued_on)}\nNarasumber,"), align="C")
    pdf.set_line_width(0.3)
    pdf.line(x + 8, bottom + 30, x + 78, bottom + 30)
    pdf.set_xy(x, bottom + 31)
    pdf.multi_cell(86, 6, to_latin1(certificate.trainer or "(nama dan tanda tangan)"), align="C")
    pdf.set_xy(60, bottom + 8)
    pdf.set_font("Helvetica", "B", 12)
    pdf.multi_cell(x - 64, 6, to_latin1(f"Kode verifikasi: {certificate.code}"), align="L")
    pdf.set_x(60)
    pdf.set_font("Helvetica", "", 9)
    pdf.multi_cell(x - 64, 5, to_latin1("Periksa keaslian: " + address), align="L")
    _certificate_back(pdf, certificate)
    return bytes(pdf.output())


def _certificate_back(pdf: Any, certificate: Certificate) -> None:
    """The back page: the modules completed with their JPL (teori, penugasan, praktik lapangan) and total, then the
    four indicators met."""
    pdf.add_page()
    pdf.set_auto_page_break(True, margin=15)
    _line(pdf, f"Rincian materi: {certificate.name}", 14, "B", 8)
    _line(pdf, f"Kode verifikasi: {certificate.code}", 10, "", 6)
    pdf.ln(3)
    if certificate.modules:
        align = ("RIGHT", "LEFT", "RIGHT", "RIGHT", "RIGHT", "RIGHT")
        with pdf.table(col_widths=(12, 150, 18, 18, 18, 24), text_align=align, line_height=6) as table:
            pdf.set_font("Helvetica", "B", 10)
            table.row(["No", "Modul yang dituntaskan", "T", "P", "PL", "JPL"])
            pdf.set_font("Helvetica", "", 10)
            for number, m in enumerate(certificate.modules, start=1):
                hours = (m.teori, m.penugasan, m.praktik_lapangan, m.jpl)
                table.row([str(number), to_latin1(m.title), *(str(h) for h in hours)])
            pdf.set_font("Helvetica", "B", 10)
            sums = [
                sum(m.teori for m in certificate.modules),
                sum(m.penugasan for m in certificate.modules),
                sum(m.praktik_lapangan for m in certificate.modules),
            ]
            table.row(["", "Jumlah", *(str(h) for h in sums), str(certificate.total_jpl)])
        _line(
            pdf,
            f"T = teori, P = penugasan, PL = praktik lapangan; 1 JPL (jam pelajaran) = {JPL_MINUTES} menit.",
            9, "I", 6,
        )  # fmt: skip
    else:
        _line(pdf, "Belum ada modul yang dituntaskan (semua latihan satu modul dijawab).", 10, "I", 6)
    pdf.ln(4)
    _line(pdf, "Indikator Checklist Evaluasi Pasca Bimtek yang tercapai:", 11, "B", 6)
    for number, aspect in enumerate(certificate.indicators, start=1):
        _line(pdf, f"{number}. {aspect}", 10, "", 6)


# --- the trainee's report --------------------------------------------------------------------------------------------


def _indicator_block(pdf: Any, number: int, item: IndicatorResult) -> None:
    pdf.ln(3)
    _line(pdf, f"{number}. {item.indicator.aspek}: {status(item.met)}", 11, "B", 6)
    _line(pdf, f"Indikator sukses: {item.indicator.kriteria}.", 9, "I")
    _line(pdf, "Bukti:", 9.5, "B")
    for text in item.evidence:
        _line(pdf, f"- {text}", 9.5)
    if item.field is not None:
        _line(pdf, "Bukti lapangan (angka nyata fasilitas):", 9.5, "B")
        for text in item.field.evidence:
            _line(pdf, f"- {text}", 9.5)
    if item.next_steps:
        _line(pdf, "Langkah berikutnya:", 9.5, "B")
        for text in item.next_steps:
            _line(pdf, f"- {text}", 9.5)


def trainee_pdf(result: TraineeResult, on: dt.date) -> bytes:
    """The trainee's report: name, cohort, date, each indicator with status, evidence and next steps, attempts."""
    report = result.report
    pdf = _new_pdf()
    pdf.set_title(to_latin1(f"Laporan Checklist Pasca Bimtek - {result.name}"))
    pdf.add_page()
    _line(pdf, "LAPORAN CHECKLIST EVALUASI PASCA BIMTEK", 13, "B", 7, "C")
    _line(pdf, "Manajemen Klaim BPJS Kesehatan untuk FKTP", 11, "B", 6, "C")
    pdf.ln(4)
    _line(pdf, f"Nama peserta: {result.name}", 10.5)
    _line(pdf, f"Kelas: {result.cohort or '-'}", 10.5)
    _line(pdf, f"Tanggal laporan: {tanggal(on)}", 10.5)
    overall = (
        f"Hasil keseluruhan: {TERCAPAI}. Keempat indikator terpenuhi."
        if report.met
        else f"Hasil keseluruhan: {BELUM}. {report.met_count} dari {len(report.results)} indikator terpenuhi."
    )
    pdf.ln(2)
    _line(pdf, overall, 11, "B", 6)
    for number, item in enumerate(report.results, start=1):
        _indicator_block(pdf, number, item)
    figures = attempt_summary(result.attempts)
    pdf.ln(3)
    _line(pdf, "Ringkasan studi kasus", 11, "B", 6)
    average = figures["skor_rata_rata"] if figures["skor_rata_rata"] is not None else "-"
    _line(
        pdf,
        f"{figures['percobaan']} percobaan pada {figures['kasus_dicoba']} kasus; {figures['kasus_tuntas']} kasus tuntas; "
        f"skor rata-rata {average}, terbaik {figures['skor_terbaik'] if figures['skor_terbaik'] is not None else '-'}; "
        f"waktu mengerjakan {figures['menit_mengerjakan']} menit.",
        9.5,
    )
    return bytes(pdf.output())


def report_filename(name: str, kind: str, extension: str) -> str:
    """'laporan-siti-aminah.pdf': a file name from a trainee's or cohort's name."""
    slug = "-".join("".join(c if c.isalnum() else " " for c in name.lower()).split()) or "peserta"
    return f"{kind}-{slug}.{extension}"
