"""A learner's spaced-review cards in the store (table review_cards): read them all, write the changed ones."""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import select
from sqlalchemy.orm import Session

from bimtek.review import Card
from bimtek.storage.models import ReviewCard, utcnow
from bimtek.storage.store import Store


def _card(row: ReviewCard) -> Card:
    return Card(
        rule=row.rule_code, box=row.box, due=row.due_on, retired=row.retired, misses=row.misses, reviews=row.reviews
    )


def load_cards(store: Store, learner_id: str) -> dict[str, Card]:
    """Every card of the learner, retired ones included, by rule code."""

    def work(session: Session) -> dict[str, Card]:
        rows = session.scalars(select(ReviewCard).where(ReviewCard.learner_id == learner_id))
        return {row.rule_code: _card(row) for row in rows}

    return store.read(work)


def save_cards(store: Store, learner_id: str, cards: Iterable[Card]) -> None:
    """Writes the given cards (new or changed) in one transaction."""
    wanted = {card.rule: card for card in cards}
    if not wanted:
        return

    def work(session: Session) -> None:
        rows = {
            row.rule_code: row
            for row in session.scalars(
                select(ReviewCard).where(ReviewCard.learner_id == learner_id, ReviewCard.rule_code.in_(wanted))
            )
        }
        now = utcnow()
        for rule, card in wanted.items():
            row = rows.get(rule)
            if row is None:
                row = ReviewCard(learner_id=learner_id, rule_code=rule)
                session.add(row)
            row.box, row.due_on, row.retired = card.box, card.due, card.retired
            row.misses, row.reviews, row.updated_at = card.misses, card.reviews, now

    store.write(work)
