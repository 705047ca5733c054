"""Turns a trainee's answer-form values into claim changes; pure functions, no streamlit, tested directly.

Evidence can only come from what exists: the attachable lab results and documents are the ones already in
the submitted claim plus the ones in the scenario's case file. The form offers nothing else to tick.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from pydantic import ValidationError

from bimtek.claim import Dokumen, FotoKegiatan, HasilLab, Rujukan, patch_claim
from bimtek.content import Scenario, describe_validation_error
from scoring.field_words import FIELD_NAMES
from scoring.grading import Submission

IN_CLAIM = "terlampir di klaim"
IN_SUBMISSION = "berkas pengajuan"
GENERAL_FILE = ("fpk", "rekapitulasi", "kuitansi", "sptjm")  # documents of the submission, not of the claim


@dataclass(frozen=True)
class Attachable:
    """One lab result or document the trainee may attach, where it comes from, and whether it is attached now."""

    item: HasilLab | Dokumen | FotoKegiatan
    source: str
    in_claim: bool


def attachable_labs(scenario: Scenario) -> list[Attachable]:
    out: list[Attachable] = [Attachable(r, IN_CLAIM, True) for r in scenario.klaim.lab]
    seen = {(r.jenis, float(r.nilai), r.tanggal) for r in scenario.klaim.lab}
    for entry in scenario.berkas_kasus:
        for r in entry.lab:
            if (r.jenis, float(r.nilai), r.tanggal) not in seen:
                seen.add((r.jenis, float(r.nilai), r.tanggal))
                out.append(Attachable(r, entry.judul, False))
    return out


def attachable_documents(scenario: Scenario) -> list[Attachable]:
    general = scenario.klaim.berkas_pengajuan.dokumen if scenario.klaim.berkas_pengajuan else []
    out: list[Attachable] = [Attachable(d, IN_CLAIM, True) for d in scenario.klaim.dokumen]
    out += [Attachable(d, IN_SUBMISSION, True) for d in general]
    seen = {(d.jenis, d.ditandatangani) for d in [*scenario.klaim.dokumen, *general]}
    for entry in scenario.berkas_kasus:
        d = entry.dokumen
        if d is not None and (d.jenis, d.ditandatangani) not in seen:
            seen.add((d.jenis, d.ditandatangani))
            out.append(Attachable(d, entry.judul, False))
    return out


def attached_labs(options: list[Attachable], ticked: list[bool]) -> list[dict[str, Any]]:
    return [o.item.model_dump(mode="json") for o, on in zip(options, ticked, strict=True) if on]


def attached_documents(options: list[Attachable], ticked: list[bool]) -> list[dict[str, Any]]:
    """One document per jenis; when both an unsigned and a signed copy are ticked, the signed one is filed."""
    chosen: dict[str, dict[str, Any]] = {}
    for o, on in zip(options, ticked, strict=True):
        if not on:
            continue
        doc = o.item.model_dump(mode="json")
        current = chosen.get(doc["jenis"])
        if current is None or (doc["ditandatangani"] and not current["ditandatangani"]):
            chosen[doc["jenis"]] = doc
    return list(chosen.values())


def attachable_photos(scenario: Scenario) -> list[Attachable]:
    """A Prolanis activity's photos: those attached now, then the case file's, each content hash once."""
    k = scenario.klaim.kegiatan_prolanis
    out = [Attachable(f, IN_CLAIM, True) for f in (k.foto if k else [])]
    seen = {f.sha256.strip().lower() for f in (k.foto if k else [])}
    for entry in scenario.berkas_kasus:
        for photo in entry.foto:
            if photo.sha256.strip().lower() not in seen:
                seen.add(photo.sha256.strip().lower())
                out.append(Attachable(photo, entry.judul, False))
    return out


def document_changes(scenario: Scenario, documents: list[dict[str, Any]]) -> dict[str, Any]:
    """The ticked documents as claim changes: the submission's general file (FPK, rekapitulasi, kuitansi, SPTJM)
    goes to berkas_pengajuan, the rest to the claim's own file."""
    own = [d for d in documents if d["jenis"] not in GENERAL_FILE]
    general = [d for d in documents if d["jenis"] in GENERAL_FILE]
    changes: dict[str, Any] = {"dokumen": own}
    if general or scenario.klaim.berkas_pengajuan is not None:
        changes["berkas_pengajuan.dokumen"] = general
    return changes


def diagnosa_list(inputs: list[str]) -> list[str]:
    """The three diagnosa inputs as P-Care's kdDiag list: trimmed, upper-case, blanks dropped."""
    return [code.strip().upper() for code in inputs if code and code.strip()]


def kept(items: list[Any], keep: list[bool]) -> list[dict[str, Any]]:
    return [item.model_dump(mode="json") for item, on in zip(items, keep, strict=True) if on]


def rujukan_value(original: Rujukan | None, kd_ppk: str, kd_tacc: int, alasan: str) -> dict[str, Any] | None:
    """No referral when every referral input is empty; otherwise the referral (kd_ppk is then required)."""
    kd_ppk, alasan = kd_ppk.strip(), alasan.strip()
    if not kd_ppk and not alasan and kd_tacc in (-1, 0):
        return None
    data = original.model_dump(mode="json") if original is not None else {}
    data.pop("kd_ppk", None)
    if kd_ppk:
        data["kd_ppk"] = kd_ppk
    data["kd_tacc"] = kd_tacc
    data["alasan_tacc"] = alasan or None
    return data


def tim_value(ada_dokter: bool | None, jumlah_nakes: int | None) -> dict[str, Any] | None:
    if ada_dokter is None:
        return None
    return {"ada_dokter": ada_dokter, "jumlah_nakes": jumlah_nakes}


def build_submission(
    scenario: Scenario, flagged: frozenset[str], withdrawn: bool, changes: dict[str, Any], seconds: float
) -> Submission:
    """The graded submission; raises pydantic's ValidationError when the edited values do not make a valid claim."""
    corrected = None if withdrawn else patch_claim(scenario.klaim, changes)
    return Submission(flagged=flagged, corrected=corrected, seconds=seconds)


def validation_messages(err: ValidationError) -> list[str]:
    return [f"{FIELD_NAMES.get(where, where)}: {message}" for where, message in describe_validation_error(err)]
