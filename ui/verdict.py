"""Renders verdicts and a graded attempt: before/after, findings with regulation and fix, score, pembahasan."""

from __future__ import annotations

import streamlit as st

from bimtek.content import Scenario
from bimtek.fmt import rupiah
from bimtek.rules import Finding, get_rule
from bimtek.verification import Verdict
from scoring.findings import PARTIAL_FIELD_ONLY, DefectResult, category_label, field_label
from scoring.grading import POINTS_CORRECTION, POINTS_IDENTIFICATION, POINTS_TIME, Grade
from ui import plain
from ui.labels import STATUS_COLOURS


def status_badge(label: str) -> None:
    st.badge(label, color=STATUS_COLOURS.get(label, "gray"))  # type: ignore[arg-type]


def render_finding(finding: Finding) -> None:
    rule = get_rule(finding.rule)
    with st.container(border=True):
        st.markdown(f"**{rule.code} — {rule.title}** · {finding.severity.label}")
        st.markdown(plain.authored(finding.message))
        st.caption(f"Dasar: {rule.regulation}")
        st.markdown(f"Perbaikan: {rule.fix_hint}")


KAPITASI_NOTE = (
    "Kunjungan rawat jalan dibayar lewat kapitasi: tidak ada klaim per kunjungan yang dibayar atau dikembalikan. "
    "Akibat entri yang salah ada pada entrinya: rujukan tanpa data tidak terbit sehingga rumah sakit tidak dapat "
    "menerbitkan SEP, kontak yang tidak tercatat tidak dihitung Angka Kontak, dan rujukan non-spesialistik tanpa TACC "
    "menaikkan RRNS (Peraturan BPJS Kesehatan Nomor 7 Tahun 2019)."
)


def entry_label(verdict: Verdict) -> tuple[str, str]:
    """A kapitasi P-Care entry's state in words that do not pretend it is a paid claim, with a badge colour."""
    if not verdict.findings:
        return "Entri tanpa temuan", "green"
    if verdict.is_paid:
        return "Entri dengan catatan", "orange"
    return "Entri perlu diperbaiki", "red"


def render_verdict(title: str, verdict: Verdict | None, kapitasi: bool = False) -> None:
    st.markdown(f"#### {title}")
    if verdict is None:
        st.markdown("Klaim tidak diajukan.")
        return
    if kapitasi:
        label, colour = entry_label(verdict)
        st.badge(label, color=colour)  # type: ignore[arg-type]
        st.caption(KAPITASI_NOTE)
    else:
        status_badge(verdict.status_label)
        st.markdown(f"Diajukan {rupiah(verdict.claimed)} · dibayar {rupiah(verdict.payable)}")
    if verdict.expected is not None:
        st.caption(f"Tarif: {verdict.expected.explanation}")
    if not verdict.findings:
        st.markdown("Tidak ada temuan.")
    for finding in verdict.findings:
        render_finding(finding)


def _codes(codes: frozenset[str]) -> str:
    return "; ".join(f"{c} — {get_rule(c).title}" for c in sorted(codes)) or "tidak ada"


CREDIT_WORDS = {1.0: "Ditemukan", PARTIAL_FIELD_ONLY: "Sebagian", 0.0: "Terlewat"}
FIELD_STATUS = {
    "benar": "tepat ditunjuk",
    "terlewat": "bermasalah, tidak ditunjuk",
    "salah_tandai": "ditunjuk, tidak bermasalah",
}


def _defect_line(grade: Grade, defect: DefectResult) -> str:
    """One defect: the rule (code, title), where it is, what the trainee said, and the regulation."""
    rule = get_rule(defect.code)
    where = ", ".join(field_label(f) for f in defect.fields[:3])
    head = f"**{CREDIT_WORDS.get(defect.credit, 'Sebagian')}: {rule.code} — {rule.title}**"
    lines = [head, f"Letak: {where}. Jenis masalah: {category_label(defect.category)}."]
    if defect.finding is not None and grade.findings:
        said = grade.findings[defect.finding]
        lines.append(
            f"Temuan Anda: {', '.join(field_label(f) for f in said.fields)} — {category_label(said.kategori)}"
            + (f" (catatan: {plain.md(said.catatan)})" if said.catatan else "")
            + "."
        )
        if defect.credit < 1:
            lines.append(
                f"Bagiannya tepat, jenis masalahnya keliru: separuh nilai ({PARTIAL_FIELD_ONLY:g}) untuk cacat ini."
            )
    elif grade.findings or not grade.flagged:
        lines.append("Tidak ada temuan Anda yang menunjuk bagian ini.")
    lines.append(f"Dasar: {rule.regulation}")
    return "  \n".join(lines)


