"""Loads the case-study scenarios (scenarios/*.yaml) into models and reports every problem of every file."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import Any, get_args

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from bimtek import normalise, paths
from bimtek.bounded_yaml import LimitExceeded, depth_exceeded, yaml_problem
from bimtek.bounded_yaml import load as bounded_load
from bimtek.claim import Claim, Dokumen, FotoKegiatan, HasilLab
from bimtek.errors import ContentError
from bimtek.limits import FIRST_DATE, LAST_DATE, MAX_CONTENT_BYTES, MAX_DEPTH, size_text
from bimtek.text_safety import clean_tree, shown

SCENARIO_DIR = paths.SCENARIO_DIR


class Tingkat(StrEnum):
    DASAR = "dasar"
    MENENGAH = "menengah"
    MAHIR = "mahir"


# The Bimtek's material components (seed 000, "Komponen Materi") plus the article's other sections.
# Scenario `modul` values must be one of these keys; the module content itself lives in modules/ (issue 3).
MODULES: dict[str, str] = {
    "regulasi": "Regulasi Klaim FKTP",
    "alur-klaim": "Alur Pelayanan dan Klaim",
    "sistem-informasi": "Sistem Informasi (P-Care, eClaim)",
    "diagnosa-kode": "Diagnosa & Kode (ICD-10, ICPC-2)",
    "dokumentasi": "Pencatatan & Dokumentasi",
    "revisi-klaim": "Manajemen Revisi Klaim",
    "studi-kasus": "Simulasi & Studi Kasus",
    "jenis-klaim": "Jenis-Jenis Klaim di FKTP",
    "tarif": "Tarif Kapitasi dan Non-Kapitasi",
    "piutang": "Piutang BPJS: Kapitasi dan Klaim",
    "kesalahan-umum": "Kesalahan Umum dan Tips",
    "integrasi-digital": "Integrasi Sistem Digital",
    "ina-cbgs": "Keterkaitan dengan INA-CBGs",
    "persiapan": "Persiapan Sebelum Bimtek",
    "faq": "Pertanyaan yang Sering Diajukan",
}

TINGKAT_LABELS = {"dasar": "Dasar", "menengah": "Menengah", "mahir": "Mahir"}
TARGET_MINUTES = {"dasar": 5, "menengah": 8, "mahir": 12}


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid")


class CaseFileItem(_Model):
    """One item of the facility's case file: what exists, whether or not it was attached to the claim."""

    id: str = Field(description="Pengenal unik dalam skenario, mis. 'buku-lab'.")
    judul: str = Field(description="Judul yang dilihat peserta, mis. 'Buku laboratorium'.")
    jenis: str = Field(
        description="rekam_medis, resume_medis, buku_lab, kia, register, kartu_peserta, dokumen, catatan."
    )
    isi: str = Field(default="", description="Isi yang dibaca peserta (markdown).")
    lab: list[HasilLab] = Field(default_factory=list, description="Hasil lab yang dapat dilampirkan dari item ini.")
    dokumen: Dokumen | None = Field(default=None, description="Dokumen yang dapat dilampirkan dari item ini.")
    foto: list[FotoKegiatan] = Field(
        default_factory=list, description="Foto kegiatan Prolanis yang dapat dilampirkan dari item ini."
    )


class AnswerKey(_Model):
    """What a correct answer is. Never shown to a trainee before they submit."""

    cacat: list[str] = Field(
        description="Kode aturan yang dilanggar klaim sebagaimana diajukan; kosong = klaim sudah benar."
    )
    penjelasan: str = Field(description="Pembahasan: mengapa cacat dan bagaimana memperbaikinya.")
    tidak_dapat_diperbaiki: bool = Field(
        default=False, description="Benar bila jawaban yang tepat adalah tidak mengajukan klaim (mis. kedaluwarsa)."
    )
    perbaikan: dict[str, Any] = Field(
        default_factory=dict,
        description="Contoh perbaikan: jalur bertitik -> nilai baru (mis. 'pengajuan.jumlah_diajukan': 70000).",
    )
    harus: dict[str, Any] = Field(
        default_factory=dict, description="Nilai yang wajib dimiliki klaim hasil perbaikan (jalur bertitik -> nilai)."
    )
    diagnosa_didukung: list[str] = Field(
        default_factory=list, description="Diagnosa tambahan yang didukung rekam medis (boleh ditambahkan peserta)."
    )
    fakta: dict[str, Any] = Field(
        default_factory=dict,
        description="Fakta dari berkas kasus (jalur bertitik -> nilai sebenarnya); mengubahnya = fabrikasi.",
    )

    @field_validator("diagnosa_didukung", mode="before")
    @classmethod
    def _icd10(cls, value: Any) -> Any:
        """Read like the claim's diagnoses (`d649` is D64.9), so the comparison with the claim holds."""
        return [normalise.icd10(v) if isinstance(v, str) else v for v in value] if isinstance(value, list) else value


