"""The Bimtek learning modules (modules/*.yaml): lessons and exercise item pools as models, and their loader."""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from bimtek import paths
from bimtek.content import (
    MODULES,
    Problem,
    content_problem,
    describe_validation_error,
    load_content_yaml,
    read_content_file,
)

MODULE_DIR = paths.MODULE_DIR
MIN_EXERCISES = 5
MAX_LESSON_CHARS = 1500  # about one phone screen and a half; longer material is split into lessons
MIN_SINGLE_CHOICE_OPTIONS = 4  # a single-answer item with fewer options is half guessed (issue 11, point 7)
MAX_LONGEST_KEY_SHARE = 0.30  # the key may be the uniquely longest option in at most this share of them


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Lesson(_Model):
    """One short section of a module, readable on a phone."""

    judul: str = Field(description="Judul bagian.")
    isi: str = Field(description="Isi pelajaran (markdown), paling banyak 1500 karakter.")
    sumber: str = Field(
        min_length=1, description="Sumber yang dibaca peserta: peraturan (nomor, tahun, pasal) atau judul dan penerbit."
    )
    belum_pasti: bool = Field(default=False, description="Benar bila pelajaran memuat fakta yang belum pasti.")


# --- items, one model per exercise kind ---------------------------------------------------------------------------


class _Item(_Model):
    id: str = Field(pattern=r"^[a-z0-9][a-z0-9-]*$", description="Pengenal soal, unik dalam modul.")
    sumber: str = Field(default="", description="Sumber fakta yang diuji (ditampilkan bersama umpan balik).")


class Option(_Model):
    teks: str = Field(description="Teks pilihan.")
    benar: bool = Field(default=False, description="Benar bila pilihan ini jawaban yang tepat.")
    penjelasan: str = Field(description="Mengapa pilihan ini benar atau salah.")


class ChoiceItem(_Item):
    pertanyaan: str = Field(description="Pertanyaan.")
    pilihan: list[Option] = Field(min_length=2, description="Pilihan jawaban; satu atau lebih benar.")

    @property
    def correct(self) -> list[str]:
        return [o.teks for o in self.pilihan if o.benar]

    @property
    def single(self) -> bool:
        """One right option: the learner picks one (several right options: pick all that apply)."""
        return len(self.correct) == 1

    @property
    def key_is_longest(self) -> bool:
        """The right option is longer than every other option: a test-wise learner's tell."""
        if not self.single:
            return False
        key = len(self.correct[0].strip())
        return all(len(o.teks.strip()) < key for o in self.pilihan if not o.benar)

    @property
    def key_is_shortest(self) -> bool:
        """The right option is shorter than every other option: the opposite tell, once authors pad distractors."""
        if not self.single:
            return False
        key = len(self.correct[0].strip())
        return all(len(o.teks.strip()) > key for o in self.pilihan if not o.benar)


class Step(_Model):
    teks: str = Field(description="Langkah.")
    penjelasan: str = Field(default="", description="Mengapa langkah ini berada di urutan ini.")


class OrderItem(_Item):
    pertanyaan: str = Field(description="Perintah mengurutkan.")
    langkah: list[Step] = Field(min_length=3, description="Langkah dalam urutan yang benar (ditampilkan diacak).")


class Pair(_Model):
    kiri: str = Field(description="Hal yang dipasangkan (mis. apa yang diatur).")
    kanan: str = Field(description="Pasangannya yang benar (mis. instrumen).")
    penjelasan: str = Field(description="Mengapa keduanya berpasangan.")
    instrumen: str | None = Field(default=None, description="Pengenal instrumen regulasi di sisi kanan, bila ada.")
    dicabut: bool = Field(default=False, description="Benar bila instrumen di sisi kanan sudah dicabut.")


class Distractor(_Model):
    teks: str = Field(description="Pilihan sisi kanan yang tidak berpasangan dengan apa pun.")
    penjelasan: str = Field(description="Mengapa pilihan ini salah (mis. sudah dicabut oleh apa).")
    instrumen: str | None = Field(default=None, description="Pengenal instrumen regulasi, bila ada.")
    dicabut: bool = Field(default=False, description="Benar bila instrumen ini sudah dicabut.")


