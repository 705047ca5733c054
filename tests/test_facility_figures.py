"""A facility's monthly figures: reading CSV and table rows, the messages for bad input, and the reduction."""

from __future__ import annotations

from fractions import Fraction
from pathlib import Path

import pytest

from bimtek.errors import InputError
from bimtek.facility_figures import (
    COLUMNS,
    MonthFigures,
    figures_from_document,
    figures_to_csv,
    figures_to_document,
    percent,
    rate_reduction,
    read_figures_csv,
    summarise_figures,
    validate_rows,
)

ROOT = Path(__file__).resolve().parents[1]
HEADER = "bulan,periode,diajukan,dikembalikan,ditolak\n"


def csv(*lines: str, header: str = HEADER) -> bytes:
    return (header + "\n".join(lines) + "\n").encode("utf-8")


def month(bulan: str, periode: str, diajukan: int, dikembalikan: int, ditolak: int) -> MonthFigures:
    return MonthFigures(bulan, periode, diajukan, dikembalikan, ditolak)


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        pytest.param(
            csv("2026-08,sebelum,100,10,5", "2026-09,sesudah,90,4,2"),
            [month("2026-08", "sebelum", 100, 10, 5), month("2026-09", "sesudah", 90, 4, 2)],
            id="plain",
        ),
        pytest.param(
            "\ufeffBulan;Periode;Diajukan;Dikembalikan;Ditolak\r\n2026-08;Sebelum;100;10;5\r\n".encode(),
            [month("2026-08", "sebelum", 100, 10, 5)],
            id="excel-id-semicolon-bom-capitalised",
        ),
        pytest.param(
            csv("03/2026,sebelum,1.250,10,0", "2026-4-01,setelah,1,0,0"),
            [month("2026-03", "sebelum", 1250, 10, 0), month("2026-04", "sesudah", 1, 0, 0)],
            id="other-month-forms-thousands-and-setelah",
        ),
        pytest.param(
            csv("2026-09,sesudah,90,4,2", "2026-08,sebelum,100,10,5"),
            [month("2026-08", "sebelum", 100, 10, 5), month("2026-09", "sesudah", 90, 4, 2)],
            id="sorted-by-month",
        ),
        pytest.param(
            csv("2026-08,sebelum,100,10,5", ",,,,"), [month("2026-08", "sebelum", 100, 10, 5)], id="blank-row"
        ),
    ],
)
def test_reads_good_csv(data, expected):
    assert read_figures_csv(data) == expected


@pytest.mark.parametrize(
    ("data", "message"),
    [
        pytest.param(
            csv("2026-08,sebelum,100,-2,5"), "Baris 2, kolom 'dikembalikan': '-2' tidak boleh negatif", id="negative"
        ),
        pytest.param(
            csv("2026-08,sebelum,100,12.5,5"),
            "Baris 2, kolom 'dikembalikan': '12.5' bukan bilangan bulat",
            id="decimal",
        ),
        pytest.param(
            csv("2026-08,sebelum,seratus,1,1"), "Baris 2, kolom 'diajukan': 'seratus' bukan bilangan bulat", id="words"
        ),
        pytest.param(csv("Agustus,sebelum,100,1,1"), "Baris 2, kolom 'bulan': 'Agustus' bukan bulan", id="month-name"),
        pytest.param(csv("2026-13,sebelum,100,1,1"), "Baris 2, kolom 'bulan': '2026-13' bukan bulan", id="month-13"),
        pytest.param(csv("2026-08,pra,100,1,1"), "Baris 2, kolom 'periode': 'pra' bukan periode", id="period"),
        pytest.param(csv("2026-08,sebelum,,1,1"), "Baris 2, kolom 'diajukan': kosong", id="empty-cell"),
        pytest.param(
            csv("2026-08,sebelum,10,8,5"),
            "Baris 2: dikembalikan + ditolak (13) lebih besar dari diajukan (10)",
            id="more-bad",
        ),
        pytest.param(
            csv("2026-08,sebelum,10,1,1", "2026-08,sesudah,10,1,1"),
            "Baris 3, kolom 'bulan': '2026-08' sudah ada di baris 2",
            id="duplicate",
        ),
        pytest.param(
            csv("2026-08,sesudah,10,1,1", "2026-09,sebelum,10,1,1"),
            "Bulan 2026-09 ditandai 'sebelum' tetapi jatuh sesudah bulan '2026-08'",
            id="before-after-after",
        ),
        pytest.param(
            csv("2026-08,sebelum,10,1,1,x", header=HEADER.strip() + ",catatan\n"),
            "kolom 'catatan' tidak dikenal",
            id="unknown",
        ),
        pytest.param(
            csv("2026-08,sebelum,10,1", header="bulan,periode,diajukan,dikembalikan\n"),
            "kolom wajib 'ditolak' tidak ada",
            id="missing",
        ),
        pytest.param(b"", "Berkas CSV kosong", id="empty-file"),
        pytest.param(b"PK\x03\x04rest", "bukan teks CSV", id="xlsx-renamed"),
    ],
)
def test_bad_csv_names_row_column_and_value(data, message):
    with pytest.raises(InputError) as caught:
        read_figures_csv(data)
    assert any(message in problem for problem in caught.value.problems), caught.value.problems


