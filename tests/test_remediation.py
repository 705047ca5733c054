"""Remediation choices (scoring/remediation.py): a heatmap click picks a rule the form can offer, and a rule suggests
the module and the case that train it."""

from __future__ import annotations

from types import SimpleNamespace

from bimtek.content import load_scenarios
from bimtek.modules import load_modules
from scoring.remediation import CellChoice, choose_from_cell, modules_for, ordered_targets, scenarios_for

UNRESOLVED = {"EV01": ["rina", "budi"], "DK05": ["budi"]}


def test_a_clicked_cell_picks_its_rule_and_its_trainee():
    click = [{"Aturan": "DK05", "learner_id": "budi"}]
    assert choose_from_cell(click, UNRESOLVED) == CellChoice("DK05", "budi")


def test_the_latest_of_several_shift_clicked_cells_wins():
    clicks = [{"Aturan": "DK05", "learner_id": "budi"}, {"Aturan": "EV01", "learner_id": "rina"}]
    assert choose_from_cell(clicks, UNRESOLVED) == CellChoice("EV01", "rina")


def test_a_trainee_who_already_mastered_the_rule_is_not_singled_out():
    # Rina's cell for DK05 is from an old attempt; her latest attempt no longer misses it
    assert choose_from_cell([{"Aturan": "DK05", "learner_id": "rina"}], UNRESOLVED) == CellChoice("DK05", None)


def test_a_rule_everyone_has_since_mastered_or_an_empty_or_odd_selection_changes_nothing():
    assert choose_from_cell([{"Aturan": "TW01", "learner_id": "rina"}], UNRESOLVED) is None
    for selection in ([], {}, None, "EV01", [None], [{"Peserta": "Rina"}]):
        assert choose_from_cell(selection, UNRESOLVED) is None


def test_the_modules_that_list_a_rule_are_suggested_and_only_assignable_ones():
    modules = load_modules().modules
    known = {m.id: m.judul for m in modules}
    ev01 = modules_for("EV01", modules, known)
    assert "dokumentasi" in ev01 and "tarif" not in ev01
    assert all("EV01" in next(m for m in modules if m.id == i).aturan for i in ev01)
    assert modules_for("EV01", modules, {"tarif": "Tarif"}) == []


def test_the_cases_whose_key_names_the_rule_are_suggested_single_defect_cases_first():
    scenarios = load_scenarios().scenarios
    assert scenarios_for("EV01", scenarios)[:2] == ["dbd-ranap-tanpa-lab", "klb-dbd-gunungkidul"]
    fake = [SimpleNamespace(id=i, kunci=SimpleNamespace(cacat=c)) for i, c in (("a", ["X", "Y"]), ("b", ["X"]))]
    assert scenarios_for("X", fake) == ["b", "a"] and scenarios_for("Z", fake) == []


def test_suggested_targets_come_first_and_nothing_is_lost_or_invented():
    candidates = {"a": "A", "b": "B", "c": "C"}
    assert ordered_targets(candidates, ["c", "zz"]) == ["c", "a", "b"]
    assert ordered_targets(candidates, []) == ["a", "b", "c"]
