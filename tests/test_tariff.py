"""The amount a claim should carry: tariff line by facility and date, rawat inap days x PKS rate, ceilings, kapitasi."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from bimtek.claim import Claim, patch_claim
from bimtek.tariff import expected_amount, stay_days

BASES = Path(__file__).resolve().parent / "rules"


def claim(base: str = "base_claim.yaml", **changes: Any) -> Claim:
    """A base claim from tests/rules with dotted-path changes ('pengajuan__layanan' -> 'pengajuan.layanan')."""
    data = yaml.safe_load((BASES / base).read_text(encoding="utf-8"))
    return patch_claim(Claim.model_validate(data), {k.replace("__", "."): v for k, v in changes.items()})


RANAP = "base_ranap.yaml"


@pytest.mark.parametrize(
    ("tgl_pulang", "days"),
    [("2026-10-06", 3), ("2026-10-04", 1), ("2026-10-03", 1)],  # a same-day stay counts as 1 day
)
def test_stay_days(tgl_pulang: str, days: int) -> None:
    assert stay_days(claim(RANAP, kunjungan__tgl_pulang=tgl_pulang)) == days


def test_stay_days_unknown_without_discharge() -> None:
    assert stay_days(claim(RANAP, kunjungan__tgl_pulang=None)) is None


@pytest.mark.parametrize(
    ("changes", "amount"),
    [
        ({}, 750_000),  # 3 days x Rp250.000
        ({"kunjungan__tgl_pulang": "2026-10-03"}, 250_000),  # same day: 1 day
        ({"fasilitas__tarif_rawat_inap_per_hari": 200_000}, 600_000),
        ({"kunjungan__tgl_daftar": "2022-06-01", "kunjungan__tgl_pulang": "2022-06-03"}, 500_000),  # 52/2016 era too
    ],
)
def test_rawat_inap_is_days_times_the_pks_rate(changes: dict[str, Any], amount: int) -> None:
    expected = expected_amount(claim(RANAP, **changes))
    assert expected is not None and expected.amount == amount and not expected.ceiling
    assert "hari x Rp" in expected.explanation


@pytest.mark.parametrize("change", [{"fasilitas__tarif_rawat_inap_per_hari": None}, {"kunjungan__tgl_pulang": None}])
def test_rawat_inap_without_rate_or_discharge_is_not_priced(change: dict[str, Any]) -> None:
    assert expected_amount(claim(RANAP, **change)) is None


@pytest.mark.parametrize(
    ("changes", "amount", "where"),
    [
        ({}, 70_000, "FKTP selain Puskesmas"),
        ({"fasilitas__jenis": "puskesmas"}, 60_000, "Puskesmas"),
        ({"kunjungan__tgl_daftar": "2022-06-01"}, 50_000, "Permenkes Nomor 52 Tahun 2016"),
        ({"pengajuan__layanan": "kb_mop"}, 370_000, "Pasal 22 ayat (2) huruf e"),
    ],
)
def test_fixed_tariff_by_facility_and_date(changes: dict[str, Any], amount: int, where: str) -> None:
    expected = expected_amount(claim(**changes))
    assert expected is not None
    assert (expected.amount, expected.ceiling) == (amount, False)
    assert where in expected.explanation


@pytest.mark.parametrize(
    ("jenis", "layanan", "ceiling"),
    [
        ("klinik_pratama", "pra_rujukan", 200_000),
        ("puskesmas", "pra_rujukan", 180_000),
        ("klinik_pratama", "protesa_gigi_1_rahang", 500_000),
    ],
)
def test_ceiling_tariffs_are_marked_paling_banyak(jenis: str, layanan: str, ceiling: int) -> None:
    expected = expected_amount(claim(fasilitas__jenis=jenis, pengajuan__layanan=layanan))
    assert expected is not None and expected.ceiling and expected.amount == ceiling
    assert "paling banyak" in expected.explanation


@pytest.mark.parametrize(
    "changes",
    [
        {"pengajuan__jenis_klaim": "kapitasi"},
        {"pengajuan__jenis_klaim": "kapitasi", "pengajuan__layanan": "rawat_jalan"},
        {"pengajuan__layanan": "rawat_jalan"},  # a kapitasi line billed as non-kapitasi
        {"pengajuan__layanan": "promotif"},
    ],
)
def test_kapitasi_is_not_billed_per_service(changes: dict[str, Any]) -> None:
    expected = expected_amount(claim(**changes))
    assert expected is not None and expected.amount == 0 and expected.line is None
    assert "kapitasi" in expected.explanation


@pytest.mark.parametrize(
    "changes",
    [
        {"kunjungan__tgl_daftar": "2022-06-01", "pengajuan__layanan": "skrining_iva"},  # no 52/2016 figure
        {"fasilitas__jenis": "puskesmas", "pengajuan__layanan": "persalinan_tanpa_dokter"},  # no Puskesmas figure
    ],
)
def test_no_figure_means_no_expected_amount(changes: dict[str, Any]) -> None:
    assert expected_amount(claim(**changes)) is None