class Scenario(_Model):
    id: str = Field(description="Pengenal unik, huruf kecil dan tanda hubung.", pattern=r"^[a-z0-9][a-z0-9-]*$")
    judul: str = Field(description="Judul kasus.")
    modul: str = Field(description="Modul Bimtek yang dilatih, mis. 'dokumentasi'.")
    tingkat: Tingkat = Field(description="dasar, menengah, mahir.")
    ringkasan: str = Field(default="", description="Satu kalimat untuk daftar kasus.")
    cerita: str = Field(description="Cerita kasus yang dibaca peserta.")
    sumber: str = Field(
        default="",
        description="Sumber kasus yang dibaca peserta: peraturan (nomor, tahun, pasal) atau judul dan penerbit.",
    )
    berkas_kasus: list[CaseFileItem] = Field(default_factory=list, description="Berkas kasus di fasilitas.")
    klaim: Claim = Field(description="Klaim sebagaimana diajukan.")
    kunci: AnswerKey = Field(description="Kunci jawaban.")

    @property
    def jenis_klaim(self) -> str:
        return self.klaim.pengajuan.jenis_klaim.value

    @property
    def target_minutes(self) -> int:
        return TARGET_MINUTES[self.tingkat.value]

    def case_file_labs(self) -> list[HasilLab]:
        return [lab for item in self.berkas_kasus for lab in item.lab]

    def case_file_photos(self) -> list[FotoKegiatan]:
        return [photo for item in self.berkas_kasus for photo in item.foto]

    def case_file_documents(self) -> list[Dokumen]:
        return [item.dokumen for item in self.berkas_kasus if item.dokumen is not None]


@dataclass(frozen=True)
class Problem:
    """One content problem, printed as `file: location: message`."""

    file: str
    location: str
    message: str

    def __str__(self) -> str:
        return f"{self.file}: {self.location}: {self.message}"


@dataclass(frozen=True)
class LoadResult:
    scenarios: list[Scenario]
    problems: list[Problem]


def _location(loc: Iterable[Any]) -> str:
    return ".".join(shown(part, 40) for part in loc) or "(akar)"


_PYDANTIC_MESSAGES = {
    "missing": "wajib diisi",
    "extra_forbidden": "kunci tidak dikenal",
    "date_from_datetime_parsing": "bukan tanggal (format YYYY-MM-DD)",
    "date_parsing": "bukan tanggal (format YYYY-MM-DD)",
    "date_type": "bukan tanggal (format YYYY-MM-DD)",
    "int_parsing": "bukan bilangan bulat",
    "int_type": "bukan bilangan bulat",
    "float_parsing": "bukan angka",
    "bool_parsing": "bukan true/false",
    "bool_type": "bukan true/false",
    "string_type": "bukan teks",
    "enum": "nilai tidak dikenal",
    "list_type": "harus berupa daftar",
    "too_long": "terlalu banyak butir",
    "string_pattern_mismatch": "format tidak sesuai",
    "model_type": "harus berupa pemetaan (kunci: nilai)",
    "dict_type": "harus berupa pemetaan (kunci: nilai)",
    "int_from_float": "bukan bilangan bulat",
    "int_parsing_size": "angka terlalu besar",
    "finite_number": "bukan angka terhingga",
    "float_type": "bukan angka",
    "date_from_datetime_inexact": "bukan tanggal (format YYYY-MM-DD)",
    "date_future": "tanggal harus di masa depan",
    "date_past": "tanggal harus di masa lalu",
    "literal_error": "nilai tidak dikenal",
    "string_too_short": "tidak boleh kosong",
    "too_short": "terlalu sedikit butir",
    "greater_than_equal": "terlalu kecil",
    "greater_than": "terlalu kecil",
    "less_than_equal": "terlalu besar",
    "less_than": "terlalu besar",
    "string_unicode": "bukan teks yang valid",
    "recursion_loop": "bersarang terlalu dalam",
}
# Values never quoted back in a message: a patient's name and card number stay out of error boxes and logs.
PERSONAL_FIELDS = frozenset({"nama", "no_kartu", "tgl_lahir", "nik"})


