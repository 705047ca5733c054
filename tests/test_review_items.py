"""What a spaced review serves: a generated variant that trips the missed rule, else an unseen case; the test clock."""

from __future__ import annotations

import datetime as dt

from bimtek import clock
from bimtek.content import load_scenarios
from bimtek.review_items import fresh_cases, variant_for_rule, variant_rules
from bimtek.verification import verify


def test_a_review_variant_trips_exactly_the_missed_rule_and_is_stable_for_its_seed():
    assert {"EV01", "TW01", "PC01", "TR01"} <= variant_rules()
    for rule in ("EV01", "TW01", "PC01", "TR01"):
        variant = variant_for_rule(rule, 11)
        assert variant is not None
        assert rule in verify(variant.scenario.klaim).rule_codes() == variant.scenario.kunci.cacat
        assert variant_for_rule(rule, 11) == variant


def test_a_rule_no_variant_template_trips_is_served_as_a_case_the_learner_has_not_tried():
    assert variant_for_rule("PL01", 3) is None
    scenarios = load_scenarios().scenarios
    cases = fresh_cases("EV01", scenarios, attempted={"dbd-ranap-tanpa-lab"})
    assert len(cases) >= 2 and all("EV01" in s.kunci.cacat for s in cases)
    assert cases[-1].id == "dbd-ranap-tanpa-lab"  # a case the learner tried comes last


def test_the_test_clock_moves_today_by_the_days_in_its_file(tmp_path, monkeypatch):
    real = clock.today()
    days = tmp_path / "days"
    days.write_text("3")
    monkeypatch.setenv(clock.TEST_CLOCK_FILE, str(days))
    assert clock.today() - real in (dt.timedelta(days=3), dt.timedelta(days=4))  # 4 only across midnight
    days.write_text("not a number")
    assert clock.offset_days() == 0
