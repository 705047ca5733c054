"""The spaced-review schedule: missed rules come back after 1, 3 and 7 days; a miss resets; the last right retires."""

from __future__ import annotations

import datetime as dt

from bimtek.review import after_miss, after_review, apply_outcomes, due_cards, rules_named, upcoming

DAY = dt.date(2026, 11, 2)


def days(n: int) -> dt.date:
    return DAY + dt.timedelta(days=n)


def test_a_missed_rule_is_due_the_next_day_not_the_same_day():
    card = after_miss(None, "EV01", DAY)
    assert due_cards([card], DAY) == []
    assert upcoming([card], DAY) == [card]
    assert due_cards([card], days(1)) == [card]


def test_right_answers_move_through_1_3_7_days_and_then_retire():
    card = after_miss(None, "EV01", DAY)
    card = after_review(card, True, days(1))
    assert card.due == days(4) and not card.is_due(days(3)) and card.is_due(days(4))
    card = after_review(card, True, days(4))
    assert card.due == days(11)
    card = after_review(card, True, days(11))
    assert card.retired and due_cards([card], days(100)) == [] and upcoming([card], days(11)) == []
    assert card.reviews == 3 and card.misses == 1


def test_a_wrong_review_resets_to_one_day_and_a_retired_rule_missed_again_starts_over():
    card = after_review(after_review(after_miss(None, "TW01", DAY), True, days(1)), False, days(4))
    assert (card.box, card.due, card.misses) == (0, days(5), 2)
    retired = after_review(after_review(after_review(card, True, days(5)), True, days(8)), True, days(15))
    assert retired.retired
    again = after_miss(retired, "TW01", days(30))
    assert not again.retired and again.due == days(31) and again.box == 0


def test_an_overdue_card_is_still_due_and_comes_first():
    late = after_miss(None, "PC01", DAY)
    fresh = after_miss(None, "EV01", days(2))
    assert due_cards([fresh, late], days(3)) == [late, fresh]


def test_work_on_a_due_rule_counts_as_its_review_and_a_miss_elsewhere_resets_a_waiting_card():
    waiting = after_review(after_miss(None, "TR01", DAY), True, days(1))  # due on day 4
    due = after_miss(None, "EV01", DAY)  # due on day 1
    cards = {"TR01": waiting, "EV01": due}
    changed = apply_outcomes(cards, missed=["TR01"], reviewed={"EV01": True, "TR01": False}, today=days(1))
    assert changed["EV01"].due == days(4)  # reviewed right: on to 3 days
    assert changed["TR01"].due == days(2) and changed["TR01"].reviews == 1  # not due: a plain miss, back to 1 day
    assert apply_outcomes(cards, missed=[], reviewed={"TR01": True}, today=days(1)) == {}  # not due: no review


def test_an_exercise_item_names_its_rules_in_its_source_ranges_included():
    known = {"PC01", "PC02", "PC03", "PC04", "PC05", "PC06", "RJ02", "PS02"}
    assert rules_named("Katalog aturan PC01-PC03, RJ02", known) == ["PC01", "PC02", "PC03", "RJ02"]
    assert rules_named("data peserta: noKartu 13 digit; aturan PS02", known) == ["PS02"]
    assert rules_named("Permenkes 3/2023 Pasal 12; AB12 bukan aturan", known) == []