def _model_in(annotation: Any) -> type[BaseModel] | None:
    """The pydantic model inside an annotation such as `Rujukan | None` or `list[Terapi]`."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in get_args(annotation):
        found = _model_in(arg)
        if found is not None:
            return found
    return None


def _known_keys(root: str, loc: tuple[Any, ...]) -> list[str]:
    """The keys a mapping at `loc` accepts, walking the models from the error's root model."""
    roots: dict[str, type[BaseModel]] = {"Scenario": Scenario, "Claim": Claim}
    model = roots.get(root)
    for part in loc:
        if model is None:
            return []
        if isinstance(part, int):
            continue
        field = model.model_fields.get(str(part))
        model = _model_in(field.annotation) if field is not None else None
    return list(model.model_fields) if model is not None else []


def describe_validation_error(err: ValidationError) -> list[tuple[str, str]]:
    """Pydantic errors as (location, Indonesian message naming the value and what was expected)."""
    out = []
    for e in err.errors():
        kind, loc, value = e["type"], tuple(e["loc"]), e.get("input")
        base = _PYDANTIC_MESSAGES.get(kind, f"nilai tidak sesuai ({kind})")
        personal = bool(loc) and str(loc[-1]) in PERSONAL_FIELDS
        hidden = kind in ("missing", "model_type") or isinstance(value, dict | list) or personal
        quoted = "" if hidden else f"'{shown(value)}' "
        if kind == "enum":
            choices = re.findall(r"'([^']*)'", str(e.get("ctx", {}).get("expected", "")))
            base = f"nilai tidak dikenal; pilihan: {', '.join(choices)}"
        elif kind == "too_long":
            base = f"terlalu banyak butir (paling banyak {e.get('ctx', {}).get('max_length', '?')})"
        elif kind == "extra_forbidden":
            # The input is the unknown key's value; the key itself is what the author must fix.
            known = ", ".join(_known_keys(err.title, loc[:-1]))
            quoted = ""
            base = f"kunci '{shown(loc[-1])}' tidak dikenal" + (f"; kunci yang dikenal: {known}" if known else "")
        out.append((_location(loc), f"{quoted}{base}".strip()))
    return out


def date_problems(model: BaseModel, location: str = "") -> list[tuple[str, str]]:
    """Dates of a claim outside FIRST_DATE..LAST_DATE, as (location, message); the rules' date arithmetic needs them."""
    out = []
    for name in type(model).model_fields:
        value = getattr(model, name)
        where = f"{location}{name}"
        items = list(enumerate(value)) if isinstance(value, list) else [(None, value)]
        for index, item in items:
            at = where if index is None else f"{where}.{index}"
            if isinstance(item, dt.date) and not FIRST_DATE <= item <= LAST_DATE:
                out.append((at, f"'{item.isoformat()}' di luar rentang tanggal {FIRST_DATE.year}-{LAST_DATE.year}"))
            elif isinstance(item, BaseModel):
                out += date_problems(item, f"{at}.")
    return out


def parse_scenario(data: Any, file: str) -> tuple[Scenario | None, list[Problem]]:
    if not isinstance(data, dict):
        return None, [Problem(file, "(akar)", "berkas harus berisi pemetaan YAML (kunci: nilai)")]
    try:
        scenario = Scenario.model_validate(data)
    except ValidationError as err:
        return None, [Problem(file, loc, msg) for loc, msg in describe_validation_error(err)]
    dates = date_problems(scenario)
    if dates:
        return None, [Problem(file, loc, msg) for loc, msg in dates]
    return scenario, check_scenario(scenario, file)