class MatchItem(_Item):
    pertanyaan: str = Field(description="Perintah memasangkan.")
    pasangan: list[Pair] = Field(min_length=2, description="Pasangan yang benar.")
    pengecoh: list[Distractor] = Field(default_factory=list, description="Pilihan kanan tambahan (pengecoh).")

    def options(self) -> list[str]:
        return [p.kanan for p in self.pasangan] + [d.teks for d in self.pengecoh]


class CodeItem(_Item):
    kasus: str = Field(description="Kasus yang dikodekan.")
    kode_benar: list[str] = Field(min_length=1, description="Kode ICD-10 (WHO 2010) yang diterima.")
    penjelasan: str = Field(description="Pembahasan kode yang benar.")
    kode_sebagian: dict[str, str] = Field(default_factory=dict, description="Kode kurang tepat (skor 0,5) -> alasan.")
    umpan_balik: dict[str, str] = Field(default_factory=dict, description="Jawaban salah yang umum -> umpan balik.")


class Satuan(StrEnum):
    RUPIAH = "rupiah"
    ANGKA = "angka"
    PERSEN = "persen"
    HARI = "hari"
    TANGGAL = "tanggal"


class Param(_Model):
    """One drawn parameter: an integer range, a list of values, or a date range."""

    min: int | None = Field(default=None, description="Nilai terkecil (bilangan bulat).")
    max: int | None = Field(default=None, description="Nilai terbesar (bilangan bulat).")
    kelipatan: int = Field(default=1, ge=1, description="Nilai diambil dalam kelipatan ini dari min.")
    pilihan: list[int | float] | None = Field(default=None, description="Daftar nilai yang mungkin.")
    tanggal_min: dt.date | None = Field(default=None, description="Tanggal paling awal (YYYY-MM-DD).")
    tanggal_max: dt.date | None = Field(default=None, description="Tanggal paling akhir (YYYY-MM-DD).")

    def extremes(self) -> list[int | float | dt.date]:
        """The values a check must evaluate the rumus with: the ends of the range or every choice."""
        if self.pilihan:
            return list(self.pilihan)
        if self.tanggal_min is not None and self.tanggal_max is not None:
            return [self.tanggal_min, self.tanggal_max]
        return [v for v in (self.min, self.max) if v is not None]


class NumberItem(_Item):
    pertanyaan: str = Field(description="Pertanyaan; {nama} diganti nilai parameter.")
    parameter: dict[str, Param] = Field(default_factory=dict, description="Parameter yang diundi per peserta.")
    rumus: str = Field(description="Rumus jawaban atas parameter.")
    satuan: Satuan = Field(description="rupiah, angka, persen, hari, tanggal.")
    toleransi: float = Field(default=0, ge=0, description="Selisih yang masih diterima (untuk tanggal: hari).")
    penjelasan: str = Field(description="Pembahasan; {nama} dan {jawaban} diganti nilainya.")


Item = ChoiceItem | OrderItem | MatchItem | CodeItem | NumberItem


# --- exercises -----------------------------------------------------------------------------------------------------


class _Exercise(_Model):
    id: str = Field(pattern=r"^[a-z0-9][a-z0-9-]*$", description="Pengenal latihan, unik dalam modul.")
    judul: str = Field(description="Judul latihan.")
    petunjuk: str = Field(default="", description="Petunjuk satu baris.")
    jumlah_soal: int = Field(default=3, ge=1, description="Jumlah soal per putaran.")


class ChoiceExercise(_Exercise):
    jenis: Literal["pilihan_ganda"]
    soal: list[ChoiceItem] = Field(min_length=1)


class OrderExercise(_Exercise):
    jenis: Literal["urutan"]
    soal: list[OrderItem] = Field(min_length=1)


class MatchExercise(_Exercise):
    jenis: Literal["pasangan"]
    soal: list[MatchItem] = Field(min_length=1)


class CodeExercise(_Exercise):
    jenis: Literal["cari_kode"]
    soal: list[CodeItem] = Field(min_length=1)


class NumberExercise(_Exercise):
    jenis: Literal["angka"]
    soal: list[NumberItem] = Field(min_length=1)


