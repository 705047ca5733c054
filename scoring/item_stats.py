"""Item statistics for trainers, as Moodle's quiz statistics compute them (pure: plain store records in, rows out).

Every exercise item (module, exercise, item) and every scenario of a cohort is one "butir". Per butir:

- facility index (indeks fasilitas) = 100 x the mean score fraction the trainees earned on it (0..100 %);
- discrimination index (indeks diskriminasi) = 100 x Pearson's correlation between the butir's score fraction and
  the trainee's rest-of-test score, over the trainees who took the butir and at least one other butir.

Only each trainee's FIRST attempt of a butir counts (Moodle's default "first attempt" setting): a retry after the
feedback or the key was shown measures memory of the key, not the skill.

Trainees in a cohort do not all take the same butir, so the rest-of-test score is the MEAN score fraction of the
trainee's other first attempts rather than Moodle's sum of marks. When everyone takes the same butir set the mean is
the sum divided by a constant, and a correlation does not change under that, so the figure equals Moodle's.

A butir is "mungkin bermasalah" (Moodle's rule of thumb) when its facility is below 20 % or above 90 %, or its
discrimination is below 30 % (a negative one first suggests a wrong key).
"""

from __future__ import annotations

import statistics
from collections import defaultdict
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

FACILITY_LOW = 20.0
FACILITY_HIGH = 90.0
DISCRIMINATION_MIN = 30.0
MIN_PAIRS = 3  # a correlation of two points is always +1 or -1 and says nothing
MAX_SCENARIO_SCORE = 100  # scoring.grading: identifikasi 40 + perbaikan 50 + waktu 10

KIND_EXERCISE = "Soal latihan"
KIND_SCENARIO = "Studi kasus"
FLAGGED = "Mungkin bermasalah"
FINE = "Wajar"
UNKNOWN = "Belum dapat dinilai"


@dataclass(frozen=True)
class ItemStat:
    kind: str  # KIND_EXERCISE or KIND_SCENARIO
    key: str  # "module/exercise/item" or the scenario id
    n: int  # trainees with a first attempt
    facility: float  # %
    discrimination: float | None  # %, None when it cannot be computed
    reasons: tuple[str, ...]  # why the butir may be broken; empty when it is not flagged
    note: str = ""  # why the discrimination could not be computed

    @property
    def flagged(self) -> bool:
        return bool(self.reasons)

    @property
    def status(self) -> str:
        if self.reasons:
            return FLAGGED
        return FINE if self.discrimination is not None else UNKNOWN


def _fraction(value: Any, top: float) -> float:
    return min(1.0, max(0.0, float(value or 0) / top))


def first_scores(
    attempts: Sequence[Mapping[str, Any]],
    exercises: Sequence[Mapping[str, Any]] = (),
    learners: Collection[str] | None = None,
) -> dict[tuple[str, str], dict[str, float]]:
    """(kind, key) -> learner -> score fraction of the learner's first attempt. Records are oldest first (the store's
    order); records of learners outside `learners` (when given) are ignored."""
    out: dict[tuple[str, str], dict[str, float]] = defaultdict(dict)

    def keep(butir: tuple[str, str], learner: str, score: float) -> None:
        if learners is not None and learner not in learners:
            return
        out[butir].setdefault(learner, score)  # the first one wins

    for result in exercises:
        key = exercise_key(str(result.get("module_id")), str(result.get("exercise_id")), str(result.get("item_id")))
        keep((KIND_EXERCISE, key), str(result.get("learner_id")), _fraction(result.get("score"), 1.0))
    for attempt in attempts:
        keep(
            (KIND_SCENARIO, str(attempt.get("scenario_id"))),
            str(attempt.get("learner_id")),
            _fraction(attempt.get("score"), MAX_SCENARIO_SCORE),
        )
    return dict(out)


