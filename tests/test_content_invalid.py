"""Broken scenario files are reported as `file: location: message` in Indonesian, and never take good content down."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from bimtek.content import SCENARIO_DIR, load_scenarios

FIXTURES = Path(__file__).parent / "fixtures" / "invalid"
GOOD = SCENARIO_DIR / "dbd-ranap-tanpa-lab.yaml"

# fixture file -> fragments its problems must contain (each names the place and the offending value)
EXPECTED: dict[str, list[str]] = {
    "yaml-rusak.yaml": ["yaml-rusak.yaml: baris 18: YAML tidak valid"],
    "bukan-pemetaan.yaml": ["bukan-pemetaan.yaml: (akar): berkas harus berisi pemetaan YAML"],
    "kunci-tidak-dikenal.yaml": [
        "kunci-tidak-dikenal.yaml: klaim.kunjungan.ruangan: kunci 'ruangan' tidak dikenal",
        "kunci yang dikenal: no_kunjungan, tgl_daftar",
    ],
    "tanggal-tidak-mungkin.yaml": [
        "tanggal-tidak-mungkin.yaml: klaim.kunjungan.tgl_daftar: '2026-13-01' bukan tanggal (format YYYY-MM-DD)"
    ],
    "tingkat-tidak-dikenal.yaml": [
        "tingkat-tidak-dikenal.yaml: tingkat: 'sulit' nilai tidak dikenal; pilihan: dasar, menengah, mahir"
    ],
    "kode-aturan-tidak-dikenal.yaml": [
        "kode-aturan-tidak-dikenal.yaml: kunci.cacat.1: 'XX99' bukan kode aturan yang terdaftar"
    ],
    "kunci-tidak-cocok.yaml": [
        "kunci-tidak-cocok.yaml: kunci.cacat: verifikator menemukan ['PC01'], kunci menyebut tidak ada cacat"
    ],
    "modul-tidak-dikenal.yaml": [
        "modul-tidak-dikenal.yaml: modul: 'farmasi' bukan modul yang dikenal; pilihan: regulasi, alur-klaim"
    ],
    "id-ganda.yaml": ["id-ganda.yaml: id: 'dbd-ranap-tanpa-lab' sudah dipakai oleh dbd-ranap-tanpa-lab.yaml"],
}


def test_every_fixture_has_expected_messages() -> None:
    assert sorted(EXPECTED) == sorted(p.name for p in FIXTURES.glob("*.yaml"))


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_broken_file_is_reported_and_good_file_still_loads(name: str, tmp_path: Path) -> None:
    shutil.copy(GOOD, tmp_path / GOOD.name)
    shutil.copy(FIXTURES / name, tmp_path / name)

    result = load_scenarios(tmp_path)

    messages = [str(p) for p in result.problems]
    for fragment in EXPECTED[name]:
        assert any(fragment in m for m in messages), f"{fragment!r} not in {messages}"
    assert all(m.startswith(f"{name}: ") for m in messages), "only the broken file has problems"
    assert "dbd-ranap-tanpa-lab" in [s.id for s in result.scenarios]


def test_all_broken_files_next_to_shipped_content_leave_it_whole(tmp_path: Path) -> None:
    shipped = load_scenarios()
    for path in [*SCENARIO_DIR.glob("*.yaml"), *FIXTURES.glob("*.yaml")]:
        shutil.copy(path, tmp_path / path.name)

    result = load_scenarios(tmp_path)

    loaded = {s.id for s in result.scenarios}
    assert {s.id for s in shipped.scenarios} <= loaded
    reported = {p.file for p in result.problems}
    assert reported == set(EXPECTED)


def test_strings_that_look_like_dates_still_become_dates_in_the_claim(tmp_path: Path) -> None:
    # The loader keeps YAML dates as text so pydantic can name a bad one; good ones must still be dates.
    shutil.copy(GOOD, tmp_path / GOOD.name)
    (scenario,) = load_scenarios(tmp_path).scenarios
    assert scenario.klaim.kunjungan.tgl_daftar.isoformat() == "2026-10-03"
    assert scenario.klaim.kunjungan.tgl_pulang is not None
    assert (scenario.klaim.kunjungan.tgl_pulang - scenario.klaim.kunjungan.tgl_daftar).days == 3