Exercise = Annotated[
    ChoiceExercise | OrderExercise | MatchExercise | CodeExercise | NumberExercise, Field(discriminator="jenis")
]
KINDS = {
    "pilihan_ganda": "Pilihan ganda",
    "urutan": "Urutan",
    "pasangan": "Pasangan",
    "cari_kode": "Cari kode ICD-10",
    "angka": "Angka",
}


class Kelompok(StrEnum):
    """Where a module sits in the curriculum's structure, as Kemenkes training curricula group their material."""

    DASAR = "dasar"
    INTI = "inti"
    PENUNJANG = "penunjang"

    @property
    def label(self) -> str:
        return {"dasar": "Materi Dasar", "inti": "Materi Inti", "penunjang": "Materi Penunjang"}[self.value]


class Jam(_Model):
    """A module's JPL split as a training curriculum counts them; the three add up to the module's `jpl`."""

    teori: int = Field(default=0, ge=0, le=40, description="JPL teori: paparan narasumber dan membaca pelajaran.")
    penugasan: int = Field(
        default=0, ge=0, le=40, description="JPL penugasan: latihan, studi kasus simulasi dan diskusinya di kelas."
    )
    praktik_lapangan: int = Field(
        default=0,
        ge=0,
        le=40,
        description="JPL praktik lapangan: pekerjaan pada data atau berkas nyata fasilitas peserta sendiri.",
    )
    tugas_lapangan: str = Field(
        default="",
        description="Apa yang dikerjakan peserta pada jam praktik lapangan (wajib bila praktik_lapangan > 0).",
    )

    @property
    def total(self) -> int:
        return self.teori + self.penugasan + self.praktik_lapangan


class Module(_Model):
    id: str = Field(pattern=r"^[a-z0-9][a-z0-9-]*$", description="Pengenal modul = nama berkas; kunci MODULES.")
    judul: str = Field(description="Judul modul.")
    urutan: int = Field(default=100, description="Posisi dalam daftar modul.")
    jpl: int = Field(
        ge=1,
        le=40,
        description="Jam pelajaran (JPL, 45 menit) modul ini, dicetak di sertifikat untuk modul yang tuntas.",
    )
    kelompok: Kelompok = Field(description="Kelompok dalam struktur kurikulum: dasar, inti atau penunjang.")
    jam: Jam = Field(description="Rincian JPL: teori, penugasan, praktik_lapangan; jumlahnya sama dengan jpl.")
    ringkasan: str = Field(description="Satu-dua kalimat untuk daftar modul.")
    sumber: str = Field(default="", description="Asal materi modul.")
    tujuan: list[str] = Field(min_length=1, description="Tujuan pembelajaran.")
    pelajaran: list[Lesson] = Field(min_length=1, description="Pelajaran.")
    skenario: list[str] = Field(default_factory=list, description="Id studi kasus yang dilatih modul ini.")
    aturan: list[str] = Field(default_factory=list, description="Kode aturan verifikasi yang dilatih modul ini.")
    latihan: list[Exercise] = Field(description="Latihan (minimal 5).")

    def exercise(self, exercise_id: str) -> Any:
        return next((e for e in self.latihan if e.id == exercise_id), None)


@dataclass(frozen=True)
class ModuleLoadResult:
    modules: list[Module]
    problems: list[Problem]

    def find(self, module_id: str | None) -> Module | None:
        return next((m for m in self.modules if m.id == module_id), None)


def _describe(err: ValidationError) -> list[tuple[str, str]]:
    """Pydantic errors without the union tag in the location, with an Indonesian message for a wrong `jenis`."""
    out = []
    for e, (loc, msg) in zip(err.errors(), describe_validation_error(err), strict=True):
        parts = [str(p) for p in e["loc"]]
        if len(parts) > 2 and parts[0] == "latihan" and parts[2] in KINDS:
            loc = ".".join(parts[:2] + parts[3:])
        if e["type"] == "too_short":
            msg = f"terlalu sedikit butir (paling sedikit {e.get('ctx', {}).get('min_length', '?')})"
        elif e["type"] == "string_too_short":
            msg = "tidak boleh kosong"
        elif e["type"] == "union_tag_invalid":
            msg = f"'{e['ctx']['tag']}' bukan jenis latihan; pilihan: {', '.join(KINDS)}"
            loc = f"{loc}.jenis"
        elif e["type"] == "union_tag_not_found":
            msg = f"jenis wajib diisi; pilihan: {', '.join(KINDS)}"
            loc = f"{loc}.jenis"
        out.append((loc, msg))
    return out