def check_scenario(scenario: Scenario, file: str) -> list[Problem]:
    """Semantic checks: the key names real rules and the verifier agrees with it."""
    from bimtek.rules import all_rules
    from bimtek.verification import verify

    known = {r.code for r in all_rules()}
    problems = []
    if scenario.modul not in MODULES:
        problems.append(
            Problem(file, "modul", f"'{scenario.modul}' bukan modul yang dikenal; pilihan: {', '.join(MODULES)}")
        )
    problems += [
        Problem(file, f"kunci.cacat.{i}", f"'{code}' bukan kode aturan yang terdaftar")
        for i, code in enumerate(scenario.kunci.cacat)
        if code not in known
    ]
    found = verify(scenario.klaim).rule_codes()
    expected = sorted(set(scenario.kunci.cacat))
    if found != expected:
        problems.append(
            Problem(
                file,
                "kunci.cacat",
                f"verifikator menemukan {found or 'tidak ada cacat'}, kunci menyebut {expected or 'tidak ada cacat'}",
            )
        )
    return problems


def content_problem(file: str, err: BaseException) -> Problem:
    """Any error while loading one content file as its Problem (the other files still load)."""
    if isinstance(err, yaml.YAMLError):
        where, message = yaml_problem(err)
        return Problem(file, where or "(akar)", f"YAML tidak valid: {shown(message, 200)}")
    if isinstance(err, RecursionError):
        return Problem(file, "(akar)", f"bersarang terlalu dalam; batasnya {MAX_DEPTH} tingkat")
    if isinstance(err, UnicodeDecodeError):
        return Problem(
            file, "(akar)", f"bukan teks UTF-8 (byte ke-{err.start + 1}); simpan ulang dengan encoding UTF-8"
        )
    if isinstance(err, OSError):
        return Problem(file, "(akar)", f"berkas tidak dapat dibaca ({shown(err.strerror or err)})")
    return Problem(file, "(akar)", f"berkas tidak dapat dimuat ({type(err).__name__}: {shown(err, 120)})")


def load_content_yaml(text: str) -> Any:
    """A scenario or module document through the bounded loader; raises yaml.YAMLError for a limit or bad YAML."""
    if len(text) > MAX_CONTENT_BYTES:
        raise LimitExceeded(problem=f"berkas {size_text(len(text))} melebihi batas {size_text(MAX_CONTENT_BYTES)}")
    data = bounded_load(text)
    if depth_exceeded(data):
        raise LimitExceeded(problem=f"bersarang lebih dari {MAX_DEPTH} tingkat; batasnya {MAX_DEPTH}")
    return clean_tree(data)


def read_content_file(path: Path) -> str:
    """The text of a scenario or module file; OSError/UnicodeDecodeError/LimitExceeded for what cannot be read."""
    size = path.stat().st_size
    if size > MAX_CONTENT_BYTES:
        raise LimitExceeded(problem=f"berkas {size_text(size)} melebihi batas {size_text(MAX_CONTENT_BYTES)}")
    return path.read_text(encoding="utf-8")


def parse_scenario_text(text: str, file: str) -> tuple[Scenario | None, list[Problem]]:
    """A scenario from YAML text (an uploaded or pasted file), with every problem as `file: location: message`.

    Never raises: whatever goes wrong with this text is reported as a Problem of this file."""
    try:
        return parse_scenario(load_content_yaml(text), file)
    except Exception as err:  # noqa: BLE001 - one bad file never takes the page or the other files down
        return None, [content_problem(file, err)]


def load_scenario_file(path: Path) -> tuple[Scenario | None, list[Problem]]:
    try:
        text = read_content_file(path)
    except Exception as err:  # noqa: BLE001 - reported as this file's problem
        return None, [content_problem(path.name, err)]
    return parse_scenario_text(text, path.name)


def load_scenarios(directory: Path = SCENARIO_DIR) -> LoadResult:
    """Loads every scenario; a file with any problem is reported and skipped (never served with a wrong key)."""
    scenarios: list[Scenario] = []
    problems: list[Problem] = []
    seen: dict[str, str] = {}
    for path in sorted(directory.glob("*.yaml")):
        scenario, file_problems = load_scenario_file(path)
        problems.extend(file_problems)
        if scenario is None or file_problems:
            continue
        if scenario.id in seen:
            problems.append(Problem(path.name, "id", f"'{scenario.id}' sudah dipakai oleh {seen[scenario.id]}"))
            continue
        seen[scenario.id] = path.name
        scenarios.append(scenario)
    return LoadResult(scenarios, problems)


def load_scenarios_strict(directory: Path = SCENARIO_DIR) -> list[Scenario]:
    """For tools that must not run on partial content: raises one ContentError listing every problem."""
    result = load_scenarios(directory)
    if result.problems:
        raise ContentError([str(p) for p in result.problems])
    return result.scenarios
