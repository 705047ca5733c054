"""Reference data: ICD-10 look-ups, code lists, tariffs by date, kapitasi rates, and a source behind each."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest
import yaml

from bimtek.reference import DATA_DIR, load_reference

REF = load_reference()
MARCH_2026 = dt.date(2026, 3, 1)
JUNE_2022 = dt.date(2022, 6, 1)


@pytest.mark.parametrize(
    ("code", "valid"),
    [
        ("A90", True),  # dengue fever, WHO 2010
        ("A91", True),  # DBD, WHO 2010
        ("K29", True),  # 3-character category
        ("K29.7", True),
        ("A01.0", True),
        ("Z34.0", True),
        ("A97.0", False),  # ICD-10 2019 dengue; P-Care does not know it
        ("A97", False),
        ("A911", False),  # missing dot
        ("a91", False),
        ("demam", False),
        ("", False),
    ],
)
def test_icd10_2010_codes(code: str, valid: bool) -> None:
    assert REF.is_icd10(code) is valid


def test_icd10_names_are_loaded() -> None:
    assert REF.icd10_name("A91") == "Dengue haemorrhagic fever"
    assert len(REF.icd10) > 10_000


@pytest.mark.parametrize(("code", "listed"), [("A91", True), ("K29.7", True), ("A09", True), ("C50.9", False)])
def test_non_specialist_list(code: str, listed: bool) -> None:
    assert REF.is_nonspesialis(code) is listed


@pytest.mark.parametrize("name", sorted(REF.code_lists))
def test_every_code_list_is_filled_and_sourced(name: str) -> None:
    code_list = REF.code_lists[name]
    assert code_list.codes, f"{name} has no codes"
    assert all(label.strip() for label in code_list.codes.values()), name
    assert code_list.source.strip() and code_list.status.strip(), f"{name} has no source/status"


def test_pcare_codes_keep_their_leading_zeros() -> None:
    assert "01" in REF.codes("kd_sadar") and "1" not in REF.codes("kd_sadar")
    assert list(REF.codes("kd_tkp")) == ["10", "20", "50"]
    assert {"-1", "1", "2", "3", "4"} <= set(REF.codes("kd_tacc"))


@pytest.mark.parametrize(
    ("layanan", "day", "jenis", "amount"),
    [
        ("anc_bidan", MARCH_2026, "puskesmas", 60_000),  # Permenkes 3/2023 Ps 19(2) c
        ("anc_bidan", MARCH_2026, "klinik_pratama", 70_000),
        ("anc_dokter", MARCH_2026, "puskesmas", 80_000),
        ("anc_dokter", MARCH_2026, "praktik_dokter", 90_000),
        ("persalinan_tim_dokter", MARCH_2026, "klinik_pratama", 1_200_000),
        ("anc_bidan", JUNE_2022, "klinik_pratama", 50_000),  # P-Care maxTarif of the 52/2016 era
        ("kb_suntik", JUNE_2022, "puskesmas", 15_000),
        ("anc_bidan", dt.date(2023, 1, 8), "puskesmas", 50_000),  # last day of 52/2016
        ("anc_bidan", dt.date(2023, 1, 9), "puskesmas", 60_000),  # 3/2023 promulgated
        ("persalinan_tanpa_dokter", MARCH_2026, "puskesmas", None),  # no such line at a Puskesmas
        ("persalinan_poned_2hari", MARCH_2026, "klinik_pratama", None),
    ],
)
def test_tariff_by_service_date(layanan: str, day: dt.date, jenis: str, amount: int | None) -> None:
    line = REF.tariff(layanan, day)
    assert line is not None
    assert line.amount_for(jenis) == amount


def test_tariff_carries_its_regulation() -> None:
    assert REF.tariff("anc_bidan", MARCH_2026).regulasi == "pmk_3_2023"  # type: ignore[union-attr]
    assert REF.tariff("anc_bidan", JUNE_2022).regulasi == "pmk_52_2016"  # type: ignore[union-attr]


@pytest.mark.parametrize(
    ("layanan", "day"),
    [
        ("skrining_iva", JUNE_2022),
        ("anc_dokter_usg", JUNE_2022),
        ("tidak_ada", MARCH_2026),
        ("anc_bidan", dt.date(2016, 6, 1)),
    ],
)
def test_no_tariff_where_the_product_has_no_figure(layanan: str, day: dt.date) -> None:
    assert REF.tariff(layanan, day) is None


@pytest.mark.parametrize(
    ("jenis", "rasio", "dokter_gigi", "rate"),
    [
        ("puskesmas", "<=5000", True, 7_000),
        ("puskesmas", "<=5000", False, 6_300),
        ("puskesmas", "tanpa_dokter", False, 3_600),
        ("klinik_pratama", "<=5000", True, 12_000),
        ("praktik_dokter", ">5000", False, 8_300),
        ("praktik_dokter_gigi", "tanpa_dokter", True, 3_500),
    ],
)
def test_kapitasi_rate_permenkes_3_2023(jenis: str, rasio: str, dokter_gigi: bool, rate: int) -> None:
    row = REF.kapitasi_rate(jenis, rasio, dokter_gigi, MARCH_2026)
    assert row is not None and row["tarif"] == rate
    assert row["pasal"] == "Ps 6(1)" and row["sumber"]


def test_kapitasi_rate_absent_before_permenkes_3_2023() -> None:
    assert REF.kapitasi_rate("puskesmas", "<=5000", True, JUNE_2022) is None


def test_every_tariff_line_carries_a_source() -> None:
    for line in REF.tariffs:
        where = f"{line.layanan}/{line.regulasi}"
        assert line.regulasi in REF.regulations, where
        assert line.sumber.strip() and line.pasal.strip(), where
        assert line.status in ("confirmed", "uncertain"), where
        assert line.jenis_tarif in ("tetap", "maksimal", "per_hari_pks", "tarif_pemda", "biaya_kegiatan"), where
        assert line.layanan in REF.services, f"{where}: no service line in layanan.yaml"
    for row in (*REF.kapitasi, *REF.kapitasi_ranges):
        assert str(row["sumber"]).strip() and row["status"] in ("confirmed", "uncertain"), row


def test_regulations_do_not_overlap() -> None:
    regs = sorted(REF.regulations.values(), key=lambda r: r.berlaku_mulai)
    for earlier, later in zip(regs, regs[1:], strict=False):
        assert earlier.berlaku_sampai is not None and earlier.berlaku_sampai < later.berlaku_mulai


def _sources_in(node: object) -> list[str]:
    if isinstance(node, dict):
        found = [str(v) for k, v in node.items() if str(k).startswith("sumber") and str(v).strip()]
        return found + [s for v in node.values() for s in _sources_in(v)]
    if isinstance(node, list):
        return [s for item in node for s in _sources_in(item)]
    return []


DATA_FILES = sorted(p for p in DATA_DIR.iterdir() if p.suffix in (".yaml", ".csv"))


def test_sources_md_describes_every_data_file() -> None:
    described = (DATA_DIR / "SOURCES.md").read_text(encoding="utf-8")
    assert [p.name for p in DATA_FILES if f"`{p.name}`" not in described] == []


@pytest.mark.parametrize("path", DATA_FILES, ids=lambda p: p.name)
def test_every_reference_file_carries_a_source(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    if path.suffix == ".csv":
        assert path.name == "icd10_who2010.csv" and "WHO ICD-10 2010" in REF.sources["icd10"]
        return
    if _sources_in(yaml.safe_load(text)):
        return
    # A flat label file cannot hold a `sumber` key; its header comment must cite the facts sheet instead.
    header = [line for line in text.splitlines() if line.startswith("#")]
    assert any("facts §" in line for line in header), f"{path.name} names no source"


@pytest.mark.parametrize("name", ["kode_pcare.yaml", "tenggat.yaml"])
def test_every_entry_of_a_sourced_file_has_its_own_source(name: str) -> None:
    data = yaml.safe_load((DATA_DIR / name).read_text(encoding="utf-8"))
    for key, body in data.items():
        assert str(body.get("sumber", "")).strip(), f"{name}: {key} has no sumber"
        assert str(body.get("status", "")).strip(), f"{name}: {key} has no status"


# --- Issue 8 point 6: the tariff table is complete and per facility type, and what users see cites real sources.

INTERNAL = re.compile(r"facts|§|\bS\d{1,2}\b|\bseed\b|uncertain|\bidx\b", re.IGNORECASE)
NEW_LINES = {
    "skrining_thalassemia": 55_000,
    "skrining_kanker_usus": 45_000,
    "lab_prb_ureum": 30_000,
    "lab_prb_kreatinin": 30_000,
    "lab_prb_kolesterol_total": 45_000,
    "lab_prb_ldl": 60_000,
    "lab_prb_hdl": 45_000,
    "lab_prb_trigliserida": 50_000,
    "lab_prb_mikroalbuminuria": 120_000,
}
DAY = dt.date(2026, 3, 2)


@pytest.mark.parametrize(("layanan", "amount"), NEW_LINES.items())
def test_every_skrining_and_prb_lab_line_is_priced_outside_puskesmas_only(layanan: str, amount: int) -> None:
    ref = load_reference()
    line = ref.tariff(layanan, DAY)
    assert line is not None and layanan in ref.services
    assert (line.amount_for("klinik_pratama"), line.amount_for("puskesmas")) == (amount, None)


def test_ranged_lines_keep_their_range() -> None:
    ref = load_reference()
    assert (ref.tariff("lab_prb_gula_darah", DAY).minimal, ref.tariff("lab_prb_gula_darah", DAY).amount_for("klinik_pratama")) == (10_000, 20_000)  # fmt: skip
    ritp = ref.tariff("rawat_inap", DAY)
    assert (ritp.minimal, ritp.maksimal) == (200_000, 300_000)
    assert ref.tariff("ambulans", DAY).jenis_tarif == "tarif_pemda"


def test_every_facility_type_with_a_kapitasi_rate_has_a_range_that_holds_it() -> None:
    ref = load_reference()
    for row in ref.kapitasi:
        if row["regulasi"] != "pmk_3_2023":
            continue
        bounds = ref.kapitasi_range(row["jenis"], DAY)
        assert bounds is not None, row["jenis"]
        assert bounds[0] <= row["tarif"] <= bounds[1], row
    assert ref.kapitasi_range("rs_d_pratama", DAY) == (9_000, 16_000)


def test_reference_texts_users_see_cite_sources_not_internal_notes() -> None:
    ref = load_reference()
    shown = [t.pasal for t in ref.tariffs] + [t.sumber for t in ref.tariffs]
    shown += [str(k["sumber"]) for k in (*ref.kapitasi, *ref.kapitasi_ranges)]
    shown += [r.catatan for r in ref.regulations.values()] + [r.nama for r in ref.regulations.values()]
    shown += [c.source for c in ref.code_lists.values()]
    shown += [
        c.status for c in ref.code_lists.values() if c.status not in ("confirmed", "uncertain")
    ]  # keys the page translates
    shown += [str(d["sumber"]) for d in ref.deadlines.values()] + list(ref.sources.values())
    leaks = [text for text in shown if INTERNAL.search(text)]
    assert leaks == []
