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
    ("submitted", "as_of", "bucket"),
    [
        (dt.date(2026, 10, 1), dt.date(2026, 10, 31), "0-30 hari"),
        (dt.date(2026, 10, 1), dt.date(2026, 11, 1), "31-60 hari"),
        (dt.date(2026, 1, 1), dt.date(2026, 11, 1), "di atas 180 hari"),
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
        ("ditolak", None, dt.date(2026, 6, 20), "ditolak", 0, [acc.PENDAPATAN_NON_KAPITASI]),
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


def test_rejected_claim_reverses_revenue_not_an_expense_and_is_labelled_uncertain():
    row = acc.ledger_row("K3", "ditolak", SERVICE, SENT, 100_000, None, dt.date(2026, 6, 20))
    correction = row.entries[-1]
    assert [(ln.account, ln.debit, ln.credit) for ln in correction.lines] == [
        (acc.PENDAPATAN_NON_KAPITASI, 100_000, 0),
        (acc.PIUTANG_RANAP, 0, 100_000),
    ]
    assert correction.uncertain


def test_a_claim_filed_complete_does_not_expire_while_unpaid():
    """The 6-month limit is for filing; a layak claim BPJS has not paid stays a receivable (facts §2.4)."""
    row = acc.ledger_row("K4", "layak", SERVICE, SENT, 100_000, None, dt.date(2027, 1, 31))
    assert (row.status, row.outstanding, row.near_expiry) == ("diajukan", 100_000, False)
    assert row.ageing == "di atas 180 hari"


def test_a_claim_not_yet_sent_on_the_ledger_date_has_no_entries():
    row = acc.ledger_row("K5", "layak", SERVICE, SENT, 100_000, None, dt.date(2026, 6, 1))
    assert (row.status, row.outstanding, row.entries) == ("belum_diajukan", 0, ())


def test_a_paid_returned_claim_is_settled_with_its_difference():
    payment = acc.Payment("K6", dt.date(2026, 8, 1), 80_000)
    row = acc.ledger_row("K6", "dikembalikan", SERVICE, SENT, 100_000, payment, dt.date(2026, 8, 2))
    assert (row.status, row.paid, row.difference, row.outstanding) == ("dibayar", 80_000, -20_000, 0)
    assert (acc.SELISIH_KURANG, 20_000, 0) in [(ln.account, ln.debit, ln.credit) for ln in row.entries[-1].lines]


def test_write_off_is_dated_the_day_after_the_last_filing_day():
    row = acc.ledger_row("K7", "dikembalikan", SERVICE, SENT, 100_000, None, dt.date(2026, 12, 1))
    assert row.status == "kedaluwarsa"
    assert row.entries[-1].date == dt.date(2026, 11, 11)


@pytest.mark.parametrize(
    ("layanan", "piutang", "pendapatan"),
    [
        ("rawat_inap", acc.PIUTANG_RANAP, acc.PENDAPATAN_NON_KAPITASI),
        ("persalinan_tim_dokter", acc.PIUTANG_NON_KAPITASI, acc.PENDAPATAN_NON_KAPITASI),
        ("anc_bidan", acc.PIUTANG_NON_KAPITASI, acc.PENDAPATAN_NON_KAPITASI_LAIN),
    ],
)
def test_accounts_follow_the_service_line(layanan, piutang, pendapatan):
    assert acc.accounts_for(layanan) == (piutang, pendapatan)
    row = acc.ledger_row("K8", "layak", SERVICE, SENT, 50_000, None, dt.date(2026, 6, 20), layanan)
    assert [ln.account for ln in row.entries[0].lines] == [piutang, pendapatan]


def test_every_account_used_by_an_entry_is_in_the_chart_of_accounts():
    entries = [
        acc.kapitasi_recognition(DAY, 1),
        acc.kapitasi_settlement(DAY, 1),
        acc.non_kapitasi_settlement(DAY, 2, 1),
        acc.non_kapitasi_settlement(DAY, 1, 2),
        acc.write_off(DAY, 1, acc.PIUTANG_NON_KAPITASI),
        acc.rejection_correction(DAY, 1, acc.PIUTANG_NON_KAPITASI, acc.PENDAPATAN_NON_KAPITASI_LAIN),
    ]
    assert {ln.account for e in entries for ln in e.lines} <= set(acc.ACCOUNTS)
