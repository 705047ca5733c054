"""Grading an attempt: identification (F1 x 40), correction (50), integrity (fabrication -> 0), time (10)."""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import pytest
import yaml

from bimtek.claim import Claim, patch_claim
from bimtek.content import Scenario, check_scenario
from scoring.grading import Submission, find_fabrications, grade_attempt, time_points

EXEMPLAR = Path(__file__).resolve().parents[1] / "scenarios" / "dbd-ranap-tanpa-lab.yaml"
RAW = yaml.safe_load(EXEMPLAR.read_text(encoding="utf-8"))
LABS = RAW["kunci"]["perbaikan"]["lab"]  # the lab-book results the case file holds


def scenario(edit: Any = None) -> Scenario:
    """The exemplar scenario, or an in-test variant of it; a variant must still pass the content checks."""
    data = copy.deepcopy(RAW)
    if edit is not None:
        edit(data)
    result = Scenario.model_validate(data)
    assert check_scenario(result, "in-test") == []
    return result


def _without_resume(data: dict[str, Any]) -> None:
    """Two defects: no lab results (EV01) and the signed resume left out of the claim file (EV02)."""
    data["id"] = "dbd-tanpa-lab-dan-resume"
    data["klaim"]["dokumen"] = [d for d in data["klaim"]["dokumen"] if d["jenis"] != "resume_medis"]
    data["kunci"]["cacat"] = ["EV01", "EV02"]


def _unsigned_resume(data: dict[str, Any]) -> None:
    """The doctor never signed the resume: the case file holds an unsigned one."""
    data["id"] = "dbd-resume-belum-ditandatangani"
    data["berkas_kasus"][0]["dokumen"]["ditandatangani"] = False
    next(d for d in data["klaim"]["dokumen"] if d["jenis"] == "resume_medis")["ditandatangani"] = False
    data["kunci"]["cacat"] = ["EV01", "EV02"]


def _expired(data: dict[str, Any]) -> None:
    """Labs attached, but sent more than 6 months after discharge: cannot be fixed."""
    data["id"] = "dbd-kedaluwarsa"
    data["klaim"]["lab"] = LABS
    data["klaim"]["pengajuan"]["tgl_pengajuan"] = "2027-05-03"
    data["kunci"].update(cacat=["TW02"], tidak_dapat_diperbaiki=True, perbaikan={})


def _already_fine(data: dict[str, Any]) -> None:
    data["id"] = "dbd-sudah-benar"
    data["klaim"]["lab"] = LABS
    data["kunci"].update(cacat=[], perbaikan={})


def fixed(s: Scenario, **changes: Any) -> Claim:
    return patch_claim(s.klaim, {**s.kunci.perbaikan, **{k.replace("__", "."): v for k, v in changes.items()}})


def target(s: Scenario) -> float:
    return s.target_minutes * 60.0


def test_perfect_answer_scores_100() -> None:
    s = scenario()
    grade = grade_attempt(s, Submission(frozenset({"EV01"}), fixed(s), seconds=target(s) / 2))
    assert grade.points == {"identifikasi": 40, "perbaikan": 50, "waktu": 10}
    assert grade.score == 100 and grade.correction_ok and grade.integrity_ok
    assert grade.before.status == "dikembalikan" and grade.after is not None and grade.after.status == "layak"


def test_missing_one_of_two_defects_lowers_identification() -> None:
    s = scenario(_without_resume)
    correction = fixed(
        s, dokumen=[*s.klaim.model_dump(mode="json")["dokumen"], {"jenis": "resume_medis", "ditandatangani": True}]
    )
    both = grade_attempt(s, Submission(frozenset({"EV01", "EV02"}), correction, seconds=60))
    one = grade_attempt(s, Submission(frozenset({"EV01"}), correction, seconds=60))
    assert both.points["identifikasi"] == 40
    assert one.missed == {"EV02"}
    assert one.points["identifikasi"] == round(40 * 2 / 3)  # precision 1, recall 1/2 -> F1 2/3
    assert one.points["perbaikan"] == 50  # the fix itself was right


def test_false_alarm_lowers_identification() -> None:
    s = scenario()
    grade = grade_attempt(s, Submission(frozenset({"EV01", "TW01"}), fixed(s), seconds=60))
    assert grade.false_alarms == {"TW01"}
    assert grade.points["identifikasi"] == round(40 * 2 / 3)  # precision 1/2, recall 1