def test_every_problem_is_reported_at_once():
    with pytest.raises(InputError) as caught:
        read_figures_csv(csv("2026-08,sebelum,x,1,1", "2026-09,kemarin,10,1,1"))
    assert len(caught.value.problems) == 2


def test_table_rows_accept_numbers_as_the_editor_gives_them():
    rows = [
        {"bulan": "2026-08", "periode": "sebelum", "diajukan": 100.0, "dikembalikan": 10, "ditolak": 0},
        {"bulan": None, "periode": None, "diajukan": float("nan"), "dikembalikan": None, "ditolak": None},
    ]
    assert validate_rows(rows) == [month("2026-08", "sebelum", 100, 10, 0)]
    with pytest.raises(InputError) as caught:
        validate_rows([{**rows[0], "ditolak": 1.5}])
    assert caught.value.problems == ["Baris 1, kolom 'ditolak': '1.5' bukan bilangan bulat."]


@pytest.mark.parametrize(
    ("before", "after", "reduction", "passes"),
    [
        pytest.param([("2026-08", 100, 30, 10)], ("2026-09", 100, 20, 10), Fraction(1, 4), True, id="exactly-25"),
        pytest.param(
            [("2026-08", 2000, 800, 200)], ("2026-09", 2000, 700, 51), Fraction(249, 1000), False, id="24.9-fails"
        ),
        pytest.param(
            [("2026-07", 100, 10, 0), ("2026-08", 300, 50, 20)],
            ("2026-09", 200, 20, 10),
            Fraction(1, 4),
            True,
            id="baseline-pools-the-months-before",
        ),
        pytest.param([("2026-08", 100, 10, 0)], ("2026-09", 100, 12, 0), Fraction(-1, 5), False, id="rose"),
        pytest.param([("2026-08", 100, 0, 0)], ("2026-09", 100, 0, 0), None, False, id="nothing-to-reduce"),
    ],
)
def test_reduction_compares_the_first_month_after_with_the_months_before(before, after, reduction, passes):
    months = [month(b, "sebelum", n, r, t) for b, n, r, t in before]
    months.append(month(after[0], "sesudah", *after[1:]))
    summary = summarise_figures(months)
    assert summary.reduction == reduction
    assert summary.passes is passes


def test_only_the_first_month_after_training_decides():
    base = [month("2026-08", "sebelum", 100, 20, 0)]
    good_then_bad = summarise_figures(
        [*base, month("2026-09", "sesudah", 100, 10, 0), month("2026-10", "sesudah", 100, 30, 0)]
    )
    bad_then_good = summarise_figures(
        [*base, month("2026-09", "sesudah", 100, 18, 0), month("2026-10", "sesudah", 100, 5, 0)]
    )
    assert good_then_bad.passes and good_then_bad.reduction_all_after == 0
    assert not bad_then_good.passes and bad_then_good.reduction_all_after == Fraction(17, 40)


@pytest.mark.parametrize(
    ("months", "problem"),
    [
        ([], "Belum ada bulan sebelum pelatihan"),
        ([month("2026-08", "sebelum", 100, 20, 0)], "Belum ada bulan sesudah pelatihan"),
        ([month("2026-09", "sesudah", 100, 20, 0)], "Belum ada bulan sebelum pelatihan"),
        ([month("2026-08", "sebelum", 0, 0, 0), month("2026-09", "sesudah", 10, 1, 0)], "tidak mencatat klaim"),
        ([month("2026-08", "sebelum", 10, 2, 0), month("2026-09", "sesudah", 0, 0, 0)], "2026-09"),
    ],
)
def test_a_reduction_that_cannot_be_computed_says_why(months, problem):
    summary = summarise_figures(months)
    assert summary.reduction is None and not summary.passes
    assert summary.problem is not None and problem in summary.problem


def test_rate_reduction_and_percent():
    assert rate_reduction(40, 100, 30, 100) == Fraction(1, 4)
    assert rate_reduction(0, 100, 0, 100) is None
    assert percent(Fraction(1, 4)) == "25,0%"
    assert percent(Fraction(249, 1000)) == "24,9%"
    assert percent(None) == "-"


def test_document_and_csv_round_trip():
    months = read_figures_csv((ROOT / "examples" / "contoh-angka-fasilitas.csv").read_bytes())
    assert len(months) == 5
    assert figures_from_document(figures_to_document(months)) == months
    assert read_figures_csv(figures_to_csv(months)) == months
    assert figures_from_document(None) == []


def test_the_column_documentation_matches_the_code():
    text = (ROOT / "docs" / "facility-figures.md").read_text(encoding="utf-8")
    for column in COLUMNS:
        assert f"`{column}`" in text, column
