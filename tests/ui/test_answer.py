"""The UI's pure helpers: what evidence the form offers, how answers become claim changes, filters and formats."""

from __future__ import annotations

import datetime as dt

import pytest
from pydantic import ValidationError

from bimtek.claim import Dokumen, Rujukan
from bimtek.content import load_scenarios
from ui import answer
from ui.case_list import filter_cases
from ui.catalogue_view import matches
from ui.labels import angka

SCENARIOS = {s.id: s for s in load_scenarios().scenarios}
DBD = SCENARIOS["dbd-ranap-tanpa-lab"]


def test_attachable_labs_are_exactly_the_claim_and_case_file_results():
    options = answer.attachable_labs(DBD)
    expected = {(r.jenis, r.nilai, r.tanggal) for r in [*DBD.klaim.lab, *DBD.case_file_labs()]}
    assert {(o.item.jenis, o.item.nilai, o.item.tanggal) for o in options} == expected
    assert len(options) == len(expected)  # nothing offered twice
    assert all(o.source == "Buku laboratorium Puskesmas" and not o.in_claim for o in options)


@pytest.mark.parametrize("scenario", list(SCENARIOS.values()), ids=lambda s: s.id)
def test_documents_offered_never_exceed_what_exists(scenario):
    general = scenario.klaim.berkas_pengajuan.dokumen if scenario.klaim.berkas_pengajuan else []
    existing = {
        (d.jenis, d.ditandatangani) for d in [*scenario.klaim.dokumen, *general, *scenario.case_file_documents()]
    }
    offered = [(o.item.jenis, o.item.ditandatangani) for o in answer.attachable_documents(scenario)]
    assert set(offered) == existing and len(offered) == len(existing)


def test_ticking_a_signed_and_an_unsigned_copy_files_one_signed_document():
    unsigned = answer.Attachable(Dokumen(jenis="resume_medis", ditandatangani=False), answer.IN_CLAIM, True)
    signed = answer.Attachable(Dokumen(jenis="resume_medis", ditandatangani=True), "Resume", False)
    fpk = answer.Attachable(Dokumen(jenis="fpk", ditandatangani=True), answer.IN_CLAIM, True)
    filed = answer.attached_documents([unsigned, signed, fpk], [True, True, False])
    assert filed == [{"jenis": "resume_medis", "ditandatangani": True, "bermeterai": False, "keterangan": ""}]


def test_a_signed_fpk_from_the_case_file_goes_to_the_submission_file_and_clears_dk01():
    from bimtek.claim import patch_claim
    from bimtek.verification import verify

    case = SCENARIOS["kb-implan-berkas-berantakan"]
    options = answer.attachable_documents(case)
    # tick everything offered: the signed FPK of the case file wins over the unsigned one of the submission
    filed = answer.attached_documents(options, [True] * len(options))
    changes = answer.document_changes(case, filed)
    assert {d["jenis"] for d in changes["berkas_pengajuan.dokumen"]} == {"fpk", "rekapitulasi", "kuitansi", "sptjm"}
    assert "fpk" not in {d["jenis"] for d in changes["dokumen"]}
    assert "DK01" in verify(case.klaim).rule_codes()
    assert "DK01" not in verify(patch_claim(case.klaim, changes)).rule_codes()


def test_diagnosa_inputs_are_trimmed_upper_cased_and_blanks_dropped():
    assert answer.diagnosa_list([" a91 ", "", "d64.9"]) == ["A91", "D64.9"]


def test_rujukan_is_removed_when_emptied_and_needs_a_destination_otherwise():
    original = Rujukan(kd_ppk="0114R001", kd_tacc=-1)
    assert answer.rujukan_value(original, "", -1, "") is None
    assert answer.rujukan_value(None, "0114R001", 1, " Time ") == {
        "kd_ppk": "0114R001",
        "kd_tacc": 1,
        "alasan_tacc": "Time",
    }
    assert "kd_ppk" not in answer.rujukan_value(original, "", 3, "Complication")


def test_a_submission_from_valid_changes_and_the_messages_of_invalid_ones():
    lab = [o.item.model_dump(mode="json") for o in answer.attachable_labs(DBD)]
    submission = answer.build_submission(DBD, frozenset({"EV01"}), False, {"lab": lab}, seconds=12.0)
    assert submission.corrected is not None and len(submission.corrected.lab) == len(lab)
    assert answer.build_submission(DBD, frozenset(), True, {"lab": lab}, seconds=1.0).corrected is None
    with pytest.raises(ValidationError) as err:
        answer.build_submission(DBD, frozenset(), False, {"kunjungan.rujukan": {"kd_tacc": 1}}, seconds=1.0)
    assert answer.validation_messages(err.value) == ["Kode PPK tujuan rujukan: wajib diisi"]


def test_filters_combine_and_an_empty_filter_means_all():
    scenarios = list(SCENARIOS.values())
    assert filter_cases(scenarios, [], [], [], [], lambda _: "Belum dikerjakan") == scenarios
    dasar = filter_cases(scenarios, [], [], ["dasar"], [], lambda _: "x")
    assert dasar and all(s.tingkat.value == "dasar" for s in dasar)
    assert filter_cases(scenarios, [], [], [], ["Tuntas"], lambda i: "Tuntas" if i == DBD.id else "x") == [DBD]
    assert filter_cases(scenarios, ["tidak-ada"], [], [], [], lambda _: "x") == []


def test_numbers_use_indonesian_separators():
    assert (angka(85000), angka(38.5), angka(None)) == ("85.000", "38,5", "-")


def test_catalogue_search_matches_code_title_and_regulation_case_insensitively():
    row = {"code": "EV01", "title": "Bukti laboratorium DBD", "regulation": "Kriteria WHO 2011"}
    assert matches(row, "ev01") and matches(row, "who") and matches(row, "") and not matches(row, "TW02")


def test_dates_in_changes_round_trip_through_the_claim():
    submission = answer.build_submission(
        DBD, frozenset(), False, {"kunjungan.tgl_entri": dt.date(2026, 10, 7).isoformat()}, seconds=1.0
    )
    assert submission.corrected is not None and submission.corrected.kunjungan.tgl_entri == dt.date(2026, 10, 7)


def test_the_prolanis_form_offers_the_activitys_photos_and_the_folder_and_can_replace_the_reused_one():
    from bimtek.claim import patch_claim
    from bimtek.verification import verify

    case = SCENARIOS["prolanis-senam-foto-dipakai-ulang"]
    options = answer.attachable_photos(case)
    assert [o.in_claim for o in options] == [True] * 4 + [False] * 2  # the folder adds two photos not yet attached
    keep = [o.item.berkas != "senam-0207-2.jpg" and o.item.berkas != "senam-0307-5.jpg" for o in options]
    fixed = patch_claim(case.klaim, {"kegiatan_prolanis.foto": answer.kept([o.item for o in options], keep)})
    assert "PL03" in verify(case.klaim).rule_codes() and "PL03" not in verify(fixed).rule_codes()
