"""Findings in the trainee's words (issue 11): the rule map is complete, and grading is per defect and per field."""

from __future__ import annotations

import pytest

from bimtek.claim import patch_claim
from bimtek.content import load_scenarios
from bimtek.rules import all_rules
from bimtek.variants import generate_variants
from bimtek.verification import verify
from scoring.findings import (
    CATEGORIES,
    FIELD_BY_KEY,
    PARTIAL_FIELD_ONLY,
    RULE_MAP,
    TraineeFinding,
    claim_fields,
    field_of,
    located_fields,
    match_findings,
)
from scoring.grading import Submission, grade_attempt

SCENARIOS = {s.id: s for s in load_scenarios().scenarios}
DBD = SCENARIOS["dbd-ranap-tanpa-lab"]


def F(fields: str, kategori: str) -> TraineeFinding:  # noqa: N802 - reads like the trainee's line
    return TraineeFinding(tuple(fields.split()), kategori)


# --- the map, one place: every registered rule has a category and fields -------------------------------------------


def test_every_registered_rule_maps_to_a_category_and_a_field():
    codes = {r.code for r in all_rules()}
    assert set(RULE_MAP) == codes, (codes - set(RULE_MAP), set(RULE_MAP) - codes)
    for code, target in RULE_MAP.items():
        assert target.categories and all(c in CATEGORIES for c in target.categories), code
        assert target.fields and all(f in FIELD_BY_KEY for f in target.fields), code


def test_every_field_a_finding_points_at_belongs_to_a_field_the_trainee_can_choose():
    """Over the shipped cases and their generated variants, each finding's claim path maps to one of the fields."""
    seen = 0
    for scenario in SCENARIOS.values():
        claims = [scenario.klaim]
        if not scenario.kunci.cacat:
            claims += [v.scenario.klaim for v in generate_variants(scenario, seed=3).variants]
        for claim in claims:
            for finding in verify(claim).findings:
                seen += 1
                assert field_of(finding.field) is not None, (finding.rule, finding.field)
    assert seen > 50


def test_the_categories_do_not_give_the_answer_away():
    """No category or field label is a rule's title, and none names a rule code."""
    words = [*CATEGORIES.values(), *(f.label for f in FIELD_BY_KEY.values())]
    for rule in all_rules():
        assert all(rule.code not in w and rule.title.lower() != w.lower() for w in words), rule.code


def test_a_claim_offers_only_its_own_fields():
    pcare = next(s for s in SCENARIOS.values() if s.klaim.pengajuan.jenis_klaim == "kapitasi")
    prolanis = next(s for s in SCENARIOS.values() if s.klaim.kegiatan_prolanis is not None)
    assert "pengajuan.jumlah_diajukan" not in claim_fields(pcare.klaim)  # a kapitasi entry bills nothing
    assert "prolanis.foto" not in claim_fields(DBD.klaim) and "prolanis.foto" in claim_fields(prolanis.klaim)
    assert "pengajuan.lama_rawat_hari" in claim_fields(DBD.klaim)  # a stay


def test_field_of_takes_the_most_specific_field():
    assert field_of("kunjungan.vital.sistole") == "kunjungan.vital"
    assert field_of("dokumen.resume_medis") == "dokumen"
    assert field_of("berkas_pengajuan.dokumen") == "berkas_pengajuan"
    assert field_of("peserta.tgl_akhir_berlaku") == "peserta.status"
    assert field_of("tidak.ada") is None


# --- per defect -------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("findings", "credit"),
    [
        ([F("lab", "bukti")], 1.0),  # right field, right problem
        ([F("lab", "dokumen")], PARTIAL_FIELD_ONLY),  # right field, wrong problem
        ([F("dokumen", "bukti")], 0.0),  # right problem, wrong field: no location, no credit
        ([F("kunjungan.diagnosa lab", "bukti")], 1.0),  # two fields named, one of them the defect's
        ([], 0.0),
    ],
)
def test_a_defect_is_found_by_its_field_and_its_kind_of_problem(findings, credit):
    [result] = match_findings(["EV01"], findings, verify(DBD.klaim))
    assert result.credit == credit


def test_one_finding_counts_for_one_defect_and_the_best_assignment_is_chosen():
    before = verify(DBD.klaim)
    # TR01 and TR02 both sit at the billed service; one finding cannot earn both
    [tr01, tr02] = match_findings(["TR01", "TR02"], [F("pengajuan.jumlah_diajukan", "tarif")], before)
    assert tr01.credit + tr02.credit == 1.0
    # the finding that fits only TR02's field goes to TR02, freeing the amount finding for TR01
    given = [F("pengajuan.jumlah_diajukan pengajuan.layanan", "tarif"), F("pengajuan.jumlah_diajukan", "tarif")]
    assert [d.credit for d in match_findings(["TR01", "TR02"], given, before)] == [1.0, 1.0]


def test_identification_is_the_f1_of_the_credit_and_false_findings_lower_it():
    fixed = patch_claim(DBD.klaim, DBD.kunci.perbaikan)

    def ident(*findings: TraineeFinding) -> int:
        return grade_attempt(DBD, Submission(frozenset(), fixed, 60, findings)).points["identifikasi"]

    assert ident(F("lab", "bukti")) == 40
    assert ident(F("lab", "dokumen")) == 20  # credit 1/2: precision 1/2, recall 1/2
    assert ident(F("lab", "bukti"), F("kunjungan.vital", "pcare")) == round(40 * 2 / 3)
    assert ident() == 0