def test_fabricated_lab_value_scores_zero_and_names_the_value() -> None:
    s = scenario()
    invented = [{"jenis": "trombosit", "nilai": 95000, "satuan": "/uL", "tanggal": "2026-10-05"}]
    grade = grade_attempt(s, Submission(frozenset({"EV01"}), fixed(s, lab=invented), seconds=60))
    assert grade.score == 0 and not grade.integrity_ok and not grade.correction_ok
    assert any("trombosit 95000" in f and "5 Oktober 2026" in f for f in grade.fabrications), grade.fabrications


def test_signing_an_unsigned_document_is_fabrication() -> None:
    s = scenario(_unsigned_resume)
    signed = fixed(s, dokumen=[{"jenis": j, "ditandatangani": True} for j in ("bukti_pelayanan", "resume_medis")])
    grade = grade_attempt(s, Submission(frozenset({"EV01", "EV02"}), signed, seconds=60))
    assert grade.score == 0
    assert any("'resume_medis'" in f and "belum ditandatangani" in f for f in grade.fabrications), grade.fabrications


def test_changing_the_submission_date_is_fabrication() -> None:
    s = scenario()
    grade = grade_attempt(s, Submission(frozenset({"EV01"}), fixed(s, pengajuan__tgl_pengajuan="2026-11-02"), 60))
    assert grade.score == 0
    assert "Tanggal pengajuan diubah menjadi 2 November 2026, padahal berkas kasus menunjukkan 5 November 2026." in (
        grade.fabrications
    )


def test_inventing_a_diagnosis_is_fabrication() -> None:
    s = scenario()
    grade = grade_attempt(s, Submission(frozenset({"EV01"}), fixed(s, kunjungan__diagnosa=["A91", "D69.6"]), 60))
    assert grade.score == 0 and any("'D69.6'" in f for f in grade.fabrications)


def test_deleting_a_therapy_that_was_given_is_falsifying_the_record() -> None:
    """An injection recorded as given stays in the entry; removing it to make the claim pass scores 0 (issue 9)."""
    s = scenario()
    kept = [t for t in RAW["klaim"]["kunjungan"]["terapi"] if "Paracetamol" not in t["nama"]]
    grade = grade_attempt(s, Submission(frozenset({"EV01"}), fixed(s, kunjungan__terapi=kept), seconds=60))
    assert grade.score == 0 and not grade.integrity_ok
    assert any("'Paracetamol 500 mg' dihapus" in f for f in grade.fabrications), grade.fabrications


def test_rewriting_a_therapy_name_in_another_case_is_not_a_deletion() -> None:
    s = scenario()
    same = [{**t, "nama": t["nama"].upper()} for t in RAW["klaim"]["kunjungan"]["terapi"]]
    grade = grade_attempt(s, Submission(frozenset({"EV01"}), fixed(s, kunjungan__terapi=same), seconds=60))
    assert grade.integrity_ok, grade.fabrications


@pytest.mark.parametrize(
    ("edit", "flagged", "withdraw", "correction_points"),
    [
        (_expired, {"TW02"}, True, 50),  # withdrawing an unfixable claim is the right answer
        (_expired, {"TW02"}, False, 0),  # refiling it anyway is not
        (None, {"EV01"}, True, 0),  # withdrawing a fixable claim loses the facility its payment
        (_already_fine, set(), True, 0),
    ],
)
def test_withdrawing(edit: Any, flagged: set[str], withdraw: bool, correction_points: int) -> None:
    s = scenario(edit)
    corrected = None if withdraw else s.klaim
    grade = grade_attempt(s, Submission(frozenset(flagged), corrected, seconds=60))
    assert grade.withdrawn is withdraw
    assert grade.points["perbaikan"] == correction_points
    assert grade.integrity_ok
    if not correction_points:
        assert grade.unmet  # the trainee is told why


def test_already_fine_claim_with_no_flags_scores_full() -> None:
    s = scenario(_already_fine)
    grade = grade_attempt(s, Submission(frozenset(), s.klaim, seconds=60))
    assert grade.score == 100


def test_flagging_a_fine_claim_loses_identification() -> None:
    s = scenario(_already_fine)
    grade = grade_attempt(s, Submission(frozenset({"EV01"}), s.klaim, seconds=60))
    assert grade.points["identifikasi"] == 0 and grade.points["perbaikan"] == 50


def test_correction_that_is_still_returned_earns_no_correction_points() -> None:
    s = scenario()
    grade = grade_attempt(s, Submission(frozenset({"EV01"}), s.klaim, seconds=60))
    assert grade.points["perbaikan"] == 0
    assert grade.unmet and "Dikembalikan" in grade.unmet[0]


