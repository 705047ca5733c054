"""The trainer's dashboard figures for one cohort, from plain records: progress per trainee, errors, hard cases, time.

Pure: members, attempts and exercise results go in as the store's plain records (attempts carry "learner_id"),
each trainee's checklist indicators as {indicator_id: met}; nothing here reads the store or the clock.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class TraineeRow:
    learner_id: str
    name: str
    attempts: int = 0
    cases_tried: int = 0
    cases_done: int = 0  # tuntas: a correct correction without fabricated evidence
    mean_score: float | None = None
    exercises: int = 0
    exercises_correct: int = 0
    indicators_met: int | None = None  # of the checklist's four; None when not scored
    seconds: float = 0.0


@dataclass(frozen=True)
class ScenarioRow:
    scenario_id: str
    attempts: int
    trainees: int
    mean_score: float
    done_rate: float  # share of the trainees who tried it and reached tuntas


@dataclass(frozen=True)
class IndicatorRate:
    indicator_id: str
    met: int
    scored: int

    @property
    def rate(self) -> float:
        return self.met / self.scored if self.scored else 0.0


@dataclass(frozen=True)
class Dashboard:
    trainees: list[TraineeRow]
    heatmap: dict[tuple[str, str], int]  # (rule code, learner id) -> attempts in which the rule was missed/left
    unresolved: dict[str, list[str]]  # rule code -> learner ids whose latest attempt of a case still misses it
    scenarios: list[ScenarioRow]  # hardest first
    indicators: list[IndicatorRate]
    total_seconds: float = 0.0
    rules: list[str] = field(default_factory=list)  # rule codes by how many trainees they trip, most first


def _done(attempt: Mapping[str, Any]) -> bool:
    return bool(attempt.get("correction_ok")) and bool(attempt.get("integrity_ok"))


def _errors(attempt: Mapping[str, Any]) -> set[str]:
    return {str(code) for code in (*attempt.get("missed", ()), *attempt.get("remaining", ()))}


def summarise(
    members: Sequence[tuple[str, str]],
    attempts: Sequence[Mapping[str, Any]],
    exercises: Sequence[Mapping[str, Any]] = (),
    indicators: Mapping[str, Mapping[str, bool]] | None = None,
    indicator_ids: Sequence[str] = (),
) -> Dashboard:
    """The cohort's dashboard. `members` are (learner_id, name); records of anyone else are ignored.

    `attempts` must be oldest first (the store's order): the latest attempt of a case decides what is unresolved.
    """
    names = dict(members)
    scores: dict[str, list[int]] = defaultdict(list)
    seconds: dict[str, float] = defaultdict(float)
    tried: dict[str, set[str]] = defaultdict(set)
    done: dict[str, set[str]] = defaultdict(set)
    heatmap: dict[tuple[str, str], int] = defaultdict(int)
    latest: dict[tuple[str, str], set[str]] = {}
    by_case: dict[str, list[int]] = defaultdict(list)
    case_trainees: dict[str, set[str]] = defaultdict(set)
    case_done: dict[str, set[str]] = defaultdict(set)
    for attempt in attempts:
        learner = str(attempt.get("learner_id"))
        if learner not in names:
            continue
        case = str(attempt["scenario_id"])
        score = int(attempt["score"])
        scores[learner].append(score)
        seconds[learner] += float(attempt.get("seconds") or 0.0)
        tried[learner].add(case)
        by_case[case].append(score)
        case_trainees[case].add(learner)
        if _done(attempt):
            done[learner].add(case)
            case_done[case].add(learner)
        errors = _errors(attempt)
        for rule in errors:
            heatmap[(rule, learner)] += 1
        latest[(learner, case)] = errors

    answered: dict[str, int] = defaultdict(int)
    correct: dict[str, int] = defaultdict(int)
    for result in exercises:
        learner = str(result.get("learner_id"))
        if learner in names:
            answered[learner] += 1
            correct[learner] += bool(result.get("correct"))

    unresolved_sets: dict[str, set[str]] = defaultdict(set)
    for (learner, _case), errors in latest.items():
        for rule in errors:
            unresolved_sets[rule].add(learner)

    indicators = indicators or {}
    trainees = [
        TraineeRow(
            learner_id=learner,
            name=name,
            attempts=len(scores[learner]),
            cases_tried=len(tried[learner]),
            cases_done=len(done[learner]),
            mean_score=sum(scores[learner]) / len(scores[learner]) if scores[learner] else None,
            exercises=answered[learner],
            exercises_correct=correct[learner],
            indicators_met=sum(bool(v) for v in indicators[learner].values()) if learner in indicators else None,
            seconds=seconds[learner],
        )
        for learner, name in members
    ]
    scenarios = sorted(
        (
            ScenarioRow(
                scenario_id=case,
                attempts=len(case_scores),
                trainees=len(case_trainees[case]),
                mean_score=sum(case_scores) / len(case_scores),
                done_rate=len(case_done[case]) / len(case_trainees[case]),
            )
            for case, case_scores in by_case.items()
        ),
        key=lambda row: (row.done_rate, row.mean_score, row.scenario_id),
    )
    rates = [
        IndicatorRate(
            indicator_id,
            met=sum(bool(scored.get(indicator_id)) for scored in indicators.values()),
            scored=sum(indicator_id in scored for scored in indicators.values()),
        )
        for indicator_id in indicator_ids
    ]
    trainees_per_rule: dict[str, int] = defaultdict(int)
    for rule, _learner in heatmap:
        trainees_per_rule[rule] += 1
    return Dashboard(
        trainees=trainees,
        heatmap=dict(heatmap),
        unresolved={rule: sorted(ids, key=lambda i: names[i]) for rule, ids in unresolved_sets.items()},
        scenarios=scenarios,
        indicators=rates,
        total_seconds=sum(seconds.values()),
        rules=sorted(trainees_per_rule, key=lambda rule: (-trainees_per_rule[rule], rule)),
    )
