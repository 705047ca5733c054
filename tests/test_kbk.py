"""KBK (facts §2.2): the ratings per indicator, the weighted score, the payout and the capitation actually paid."""

import pytest

from bimtek import accounting as acc
from bimtek.kbk import KBK_INDICATORS, kbk_applies, kbk_score, rate_angka_kontak, rate_rppt, rate_rrns


@pytest.mark.parametrize(
    ("ak", "rrns", "rppt", "puskesmas", "ratings", "score", "payout"),
    [
        (150, 2.0, 5.0, True, (4, 4, 4), 4.0, 100.0),
        (149, 2.4, 4.0, True, (3, 3, 3), 3.0, 95.0),
        (149, 2.4, 4.0, False, (3, 3, 3), 3.0, 97.0),
        (145, 3.0, 3.0, True, (2, 2, 2), 2.0, 90.0),
        (145, 3.0, 3.0, False, (2, 2, 2), 2.0, 96.0),
        (140, 3.1, 2.9, True, (1, 1, 1), 1.0, 85.0),
        (140, 3.1, 2.9, False, (1, 1, 1), 1.0, 95.0),
        (160, 3.5, 6.0, True, (4, 1, 4), 2.5, 90.0),  # 0.4*4 + 0.5*1 + 0.1*4
        (140, 1.0, 2.0, True, (1, 4, 1), 2.5, 90.0),  # RRNS carries half the weight
        (150, 2.6, 5.0, False, (4, 2, 4), 3.0, 97.0),  # 1.6 + 1.0 + 0.4
    ],
)
def test_kbk_score_tables(ak, rrns, rppt, puskesmas, ratings, score, payout):
    result = kbk_score(ak, rrns, rppt, puskesmas)
    assert (result.ratings["ak"], result.ratings["rrns"], result.ratings["rppt"]) == ratings
    assert result.score == score
    assert result.payout_percent == payout


@pytest.mark.parametrize(
    ("participants", "rate", "ak", "rrns", "rppt", "puskesmas", "paid"),
    [
        (8000, 7000, 150, 1.5, 6, True, 56_000_000),  # score 4: paid in full
        (8000, 7000, 146, 2.2, 4.5, True, 53_200_000),  # score 3: 95% at a Puskesmas
        (10_000, 12_000, 146, 2.2, 4.5, False, 116_400_000),  # score 3: 97% at a klinik pratama
        (6_000, 5_300, 120, 5.0, 1.0, True, 27_030_000),  # score 1: 85%
    ],
)
def test_capitation_actually_paid_is_rate_times_participants_times_payout(
    participants, rate, ak, rrns, rppt, puskesmas, paid
):
    result = kbk_score(ak, rrns, rppt, puskesmas)
    assert acc.kapitasi_amount(participants, rate, result.payout_percent) == paid


def test_the_chart_bands_agree_with_the_rating_functions():
    """Every band drawn on the KBK panel's chart gives, inside it and at its edges, the rating it is labelled with."""
    rate = {"ak": rate_angka_kontak, "rrns": rate_rrns, "rppt": rate_rppt}
    for key, indicator in KBK_INDICATORS.items():
        for rating, (low, high, _label) in indicator.bands.items():
            lo = 0.0 if low is None else low
            hi = lo + 10 if high is None else high
            assert rate[key]((lo + hi) / 2) == rating, (key, rating)
    assert sum(i.weight for i in KBK_INDICATORS.values()) == pytest.approx(1.0)


def test_kbk_applies_from_5000_participants_and_rejects_negative_indicators():
    assert not kbk_applies(4999) and kbk_applies(5000)
    with pytest.raises(ValueError):
        kbk_score(-1, 2, 5, True)
