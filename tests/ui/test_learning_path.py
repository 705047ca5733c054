"""Beranda's learning path (issue 13): a recommended order with the article's two cases first, and the progress."""

from __future__ import annotations

from tests.ui.conftest import problems, run_page
from ui import nav, state
from ui.case_list import SEED_CASES
from ui.content import find_scenario


def labels(at) -> list[str]:
    return [link.label for link in at.get("page_link")]


def progress_text(at) -> str:
    (bar,) = at.get("progress")
    return bar.proto.text


def test_a_new_learner_is_led_to_kasus_1_then_kasus_2_then_the_modules():
    at = run_page(nav.BERANDA)
    assert not at.exception, problems(at)
    kasus1, kasus2 = (find_scenario(case_id) for case_id in SEED_CASES)
    assert kasus1 is not None and kasus2 is not None
    numbered = [label for label in labels(at) if label.split(".")[0].isdigit()]
    steps = sorted(numbered, key=lambda label: int(label.split(".")[0]))
    assert steps[0] == f"1. Kasus 1: {kasus1.judul} (belum dikerjakan)"
    assert steps[1] == f"2. Kasus 2: {kasus2.judul} (belum dikerjakan)"
    assert steps[2].startswith("3. Modul Regulasi Klaim FKTP")
    assert steps[-1].startswith(f"{len(steps)}. Checklist Pasca Bimtek")
    assert f"Langkah berikutnya: Kasus 1: {kasus1.judul}" in labels(at)
    assert progress_text(at) == f"0 dari {len(steps)} langkah tuntas"


def test_progress_moves_along_the_path_as_cases_are_tuntas(seed_progress):
    tuntas = {"scenario_id": SEED_CASES[0], "score": 100, "correction_ok": True, "integrity_ok": True, "seconds": 60.0}
    tried = {"scenario_id": SEED_CASES[1], "score": 30, "correction_ok": False, "integrity_ok": True, "seconds": 60.0}
    learner = seed_progress(attempts=[tuntas, tried])
    at = run_page(nav.BERANDA, session={state.LEARNER: learner})
    assert not at.exception, problems(at)
    kasus2 = find_scenario(SEED_CASES[1])
    assert kasus2 is not None
    assert progress_text(at).startswith("1 dari ")
    assert f"Langkah berikutnya: Kasus 2: {kasus2.judul}" in labels(at)
    assert f"2. Kasus 2: {kasus2.judul} (sudah dicoba)" in labels(at)
