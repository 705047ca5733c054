"""Spaced review of missed rules (issue 11 point 4): a Leitner-like schedule of 1, 3 and 7 days per rule.

A rule the learner missed (a defect not found in a case or on a day sheet, a wrong exercise answer tied to the
rule) is due one day later. A correct review moves it to the next interval (3 days, then 7); a miss, in a review
or anywhere else, puts it back to 1 day; a correct answer at the 7-day review retires it. A retired rule missed
again starts over. Pure functions over plain values: the caller passes today's date (bimtek.clock in the app).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass, replace

INTERVALS = (1, 3, 7)  # days until the next review, per box


@dataclass(frozen=True)
class Card:
    """One rule in one learner's review schedule."""

    rule: str
    box: int  # index into INTERVALS: the interval that led to `due`
    due: dt.date
    retired: bool = False
    misses: int = 0  # times missed (first miss included)
    reviews: int = 0  # review answers given (right or wrong)

    def is_due(self, today: dt.date) -> bool:
        return not self.retired and self.due <= today


def after_miss(card: Card | None, rule: str, today: dt.date) -> Card:
    """The card after the learner missed `rule` outside a review: due tomorrow, back in the first box."""
    if card is None:
        return Card(rule=rule, box=0, due=today + dt.timedelta(days=INTERVALS[0]), misses=1)
    return replace(card, box=0, due=today + dt.timedelta(days=INTERVALS[0]), retired=False, misses=card.misses + 1)


def after_review(card: Card, correct: bool, today: dt.date) -> Card:
    """The card after a review answer: right moves it on (retired after the last interval), wrong resets it."""
    reviewed = replace(card, reviews=card.reviews + 1)
    if not correct:
        return after_miss(reviewed, card.rule, today)
    if card.box + 1 >= len(INTERVALS):
        return replace(reviewed, retired=True)
    box = card.box + 1
    return replace(reviewed, box=box, due=today + dt.timedelta(days=INTERVALS[box]))


def due_cards(cards: Iterable[Card], today: dt.date) -> list[Card]:
    """The cards due today (overdue ones first), oldest due date first, then by rule code."""
    return sorted((c for c in cards if c.is_due(today)), key=lambda c: (c.due, c.rule))


def upcoming(cards: Iterable[Card], today: dt.date) -> list[Card]:
    """Cards still in the schedule but not due yet, soonest first."""
    return sorted((c for c in cards if not c.retired and c.due > today), key=lambda c: (c.due, c.rule))


def apply_outcomes(
    cards: Mapping[str, Card], missed: Iterable[str], reviewed: Mapping[str, bool], today: dt.date
) -> dict[str, Card]:
    """The changed cards after one piece of work: `missed` rules were missed; `reviewed` maps a rule whose card was
    due today to whether this work answered it right. A rule both missed and reviewed counts as a wrong review."""
    changed: dict[str, Card] = {}
    missed_set = set(missed)
    for rule, correct in reviewed.items():
        card = cards.get(rule)
        if card is not None and card.is_due(today):
            changed[rule] = after_review(card, correct and rule not in missed_set, today)
    for rule in sorted(missed_set - set(changed)):
        changed[rule] = after_miss(cards.get(rule), rule, today)
    return changed


_NAMED = re.compile(r"\b([A-Z]{2})(\d{2})(?:\s*[-–]\s*(?:[A-Z]{2})?(\d{2}))?\b")


def rules_named(text: str, known: Collection[str]) -> list[str]:
    """The rule codes a text names, ranges included ("PC01-PC06"), limited to `known` codes: how an exercise item
    says which rules it exercises (its `sumber`)."""
    found: set[str] = set()
    for prefix, first, last in _NAMED.findall(text or ""):
        numbers = range(int(first), int(last or first) + 1) if int(last or first) >= int(first) else [int(first)]
        found.update(f"{prefix}{n:02d}" for n in numbers)
    return sorted(found & set(known))
