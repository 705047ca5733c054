"""Accounting of BPJS receivables: the source document's two examples and the KBK tables, as tables of cases."""

import datetime as dt

import pytest

from bimtek import accounting as acc

DAY = dt.date(2019, 3, 5)


def test_seed_kapitasi_example_recognition_and_settlement():
    amount = acc.kapitasi_amount(1000, 3000)
    assert amount == 3_000_000
    rec = acc.kapitasi_recognition(dt.date(2019, 2, 1), amount)
    assert [(ln.account, ln.debit, ln.credit) for ln in rec.lines] == [
        (acc.PIUTANG_KAPITASI, 3_000_000, 0),
        (acc.PENDAPATAN_KAPITASI, 0, 3_000_000),
    ]
    paid = acc.kapitasi_settlement(dt.date(2019, 2, 15), amount)
    assert [(ln.account, ln.debit, ln.credit) for ln in paid.lines] == [
        (acc.KAS, 3_000_000, 0),
        (acc.PIUTANG_KAPITASI, 0, 3_000_000),
    ]
    assert rec.balanced and paid.balanced


def test_seed_rawat_inap_example_selisih_lebih():
    rec = acc.non_kapitasi_recognition(DAY, 75_000)
    assert [(ln.account, ln.debit, ln.credit) for ln in rec.lines] == [
        (acc.PIUTANG_RANAP, 75_000, 0),
        (acc.PENDAPATAN_NON_KAPITASI, 0, 75_000),
    ]
    paid = acc.non_kapitasi_settlement(DAY, recognised=75_000, paid=100_000)
    assert [(ln.account, ln.debit, ln.credit) for ln in paid.lines] == [
        (acc.KAS, 100_000, 0),
        (acc.PIUTANG_RANAP, 0, 75_000),
        (acc.SELISIH_LEBIH, 0, 25_000),
    ]
    assert paid.balanced and not paid.uncertain


def test_paid_less_books_selisih_kurang_and_is_labelled_uncertain():
    paid = acc.non_kapitasi_settlement(DAY, recognised=1_200_000, paid=800_000)
    assert (acc.SELISIH_KURANG, 400_000, 0) in [(ln.account, ln.debit, ln.credit) for ln in paid.lines]
    assert paid.balanced and paid.uncertain


def test_paid_exactly_has_no_difference_line():
    paid = acc.non_kapitasi_settlement(DAY, recognised=500_000, paid=500_000)
    assert {ln.account for ln in paid.lines} == {acc.KAS, acc.PIUTANG_RANAP}


@pytest.mark.parametrize(
    ("participants", "rate", "payout", "expected"),
    [
        (1000, 3000, 100, 3_000_000),  # seed 004
        (9950, 10_000, 100, 99_500_000),  # facts §2.1 worked example (S14)
        (5000, 7000, 95, 33_250_000),
        (1, 3010, 85, 2559),  # 2.558,5 rounds half up
        (0, 7000, 100, 0),
    ],
)
def test_kapitasi_amount(participants, rate, payout, expected):
    assert acc.kapitasi_amount(participants, rate, payout) == expected


def test_kapitasi_rate_from_permenkes_3_2023_table():
    assert acc.kapitasi_rate("puskesmas", "<=5000", True, dt.date(2026, 1, 1)) == 7000
    assert acc.kapitasi_rate("klinik_pratama", ">5000", False, dt.date(2026, 1, 1)) == 9000
    assert acc.kapitasi_rate("puskesmas", "<=5000", True, dt.date(2020, 1, 1)) is None  # no 52/2016 table row


@pytest.mark.parametrize(
    ("ak", "rrns", "rppt", "puskesmas", "ratings", "score", "payout"),
    [
        (150, 2.0, 5.0, True, (4, 4, 4), 4.0, 100.0),
        (149, 2.4, 4.0, True, (3, 3, 3), 3.0, 95.0),
        (149, 2.4, 4.0, False, (3, 3, 3), 3.0, 97.0),
        (145, 3.0, 3.0, True, (2, 2, 2), 2.0, 90.0),
        (140, 3.1, 2.9, True, (1, 1, 1), 1.0, 85.0),
        (140, 3.1, 2.9, False, (1, 1, 1), 1.0, 95.0),
        (160, 3.5, 6.0, True, (4, 1, 4), 2.5, 90.0),  # 0.4*4 + 0.5*1 + 0.1*4
    ],
)
def test_kbk_score_tables(ak, rrns, rppt, puskesmas, ratings, score, payout):
    result = acc.kbk_score(ak, rrns, rppt, puskesmas)
    assert (result.ratings["ak"], result.ratings["rrns"], result.ratings["rppt"]) == ratings
    assert result.score == score
    assert result.payout_percent == payout


@pytest.mark.parametrize(
    ("submitted", "as_of", "bucket"),
    [
        (dt.date(2026, 10, 1), dt.date(2026, 10, 31), "0-30 hari"),
        (dt.date(2026, 10, 1), dt.date(2026, 11, 1), "31-60 hari"),
        (dt.date(2026, 1, 1), dt.date(2026, 11, 1), "> 180 hari"),
    ],
)
def test_ageing_bucket(submitted, as_of, bucket):
    assert acc.ageing_bucket(submitted, as_of) == bucket


def test_days_to_expiry_counts_to_six_months_after_service():
    assert acc.days_to_expiry(dt.date(2026, 5, 1), dt.date(2026, 10, 31)) == 1
    assert acc.days_to_expiry(dt.date(2026, 4, 1), dt.date(2026, 10, 31)) < 0


def test_write_off_is_balanced_and_labelled_uncertain():
    entry = acc.write_off(DAY, 250_000)
    assert entry.balanced and entry.uncertain


SERVICE = dt.date(2026, 5, 10)
SENT = dt.date(2026, 6, 5)


@pytest.mark.parametrize(
    ("verdict", "payment", "as_of", "status", "outstanding", "accounts"),
    [
        ("layak", None, dt.date(2026, 6, 20), "diajukan", 100_000, [acc.PIUTANG_RANAP]),
        (
            "layak",
            acc.Payment("K1", dt.date(2026, 6, 25), 120_000),
            dt.date(2026, 7, 1),
            "dibayar",
            0,
            [acc.SELISIH_LEBIH],
        ),
        ("dikembalikan", None, dt.date(2026, 9, 1), "dikembalikan", 100_000, [acc.PIUTANG_RANAP]),
        ("dikembalikan", None, dt.date(2026, 11, 11), "kedaluwarsa", 0, [acc.BEBAN_PENGHAPUSAN]),
        ("ditolak", None, dt.date(2026, 6, 20), "ditolak", 0, [acc.BEBAN_PENGHAPUSAN]),
    ],
)
def test_ledger_row_status_outstanding_and_entries(verdict, payment, as_of, status, outstanding, accounts):
    row = acc.ledger_row("K1", verdict, SERVICE, SENT, 100_000, payment, as_of)
    assert row.status == status
    assert row.outstanding == outstanding
    booked = {line.account for entry in row.entries for line in entry.lines}
    assert set(accounts) <= booked
    assert all(entry.balanced for entry in row.entries)


def test_ledger_flags_a_returned_claim_close_to_expiry():
    row = acc.ledger_row("K2", "dikembalikan", SERVICE, SENT, 100_000, None, dt.date(2026, 10, 20))
    assert row.near_expiry and row.days_to_expiry == 21
