"""Kapitasi Berbasis Kinerja (KBK): indicator ratings, the weighted score and the share of kapitasi paid.

Source: Peraturan BPJS Kesehatan 7/2019; thresholds, weights and payouts from facts §2.2 (S10, S43).
"""

from __future__ import annotations

from dataclasses import dataclass

KBK_WEIGHTS = {"ak": 0.40, "rrns": 0.50, "rppt": 0.10}


def rate_angka_kontak(per_mille: float) -> int:
    """AK rating: >=150 -> 4, >145-<150 -> 3, >140-145 -> 2, <=140 -> 1."""
    if per_mille >= 150:
        return 4
    if per_mille > 145:
        return 3
    if per_mille > 140:
        return 2
    return 1


def rate_rrns(percent: float) -> int:
    """RRNS rating: <=2% -> 4, >2-2.5% -> 3, >2.5-3% -> 2, >3% -> 1."""
    if percent <= 2:
        return 4
    if percent <= 2.5:
        return 3
    if percent <= 3:
        return 2
    return 1


def rate_rppt(percent: float) -> int:
    """RPPT rating: >=5% -> 4, 4-<5% -> 3, 3-<4% -> 2, <3% -> 1."""
    if percent >= 5:
        return 4
    if percent >= 4:
        return 3
    if percent >= 3:
        return 2
    return 1


@dataclass(frozen=True)
class KbkIndicator:
    """One KBK indicator as the panel shows it: weight, unit and its rating bands (low, high, label) per rating."""

    label: str
    unit: str
    weight: float
    bands: dict[int, tuple[float | None, float | None, str]]
    higher_is_better: bool


KBK_INDICATORS: dict[str, KbkIndicator] = {
    "ak": KbkIndicator(
        "Angka Kontak (AK)",
        "‰",
        KBK_WEIGHTS["ak"],
        {1: (None, 140, "≤140‰"), 2: (140, 145, ">140–145‰"), 3: (145, 150, ">145–<150‰"), 4: (150, None, "≥150‰")},
        True,
    ),
    "rrns": KbkIndicator(
        "Rasio Rujukan Rawat Jalan Kasus Non Spesialistik (RRNS)",
        "%",
        KBK_WEIGHTS["rrns"],
        {4: (None, 2, "≤2%"), 3: (2, 2.5, ">2–2,5%"), 2: (2.5, 3, ">2,5–3%"), 1: (3, None, ">3%")},
        False,
    ),
    "rppt": KbkIndicator(
        "Rasio Peserta Prolanis Terkendali (RPPT)",
        "%",
        KBK_WEIGHTS["rppt"],
        {1: (None, 3, "<3%"), 2: (3, 4, "3–<4%"), 3: (4, 5, "4–<5%"), 4: (5, None, "≥5%")},
        True,
    ),
}
KBK_MIN_PESERTA = 5000  # KBK applies to FKTP with PKS >= 1 year, >= 5.000 peserta and a data connection (S10, S43)
KBK_SOURCE = "Peraturan BPJS Kesehatan Nomor 7 Tahun 2019"  # facts §2.2 (S10, S43)


@dataclass(frozen=True)
class KbkResult:
    ratings: dict[str, int]
    score: float
    payout_percent: float


def kbk_payout_percent(score: float, puskesmas: bool) -> float:
    """Share of kapitasi paid: 4 -> 100%; 3-<4 -> 95/97%; 2-<3 -> 90/96%; 1-<2 -> 85/95% (Puskesmas/klinik-RS D)."""
    if score >= 4:
        return 100.0
    if score >= 3:
        return 95.0 if puskesmas else 97.0
    if score >= 2:
        return 90.0 if puskesmas else 96.0
    return 85.0 if puskesmas else 95.0


def kbk_score(ak_per_mille: float, rrns_percent: float, rppt_percent: float, puskesmas: bool) -> KbkResult:
    """Ratings 1-4 per indicator, the weighted score (max 4) and the share of kapitasi paid (facts §2.2)."""
    for name, value in (("angka kontak", ak_per_mille), ("RRNS", rrns_percent), ("RPPT", rppt_percent)):
        if value < 0 or value != value:
            raise ValueError(f"{name} must be a non-negative number, got {value!r}")
    ratings = {
        "ak": rate_angka_kontak(ak_per_mille),
        "rrns": rate_rrns(rrns_percent),
        "rppt": rate_rppt(rppt_percent),
    }
    score = round(sum(KBK_WEIGHTS[k] * r for k, r in ratings.items()), 2)
    return KbkResult(ratings=ratings, score=score, payout_percent=kbk_payout_percent(score, puskesmas))


def kbk_applies(participants: int) -> bool:
    """KBK is applied to FKTP with at least 5.000 registered participants (and PKS >= 1 year, facts §2.2)."""
    return participants >= KBK_MIN_PESERTA
