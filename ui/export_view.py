"""Exports and certificates in the app: gathers trainees' checklists from the store and offers the files to download."""

from __future__ import annotations

import datetime as dt
import io
import os
import zipfile
from collections import defaultdict
from dataclasses import replace
from typing import Any

import streamlit as st

from bimtek.curriculum import ORGANISER_ENV, organiser_from_env
from bimtek.errors import BimtekError
from bimtek.storage import accounts, cohorts
from bimtek.storage import progress as stored
from scoring.indicators import WIB
from scoring.report_export import (
    XLSX_MIME,
    Certificate,
    TraineeResult,
    certificate_indicators,
    certificate_pdf,
    completed_modules,
    first_day,
    report_filename,
    stored_certificate,
    trainee_pdf,
)
from ui import identity, progress, state
from ui.checklist_view import DOCUMENT_KINDS, remember, score_records

PUBLIC_URL_ENV = "BIMTEK_PUBLIC_URL"  # e.g. http://10.0.0.5:8501: printed on certificates so a code can be checked

__all__ = ["ORGANISER_ENV", "XLSX_MIME"]


def public_url() -> str | None:
    return os.environ.get(PUBLIC_URL_ENV) or None


def organiser() -> str | None:
    return organiser_from_env()


def today() -> dt.date:
    return dt.datetime.now(WIB).date()


def _result(learner_id: str, name: str, cohort: str | None, attempts: list, exercises: list) -> TraineeResult:
    documents = {kind: stored.load_document(identity.store(), learner_id, kind) for kind in DOCUMENT_KINDS}
    report = score_records(attempts, exercises, documents)
    return TraineeResult(learner_id, name, cohort, report, tuple(attempts), tuple(exercises))


def cohort_results(cohort_id: int) -> list[TraineeResult]:
    """Every member's checklist, read fresh from the store (two queries for the cohort's work, then documents)."""
    store = identity.store()
    attempts: dict[str, list[dict[str, Any]]] = defaultdict(list)
    exercises: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for record in cohorts.cohort_attempts(store, cohort_id):
        attempts[record["learner_id"]].append(record)
    for record in cohorts.cohort_exercises(store, cohort_id):
        exercises[record["learner_id"]].append(record)
    results = [
        _result(m.id, m.name, m.cohort_name, attempts[m.id], exercises[m.id])
        for m in cohorts.cohort_members(store, cohort_id)
    ]
    remember({r.learner_id: r.report for r in results})  # write-through of every member's fresh checklist
    return results


def my_result() -> TraineeResult | None:
    """The signed-in learner's checklist; None for a guest with nothing saved."""
    learner = identity.current_learner()
    if not identity.is_stored(learner):
        return None
    return _result(learner.id, learner.name, learner.cohort, progress.all_attempts(), progress.exercise_results())


def issue(result: TraineeResult) -> Certificate:
    """The trainee's certificate: issued once all four indicators are met (InputError otherwise), then kept."""
    indicators = certificate_indicators(result)
    info = accounts.get_learner(identity.store(), result.learner_id)
    cohort_id = info.cohort_id if info is not None else None
    cohorts.issue_certificate(identity.store(), result.learner_id, result.name, cohort_id, indicators)
    certificate = issued(result.learner_id)
    if certificate is None:
        raise AssertionError(f"certificate of {result.learner_id} not found right after issuing it")
    return certificate


def issued(learner_id: str) -> Certificate | None:
    """The learner's certificate with what a training office asks for: organiser, trainer, the period from their first
    graded work to the issue date, and the modules completed (as of the issue date) with their JPL."""
    from ui.module_view import modules_result

    store = identity.store()
    info = cohorts.certificate_for(store, learner_id)
    if info is None:
        return None
    certificate = stored_certificate(info.code, info.learner_name, info.cohort_name, info.issued_at, info.indicators)
    issued_at = info.issued_at.astimezone(dt.UTC).isoformat(timespec="seconds")
    exercises = [r for r in stored.exercise_results(store, learner_id) if str(r.get("created_at")) <= issued_at]
    attempts = [r for r in stored.attempts(store, learner_id) if str(r.get("created_at")) <= issued_at]
    return replace(
        certificate,
        organiser=organiser(),
        trainer=info.trainer,
        started_on=first_day(attempts, exercises),
        modules=completed_modules(modules_result().modules, exercises),
    )


def certificate_file(certificate: Certificate) -> bytes:
    return certificate_pdf(certificate, public_url())


def certificates_zip(certificates: list[Certificate]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for certificate in certificates:
            name = report_filename(f"{certificate.name} {certificate.code}", "sertifikat", "pdf")
            archive.writestr(name, certificate_file(certificate))
    return out.getvalue()


def render_trainee_downloads(result: TraineeResult) -> None:
    """On the checklist page: the report PDF, and the certificate once all four indicators are met."""
    left, right = st.columns(2)
    left.download_button(
        "Unduh laporan PDF",
        data=trainee_pdf(result, today()),
        file_name=report_filename(result.name, "laporan", "pdf"),
        mime="application/pdf",
        key=state.CHECKLIST_PDF,
        icon=":material/picture_as_pdf:",
    )
    if not result.report.met:
        right.caption("Sertifikat dapat diunduh setelah keempat indikator tercapai.")
        return
    try:
        certificate = issued(result.learner_id) or issue(result)
    except BimtekError as err:
        right.error(str(err))
        return
    right.download_button(
        "Unduh sertifikat",
        data=certificate_file(certificate),
        file_name=report_filename(result.name, "sertifikat", "pdf"),
        mime="application/pdf",
        key=state.CHECKLIST_CERTIFICATE,
        icon=":material/workspace_premium:",
    )
    right.caption(f"Kode verifikasi: **{certificate.code}**")


def find(code: str) -> Certificate | None:
    """The certificate with this code (spaces, dashes and case ignored), or None."""
    info = cohorts.find_certificate(identity.store(), code)
    if info is None:
        return None
    return stored_certificate(info.code, info.learner_name, info.cohort_name, info.issued_at, info.indicators)
