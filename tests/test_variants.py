"""The variant generator: each variant trips exactly its key, and its key's fix pays without fabrication."""

from __future__ import annotations

import pytest

from bimtek.claim import patch_claim
from bimtek.content import AnswerKey, load_scenarios, parse_scenario_text
from bimtek.errors import InputError
from bimtek.variants import DEFECTS, Edit, all_variants, generate_variants
from bimtek.verification import verify
from scoring.grading import Submission, grade_attempt

SCENARIOS = load_scenarios().scenarios
CLEAN = [s for s in SCENARIOS if not s.kunci.cacat]
BY_ID = {s.id: s for s in SCENARIOS}


def _fixed(scenario_id: str):
    """A shipped defective scenario after its model answer: a clean claim of another shape (e.g. ANC by a bidan)."""
    s = BY_ID[scenario_id]
    claim = patch_claim(s.klaim, s.kunci.perbaikan)
    return s.model_copy(update={"klaim": claim, "kunci": AnswerKey(cacat=[], penjelasan="Klaim sudah benar.")})


def _variants(base):
    result = generate_variants(base, seed=7)
    assert not result.dropped, result.dropped
    return result.variants


@pytest.mark.parametrize("base", CLEAN, ids=lambda s: s.id)
def test_every_variant_of_a_shipped_clean_scenario_trips_its_key_and_its_fix_scores_full(base):
    variants = _variants(base)
    assert variants
    for v in variants:
        s = v.scenario
        assert verify(s.klaim).rule_codes() == s.kunci.cacat, v.defect
        flagged = frozenset(s.kunci.cacat)
        corrected = None if s.kunci.tidak_dapat_diperbaiki else patch_claim(s.klaim, s.kunci.perbaikan)
        grade = grade_attempt(s, Submission(flagged, corrected, 60.0))
        assert grade.score == 100, (v.defect, grade.unmet, grade.fabrications)
        assert "Dasar:" in s.kunci.penjelasan and s.kunci.penjelasan.strip()


@pytest.mark.parametrize("base", CLEAN, ids=lambda s: s.id)
def test_a_variant_sent_unchanged_does_not_pay_and_its_yaml_reads_back_identically(base):
    for v in _variants(base):
        s = v.scenario
        if not s.kunci.tidak_dapat_diperbaiki:
            grade = grade_attempt(s, Submission(frozenset(s.kunci.cacat), s.klaim, 60.0))
            assert not grade.correction_ok, v.defect
        back, problems = parse_scenario_text(v.to_yaml(), f"{s.id}.yaml")
        assert not problems and back == s


def test_the_dbd_stay_gets_signature_lab_deadline_tariff_and_pcare_variants():
    codes = {v.scenario.kunci.cacat[0] for v in _variants(BY_ID["dbd-ranap-trombosit-90rb"])}
    assert {"EV02", "DK07", "EV01", "TW01", "TW02", "TR01", "PC01", "PC02", "PC03", "PC04", "PC05", "PC06"} <= codes
    assert "TR02" not in codes and "DK02" not in codes  # no wrong line for a stay, no partograf


BILLING_RULES = {"TW01", "TW02", "TR01", "TR02", "TR03", "TR04", "TR05", "DK01", "DK07", "EV01", "EV02", "PS01", "DP01"}


def test_a_kapitasi_entry_gets_entry_and_code_variants_but_no_billing_ones():
    codes = {c for v in _variants(BY_ID["pcare-rujukan-hipertensi-dengan-tacc"]) for c in v.scenario.kunci.cacat}
    assert {"PC01", "PC02", "PC03", "PC04", "PC05", "PC06", "PC07", "KD01", "KD02", "RJ02"} <= codes
    assert not codes & BILLING_RULES  # a P-Care entry is not billed: no deadline, tariff or claim-file variants


def test_expired_variant_must_be_withdrawn_and_resubmitting_it_earns_no_correction():
    v = next(v for v in _variants(BY_ID["persalinan-tanpa-dokter-800rb"]) if v.defect == "kedaluwarsa")
    assert v.scenario.kunci.tidak_dapat_diperbaiki and not v.scenario.kunci.perbaikan
    assert not grade_attempt(v.scenario, Submission(frozenset({"TW02"}), v.scenario.klaim, 60)).correction_ok


def test_anc_by_a_bidan_billed_as_a_doctor_trips_tr02_and_needs_the_bidan_line():
    base = _fixed("anc-bidan-ditagih-tarif-dokter")
    v = next(v for v in _variants(base) if v.defect == "baris-tarif-salah")
    assert v.scenario.klaim.pengajuan.layanan == "anc_dokter" and v.scenario.kunci.cacat == ["TR02"]
    assert v.scenario.kunci.harus["pengajuan.layanan"] == "anc_bidan"