def test_per_field_results_name_the_field_found_missed_and_wrongly_pointed_at():
    fixed = patch_claim(DBD.klaim, DBD.kunci.perbaikan)
    grade = grade_attempt(DBD, Submission(frozenset(), fixed, 60, (F("kunjungan.vital", "pcare"),)))
    assert {(f.field, f.status) for f in grade.fields} == {("lab", "terlewat"), ("kunjungan.vital", "salah_tandai")}
    assert grade.false_findings == (0,) and grade.missed == {"EV01"}


def test_the_old_answer_shape_of_ticked_codes_is_still_graded_as_before():
    """Attempts and scripts of the old form (rule codes ticked) keep their meaning."""
    fixed = patch_claim(DBD.klaim, DBD.kunci.perbaikan)
    grade = grade_attempt(DBD, Submission(frozenset({"EV01", "TW01"}), fixed, 60))
    assert grade.old_shape and grade.found == {"EV01"} and grade.false_alarms == {"TW01"}
    assert grade.points["identifikasi"] == round(40 * 2 / 3)


# --- the correction, per field, adding up ---------------------------------------------------------------------------


def _resolved(s):
    if s.kunci.tidak_dapat_diperbaiki or not s.kunci.cacat:
        return []
    left = set(verify(patch_claim(s.klaim, s.kunci.perbaikan)).rule_codes())
    return [c for c in s.kunci.cacat if c not in left]


def test_the_breakdown_adds_up_to_the_score_for_every_shipped_case_answered_three_ways():
    for s in SCENARIOS.values():
        model = None if s.kunci.tidak_dapat_diperbaiki else patch_claim(s.klaim, s.kunci.perbaikan)
        for corrected in (model, s.klaim, None):
            grade = grade_attempt(s, Submission(frozenset(), corrected, 60, (F("lab", "bukti"),)))
            assert sum(p.points for p in grade.breakdown) == grade.score, s.id
            assert sum(p.max_points for p in grade.breakdown) == 100, s.id
            correction = [p for p in grade.breakdown if p.section == "perbaikan"]
            assert sum(p.earned for p in correction) == grade.points["perbaikan"], s.id


def test_fixing_one_of_two_defects_earns_that_fields_share_and_names_the_other_in_words():
    """A bidan jejaring's ANC: no KIA copy (DK03) and not filed through the FKTP induk (DK06). Only the document
    is attached: the document part and nothing else is earned, and the induk's code is named as expected vs given."""
    case = SCENARIOS["anc-bidan-jejaring-tanpa-induk"]
    assert set(_resolved(case)) == {"DK03", "DK06"}
    corrected = patch_claim(case.klaim, {"dokumen": case.kunci.perbaikan["dokumen"]})
    grade = grade_attempt(case, Submission(frozenset(), corrected, 60))
    parts = {p.label: p for p in grade.breakdown if p.section == "perbaikan"}
    assert list(parts) == [
        "Data fasilitas (jenis, FKTP induk, tarif daerah)",
        "Dokumen berkas klaim",
        "Status klaim hasil perbaikan",
    ]
    assert [p.points for p in parts.values()] == [0, 17, 0] and grade.points["perbaikan"] == 17
    induk = parts["Data fasilitas (jenis, FKTP induk, tarif daerah)"].detail
    assert "Kode PPK FKTP induk seharusnya 0121K017, bukan (kosong)." in induk
    assert not any(raw in induk for raw in ("{", "[", "fasilitas.", "pengajuan."))


def test_fabrication_zeroes_every_part_and_says_why():
    invented = [{"jenis": "trombosit", "nilai": 95000, "satuan": "/uL", "tanggal": "2026-10-05"}]
    corrected = patch_claim(DBD.klaim, {**DBD.kunci.perbaikan, "lab": invented})
    grade = grade_attempt(DBD, Submission(frozenset(), corrected, 60, (F("lab", "bukti"),)))
    assert grade.score == 0
    assert grade.breakdown and all(p.points == 0 and "dinolkan" in p.zeroed for p in grade.breakdown)
    assert next(p for p in grade.breakdown if p.section == "identifikasi").earned == 40  # what it would have been


def test_withdrawing_is_one_decision_part_with_expected_and_given_in_words():
    grade = grade_attempt(DBD, Submission(frozenset(), None, 60, (F("lab", "bukti"),)))
    [decision] = [p for p in grade.breakdown if p.section == "perbaikan"]
    assert decision.label == "Keputusan pengajuan" and decision.points == 0
    assert "Seharusnya diperbaiki dan diajukan, bukan tidak diajukan." in decision.detail


@pytest.mark.parametrize("scenario", list(SCENARIOS.values()), ids=lambda s: s.id)
def test_naming_each_defects_field_and_kind_scores_full_identification(scenario):
    before = verify(scenario.klaim)
    findings = tuple(
        TraineeFinding((located_fields(code, before)[0],), RULE_MAP[code].categories[0])
        for code in scenario.kunci.cacat
    )
    offered = set(claim_fields(scenario.klaim))
    assert all(set(f.fields) <= offered for f in findings), scenario.id  # the form offers these fields
    model = None if scenario.kunci.tidak_dapat_diperbaiki else patch_claim(scenario.klaim, scenario.kunci.perbaikan)
    grade = grade_attempt(scenario, Submission(frozenset(), model, 60, findings))
    assert grade.points["identifikasi"] == 40 and grade.score == 100, (scenario.id, grade.unmet)