def render_identification(grade: Grade) -> None:
    """Per defect and per field, with the rule codes, titles and regulations the form did not show."""
    st.markdown("#### Identifikasi cacat")
    if grade.old_shape:  # an answer of the old form (rule codes ticked)
        st.markdown(f"**Ditemukan:** {_codes(grade.found)}")
        st.markdown(f"**Terlewat:** {_codes(grade.missed)}")
        st.markdown(f"**Salah tandai:** {_codes(grade.false_alarms)}")
        return
    if not grade.defects:
        st.markdown("Klaim ini tidak memiliki cacat." + (" Temuan Anda tidak diperlukan." if grade.findings else ""))
    for defect in grade.defects:
        with st.container(border=True):
            st.markdown(_defect_line(grade, defect))
    for i in grade.false_findings:
        said = grade.findings[i]
        st.markdown(
            f"**Temuan {i + 1} tidak sesuai cacat mana pun:** "
            f"{', '.join(field_label(f) for f in said.fields)} — {category_label(said.kategori)}."
        )
    if grade.fields:
        rows = "\n".join(f"| {field_label(f.field)} | {FIELD_STATUS[f.status]} |" for f in grade.fields)
        st.markdown(f"| Bagian klaim | Hasil |\n|---|---|\n{rows}")


def render_breakdown(grade: Grade) -> None:
    """Every part of the score with its points; a fabrication shows each part zeroed and why."""
    st.markdown("#### Rincian skor")
    lines = []
    for part in grade.breakdown:
        earned = f"~~{part.earned}~~ 0" if part.zeroed else str(part.points)
        line = f"- **{part.label}**: {earned}/{part.max_points}"
        if part.detail:
            line += f" — {plain.md(part.detail, limit=None)}"
        if part.zeroed:
            line += f" ({part.zeroed})"
        lines.append(line)
    lines.append(f"- **Jumlah**: {grade.score}/100")
    st.markdown("\n".join(lines))


def render_grade(scenario: Scenario, grade: Grade) -> None:
    """Everything a trainee learns after submitting; the answer key appears only here."""
    st.subheader("Hasil penilaian")
    for message in grade.fabrications:
        st.error(f"Fabrikasi: {message}")
    if grade.fabrications:
        st.error("Integritas gagal: klaim memuat bukti atau fakta yang tidak ada di berkas kasus, skor 0.")
    points = grade.points
    c1, c2, c3, c4 = st.columns(4)
    c1.metric("Skor", f"{grade.score}/100")
    c2.metric("Identifikasi", f"{points['identifikasi']}/{POINTS_IDENTIFICATION}")
    c3.metric("Perbaikan", f"{points['perbaikan']}/{POINTS_CORRECTION}")
    c4.metric("Waktu", f"{points['waktu']}/{POINTS_TIME}")
    minutes, seconds = divmod(round(grade.seconds), 60)
    st.caption(f"Waktu pengerjaan {minutes} menit {seconds} detik; target {round(grade.target_seconds / 60)} menit.")
    render_identification(grade)
    render_breakdown(grade)  # each unmet part names its field, the expected and the given value
    before, after = st.columns(2)
    kapitasi = scenario.jenis_klaim == "kapitasi"
    what = "entri" if kapitasi else "klaim"
    with before:
        render_verdict(f"Sebelum: {what} sebagaimana diajukan", grade.before, kapitasi)
    with after:
        render_verdict(f"Sesudah: {what} hasil perbaikan Anda", grade.after, kapitasi)
    st.markdown("#### Pembahasan")
    st.info(plain.authored(scenario.kunci.penjelasan))
    if scenario.sumber:
        st.caption(f"Sumber kasus: {plain.authored(scenario.sumber)}")
