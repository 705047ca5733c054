"""The source registry (reference/data/sumber.yaml) and where the content and the rules cite each source."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from enum import StrEnum
from functools import lru_cache
from typing import Any

import yaml
from pydantic import BaseModel, ConfigDict, Field, TypeAdapter

from bimtek.reference import DATA_DIR


class Status(StrEnum):
    BERLAKU = "berlaku"
    DICABUT = "dicabut"
    BELUM_PASTI = "belum_pasti"

    @property
    def label(self) -> str:
        return {"berlaku": "Berlaku", "dicabut": "Dicabut", "belum_pasti": "Belum pasti"}[self.value]


class Jenis(StrEnum):
    REGULASI = "regulasi"
    ARTIKEL = "artikel"
    PUBLIKASI = "publikasi"
    REFERENSI = "referensi"

    @property
    def label(self) -> str:
        return {
            "regulasi": "Peraturan",
            "artikel": "Artikel sumber Bimtek",
            "publikasi": "Pedoman dan publikasi",
            "referensi": "Referensi praktik",
        }[self.value]


class Source(BaseModel):
    """One regulation or publication the product cites to its users."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    id: str = Field(pattern=r"^[a-z0-9][a-z0-9-]*$", description="Pengenal, mis. 'pmk-3-2023'.")
    jenis: Jenis = Field(description="regulasi, artikel, publikasi, referensi.")
    instrumen: str = Field(default="", description="Instrumen, nomor dan tahun sebagaimana dikutip.")
    judul: str = Field(description="Judul lengkap.")
    tahun: int | None = Field(default=None, description="Tahun terbit atau penetapan.")
    penerbit: str = Field(description="Penerbit atau lembaga yang menetapkan.")
    status: Status = Field(description="berlaku, dicabut, belum_pasti.")
    catatan: str = Field(default="", description="Mengapa statusnya begitu, mis. dicabut oleh apa.")
    url: str | None = Field(default=None, description="Alamat publik, bila ada.")
    pola: tuple[str, ...] = Field(min_length=1, description="Ekspresi reguler yang mengenali kutipannya dalam teks.")

    def cited_in(self, text: str) -> bool:
        return any(re.search(p, text, re.IGNORECASE) for p in self.pola)


@lru_cache(maxsize=1)
def load_sources() -> tuple[Source, ...]:
    """The shipped registry, validated; ids are unique."""
    with (DATA_DIR / "sumber.yaml").open(encoding="utf-8") as fh:
        data: Any = yaml.safe_load(fh)
    sources = tuple(TypeAdapter(list[Source]).validate_python(data))
    ids = [s.id for s in sources]
    duplicates = sorted({i for i in ids if ids.count(i) > 1})
    if duplicates:
        raise ValueError(f"sumber.yaml: id ganda {duplicates}")
    return sources


def source_by_id() -> dict[str, Source]:
    return {s.id: s for s in load_sources()}


def texts(node: Any) -> Iterator[str]:
    """Every string inside a model dump or a YAML document."""
    if isinstance(node, str):
        yield node
    elif isinstance(node, dict):
        for value in node.values():
            yield from texts(value)
    elif isinstance(node, list | tuple):
        for value in node:
            yield from texts(value)


@dataclass(frozen=True)
class Citing:
    """A place in the product a user reads: a module, a scenario or a rule, with the text it shows."""

    kind: str  # modul | skenario | aturan
    key: str
    title: str
    text: str


@dataclass(frozen=True)
class SourceUse:
    source: Source
    modules: tuple[str, ...]
    scenarios: tuple[str, ...]
    rules: tuple[str, ...]

    @property
    def used(self) -> bool:
        return bool(self.modules or self.scenarios or self.rules)


def citing_places(modules: Iterable[Any], scenarios: Iterable[Any], rules: Iterable[Any]) -> list[Citing]:
    """The modules, scenarios and rules as places that cite, each with all the text a user reads there."""
    places = [Citing("modul", m.id, m.judul, "\n".join(texts(m.model_dump(mode="json")))) for m in modules]
    for s in scenarios:
        shown = {"judul": s.judul, "ringkasan": s.ringkasan, "cerita": s.cerita, "sumber": s.sumber}
        shown["berkas"] = [item.isi for item in s.berkas_kasus]
        shown["penjelasan"] = s.kunci.penjelasan
        places.append(Citing("skenario", s.id, s.judul, "\n".join(texts(shown))))
    for r in rules:
        text = "\n".join((r.title, r.regulation, r.rationale, r.fix_hint))
        places.append(Citing("aturan", r.code, f"{r.code} {r.title}", text))
    return places


def source_uses(places: Sequence[Citing], sources: Sequence[Source] | None = None) -> list[SourceUse]:
    """Where each source is cited, computed from the texts (never listed by hand)."""
    out = []
    for source in sources if sources is not None else load_sources():
        hits = [p for p in places if source.cited_in(p.text)]
        out.append(
            SourceUse(
                source,
                modules=tuple(p.title for p in hits if p.kind == "modul"),
                scenarios=tuple(p.title for p in hits if p.kind == "skenario"),
                rules=tuple(p.title for p in hits if p.kind == "aturan"),
            )
        )
    return out