def parse_module(
    data: Any, file: str, scenario_ids: Collection[str], rule_codes: Collection[str]
) -> tuple[Module | None, list[Problem]]:
    """(Module | None, problems) for one file's YAML data; a module with any problem must not be served."""
    from bimtek.module_checks import check_module

    if not isinstance(data, dict):
        return None, [Problem(file, "(akar)", "berkas harus berisi pemetaan YAML (kunci: nilai)")]
    try:
        module = Module.model_validate(data)
    except ValidationError as err:
        return None, [Problem(file, loc, msg) for loc, msg in _describe(err)]
    return module, check_module(module, file, scenario_ids, rule_codes)


def _known_ids() -> tuple[set[str], set[str]]:
    from bimtek.content import load_scenarios
    from bimtek.rules import all_rules

    return {s.id for s in load_scenarios().scenarios}, {r.code for r in all_rules()}


def parse_module_text(
    text: str, file: str, scenario_ids: Collection[str], rule_codes: Collection[str]
) -> tuple[Module | None, list[Problem]]:
    """A module from YAML text; never raises: whatever goes wrong is reported as a Problem of this file."""
    try:
        return parse_module(load_content_yaml(text), file, scenario_ids, rule_codes)
    except Exception as err:  # noqa: BLE001 - one bad module never takes the others down
        return None, [content_problem(file, err)]


def load_module_file(
    path: Path, scenario_ids: Collection[str] | None = None, rule_codes: Collection[str] | None = None
) -> tuple[Module | None, list[Problem]]:
    if scenario_ids is None or rule_codes is None:
        scenario_ids, rule_codes = _known_ids()
    name = path.name
    try:
        text = read_content_file(path)
    except Exception as err:  # noqa: BLE001 - one bad module never takes the others down
        return None, [content_problem(name, err)]
    module, problems = parse_module_text(text, name, scenario_ids, rule_codes)
    if module is not None and module.id != path.stem:
        problems.append(Problem(name, "id", f"'{module.id}' harus sama dengan nama berkas '{path.stem}'"))
    return module, problems


def load_modules(
    directory: Path = MODULE_DIR, scenario_ids: Collection[str] | None = None, rule_codes: Collection[str] | None = None
) -> ModuleLoadResult:
    """Every module in `directory`, ordered by `urutan`; a file with any problem is reported and skipped."""
    if scenario_ids is None or rule_codes is None:
        scenario_ids, rule_codes = _known_ids()
    modules: list[Module] = []
    problems: list[Problem] = []
    for path in sorted(directory.glob("*.yaml")):
        module, file_problems = load_module_file(path, scenario_ids, rule_codes)
        problems.extend(file_problems)
        if module is not None and not file_problems:
            modules.append(module)
    modules.sort(key=lambda m: (m.urutan, m.id))
    return ModuleLoadResult(modules, problems)


def normalise_code(text: str) -> str:
    """How a trainee types a code to how the reference spells it: ' k297 ' -> 'K29.7', 'a91.' -> 'A91'."""
    code = "".join(str(text).split()).upper().rstrip(".")
    if "." not in code and len(code) > 3 and code[:1].isalpha() and code[1:3].isdigit():
        code = f"{code[:3]}.{code[3:]}"
    return code


def looks_like_module(path: Path) -> bool:
    """True for a modules/ folder or a file in one, or a YAML file with module keys (`pelajaran`, `latihan`)."""
    if path.is_dir():
        return path.name == MODULE_DIR.name
    if path.parent.name == MODULE_DIR.name:
        return True
    try:
        data = load_content_yaml(read_content_file(path))
    except Exception:  # noqa: BLE001 - unreadable: validate reports it as a scenario file's problem
        return False
    return isinstance(data, dict) and ("latihan" in data or "pelajaran" in data)


def module_title(module_id: str) -> str:
    return MODULES.get(module_id, module_id)