@pytest.mark.parametrize(("factor", "points"), [(0.5, 10), (1.0, 10), (2.0, 5), (3.0, 0), (5.0, 0)])
def test_time_points_fall_to_zero_at_three_times_target(factor: float, points: int) -> None:
    s = scenario()
    assert time_points(target(s) * factor, target(s)) == points
    grade = grade_attempt(s, Submission(frozenset({"EV01"}), fixed(s), seconds=target(s) * factor))
    assert grade.points["waktu"] == points and grade.score == 90 + points


def test_a_prolanis_photo_or_signature_the_case_file_does_not_hold_is_fabrication() -> None:
    from bimtek.claim import patch_claim
    from bimtek.content import load_scenarios

    s = next(x for x in load_scenarios().scenarios if x.id == "prolanis-senam-foto-dipakai-ulang")
    model = patch_claim(s.klaim, s.kunci.perbaikan)
    assert find_fabrications(s, model) == []
    photos = model.model_dump(mode="json")["kegiatan_prolanis"]["foto"]
    invented = patch_claim(
        model, {"kegiatan_prolanis.foto": [*photos[:3], {"berkas": "baru.jpg", "sha256": "ab" * 32}]}
    )
    assert any("'baru.jpg' tidak ada di berkas kasus" in f for f in find_fabrications(s, invented))
    hadir = model.model_dump(mode="json")["kegiatan_prolanis"]["daftar_hadir"]
    staff = patch_claim(s.klaim, {"kegiatan_prolanis.daftar_hadir": [{**hadir[0], "tanda_tangan": "petugas"}]})
    case = s.model_copy(update={"klaim": staff})
    assert any("Tanda tangan peserta 'Sutrisno'" in f for f in find_fabrications(case, model))


def test_an_unfixed_kapitasi_entry_is_described_as_an_entry_not_a_returned_claim() -> None:
    """Outpatient kapitasi visits are not claimed one by one: no 'klaim dikembalikan' for them (issue 9)."""
    path = EXEMPLAR.parent / "pcare-ispa-keluhan-kesadaran-kosong.yaml"
    s = Scenario.model_validate(yaml.safe_load(path.read_text(encoding="utf-8")))
    grade = grade_attempt(s, Submission(frozenset(s.kunci.cacat), s.klaim, seconds=60))
    assert grade.unmet[0] == "Entri P-Care hasil perbaikan masih memuat temuan yang harus diperbaiki."
    assert not any("Klaim" in u for u in grade.unmet)


def test_a_wrong_therapy_list_is_told_line_by_line_in_words_not_as_a_data_structure() -> None:
    """Issue 13: feedback printed "'kunjungan.terapi' seharusnya '[{'nama': …'"; it now names the lines."""
    path = EXEMPLAR.parent / "sehat-bersama-injeksi-vitamin-tanpa-anemia.yaml"
    s = Scenario.model_validate(yaml.safe_load(path.read_text(encoding="utf-8")))
    kept = [t for t in s.klaim.kunjungan.terapi if "Neurobion" not in t.nama]
    corrected = patch_claim(s.klaim, {"kunjungan.terapi": [t.model_dump() for t in kept]})
    grade = grade_attempt(s, Submission(frozenset({"KL01"}), corrected, seconds=60))
    therapy = [u for u in grade.unmet if u.startswith("Terapi")]
    assert therapy, grade.unmet
    assert "Baris yang belum ada atau berbeda: Injeksi Neurobion 5000 (injeksi, vitamin)." in therapy[0]
    for message in [*grade.unmet, *grade.fabrications]:
        assert not any(raw in message for raw in ("{", "[", "'nama'", "kunjungan.", "pengajuan.")), message


def test_a_wrong_code_is_told_with_its_name() -> None:
    from scoring.field_words import compare_words

    assert compare_words("kunjungan.kd_status_pulang", "3", "4") == (
        "Status pulang seharusnya 3 (Berobat Jalan), bukan 4 (Rujuk Vertikal)."
    )
    assert compare_words("pengajuan.jumlah_diajukan", 500000, 750000) == (
        "Jumlah diajukan seharusnya Rp500.000, bukan Rp750.000."
    )
    assert compare_words("kunjungan.diagnosa", ["A90"], ["A97.0"]) == (
        "Diagnosa seharusnya A90 (Dengue fever [classical dengue]), bukan A97.0."
    )
    assert compare_words("kunjungan.rujukan", {"kd_ppk": "0120R002"}, None) == (
        "Rujukan: Kode PPK tujuan rujukan seharusnya 0120R002, bukan (kosong)."
    )