def test_unsigned_document_cannot_be_signed_without_the_signed_copy_in_the_case_file():
    v = next(v for v in _variants(BY_ID["dbd-ranap-trombosit-90rb"]) if v.defect == "resume-tanpa-ttd")
    stripped = v.scenario.model_copy(
        update={"berkas_kasus": [i for i in v.scenario.berkas_kasus if not (i.dokumen and i.dokumen.ditandatangani)]}
    )
    grade = grade_attempt(
        stripped, Submission(frozenset({"EV02"}), patch_claim(stripped.klaim, stripped.kunci.perbaikan), 60)
    )
    assert grade.fabrications  # so the evidence the variant adds is what makes the fix legitimate


def test_removed_diagnosis_may_be_restored_but_not_replaced_by_another():
    v = next(v for v in _variants(BY_ID["pcare-rujukan-hipertensi-dengan-tacc"]) if v.defect == "diagnosa-kosong")
    other = patch_claim(v.scenario.klaim, {"kunjungan.diagnosa": ["J06.9"]})
    assert grade_attempt(v.scenario, Submission(frozenset({"PC04"}), other, 60)).fabrications


def test_a_variant_whose_defect_trips_other_rules_is_dropped_with_the_reason(monkeypatch):
    def inactive(base, rng):  # declares PC01 but really makes the participant inactive (PS01)
        return Edit({"peserta.aktif": False}, ("PC01",), "x", "regulasi", perbaikan={"peserta.aktif": True})

    monkeypatch.setitem(DEFECTS, "salah", ("Cacat uji", inactive))
    result = generate_variants(BY_ID["dbd-ranap-trombosit-90rb"])
    dropped = {d.defect: d.reason for d in result.dropped}
    assert "PS01" in dropped["salah"] and "PC01" in dropped["salah"]
    assert "salah" not in {v.defect for v in result.variants}


def test_a_claim_with_defects_is_refused_with_a_message():
    with pytest.raises(InputError, match="belum bersih"):
        generate_variants(BY_ID["anc-bidan-ditagih-tarif-dokter"])
    with pytest.raises(InputError, match="belum bersih"):
        generate_variants(BY_ID["anc-bidan-ditagih-tarif-dokter"].klaim)


def test_a_bare_claim_is_accepted_and_the_seed_is_reproducible():
    claim = BY_ID["persalinan-tanpa-dokter-800rb"].klaim
    first, again = generate_variants(claim, seed=3), generate_variants(claim, seed=3)
    assert [v.to_yaml() for v in first.variants] == [v.to_yaml() for v in again.variants]
    assert any(v.defect == "partograf-tanpa-ttd" for v in first.variants)


@pytest.mark.parametrize(
    "base_id",
    ["prolanis-penyuluhan-senam-dm-lengkap", "rujukan-khusus-hemodialisa", "ambulans-rujukan-persalinan-macet"],
)
def test_every_form_of_every_template_scores_full_with_its_key_and_does_not_pay_unchanged(base_id):
    result = all_variants(BY_ID[base_id])
    assert not result.dropped, result.dropped
    ids = [v.scenario.id for v in result.variants]
    assert len(ids) == len(set(ids))
    for v in result.variants:
        s = v.scenario
        corrected = None if s.kunci.tidak_dapat_diperbaiki else patch_claim(s.klaim, s.kunci.perbaikan)
        assert grade_attempt(s, Submission(frozenset(s.kunci.cacat), corrected, 60.0)).score == 100, v.defect
        if corrected is not None:
            assert not grade_attempt(s, Submission(frozenset(s.kunci.cacat), s.klaim, 60.0)).correction_ok, v.defect


def test_a_typed_discharge_date_names_every_rule_it_trips_and_one_fix_clears_them():
    base = _fixed("ranap-lama-rawat-dihitung-lebih")
    v = next(v for v in all_variants(base).variants if v.defect == "tanggal-pulang-salah-ketik")
    assert "TW03" in v.scenario.kunci.cacat and len(v.scenario.kunci.cacat) > 1
    assert verify(patch_claim(v.scenario.klaim, v.scenario.kunci.perbaikan)).is_paid


def test_a_prolanis_activity_gets_its_own_evidence_variants():
    codes = {
        c for v in all_variants(BY_ID["prolanis-penyuluhan-senam-dm-lengkap"]).variants for c in v.scenario.kunci.cacat
    }
    assert {"PL01", "PL02", "PL05"} <= codes