def _discrimination(scores: Mapping[str, float], totals: Mapping[str, tuple[float, int]]) -> tuple[float | None, str]:
    """Pearson's r x 100 between the butir's scores and each trainee's rest-of-test mean, with why it is missing.

    `totals` is learner -> (sum, count) over all their first attempts, so the rest of the test is
    (sum - this score) / (count - 1): linear in the records, whatever the size of the cohort."""
    pairs = []
    for learner, score in scores.items():
        total, count = totals[learner]
        if count > 1:
            pairs.append((score, (total - score) / (count - 1)))
    if len(pairs) < MIN_PAIRS:
        return None, (
            f"diskriminasi belum dapat dihitung: baru {len(pairs)} peserta yang juga mengerjakan butir lain "
            f"(perlu minimal {MIN_PAIRS})"
        )
    xs, ys = [p[0] for p in pairs], [p[1] for p in pairs]
    if len(set(xs)) == 1:
        return None, "diskriminasi tidak terdefinisi: semua peserta mendapat skor yang sama pada butir ini"
    if max(ys) - min(ys) < 1e-12:
        return None, "diskriminasi tidak terdefinisi: skor butir lain semua peserta sama"
    return 100 * statistics.correlation(xs, ys), ""


def _reasons(facility: float, discrimination: float | None) -> tuple[str, ...]:
    out = []
    if facility < FACILITY_LOW:
        out.append(f"terlalu sulit: indeks fasilitas {facility:.0f}% di bawah {FACILITY_LOW:.0f}%")
    elif facility > FACILITY_HIGH:
        out.append(f"terlalu mudah: indeks fasilitas {facility:.0f}% di atas {FACILITY_HIGH:.0f}%")
    if discrimination is not None and discrimination < 0:
        out.append(
            f"diskriminasi negatif ({discrimination:.0f}%): peserta yang kuat di butir lain justru lebih sering "
            "salah di sini; periksa kunci dan kalimat soal"
        )
    elif discrimination is not None and discrimination < DISCRIMINATION_MIN:
        out.append(
            f"diskriminasi {discrimination:.0f}% di bawah {DISCRIMINATION_MIN:.0f}%: butir kurang membedakan "
            "peserta yang menguasai dari yang belum"
        )
    return tuple(out)


def item_statistics(
    attempts: Sequence[Mapping[str, Any]],
    exercises: Sequence[Mapping[str, Any]] = (),
    learners: Collection[str] | None = None,
) -> list[ItemStat]:
    """Every butir of the cohort with its statistics, flagged ones first, then by kind and key."""
    scores = first_scores(attempts, exercises, learners)
    sums: dict[str, float] = defaultdict(float)
    counts: dict[str, int] = defaultdict(int)
    for per_learner in scores.values():
        for learner, score in per_learner.items():
            sums[learner] += score
            counts[learner] += 1
    totals = {learner: (sums[learner], counts[learner]) for learner in sums}
    stats = []
    for butir, per_learner in scores.items():
        facility = 100 * statistics.fmean(per_learner.values())
        discrimination, note = _discrimination(per_learner, totals)
        stats.append(
            ItemStat(
                butir[0], butir[1], len(per_learner), facility, discrimination, _reasons(facility, discrimination), note
            )
        )
    return sorted(stats, key=lambda s: (not s.flagged, s.kind, s.key))


STATISTIC_FIELDS = (
    "Butir",
    "Isi",
    "Jenis",
    "n",
    "Indeks fasilitas (%)",
    "Indeks diskriminasi (%)",
    "Status",
    "Alasan",
)


def statistic_rows(stats: Sequence[ItemStat], titles: Mapping[str, str] | None = None) -> list[dict[str, Any]]:
    """One row per butir, the same on the dashboard and in the XLSX sheet "Statistik Butir". `titles` maps a butir
    key to what a trainer recognises (the module and question, the case title); an unknown key shows as it is."""
    titles = titles or {}
    return [
        {
            "Butir": s.key,
            "Isi": titles.get(s.key, ""),
            "Jenis": s.kind,
            "n": s.n,
            "Indeks fasilitas (%)": round(s.facility, 1),
            "Indeks diskriminasi (%)": round(s.discrimination, 1) if s.discrimination is not None else None,
            "Status": s.status,
            "Alasan": "; ".join([*s.reasons, *([s.note] if s.note else [])]),
        }
        for s in stats
    ]


def exercise_key(module_id: str, exercise_id: str, item_id: str) -> str:
    return f"{module_id}/{exercise_id}/{item_id}"


def cohort_statistics(
    records: Sequence[tuple[str, Sequence[Mapping[str, Any]], Sequence[Mapping[str, Any]]]],
) -> list[ItemStat]:
    """item_statistics over (learner_id, attempts, exercise results) per trainee, each list oldest first."""
    attempts = [{**a, "learner_id": learner} for learner, mine, _ in records for a in mine]
    exercises = [{**e, "learner_id": learner} for learner, _, done in records for e in done]
    return item_statistics(attempts, exercises)
