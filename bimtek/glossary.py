"""The product's vocabulary (reference/data/istilah.yaml): one word per concept, and the forms it does not use."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import yaml
from pydantic import BaseModel, ConfigDict, Field, TypeAdapter

from bimtek.reference import DATA_DIR


class Term(BaseModel):
    """One concept: the word the product uses, what it means, and the variants it never uses."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    istilah: str = Field(description="Bentuk yang dipakai.")
    definisi: str = Field(description="Arti, satu atau dua kalimat.")
    terlarang: tuple[str, ...] = Field(default=(), description="Varian yang tidak dipakai (ekspresi reguler).")
    kecuali: tuple[str, ...] = Field(
        default=(), description="Nama diri yang memuat varian dan tetap ditulis apa adanya."
    )

    def patterns(self) -> list[re.Pattern[str]]:
        return [re.compile(rf"(?<![\w-]){p}(?![\w-])", re.IGNORECASE) for p in self.terlarang]


@dataclass(frozen=True)
class Misuse:
    term: str
    found: str


@lru_cache(maxsize=1)
def load_glossary() -> tuple[Term, ...]:
    with (DATA_DIR / "istilah.yaml").open(encoding="utf-8") as fh:
        data: Any = yaml.safe_load(fh)
    return tuple(sorted(TypeAdapter(list[Term]).validate_python(data), key=lambda t: t.istilah.casefold()))


def misuses(text: str, glossary: tuple[Term, ...] | None = None) -> list[Misuse]:
    """Forbidden variants in a text, each with the term to use instead."""
    out = []
    for term in glossary if glossary is not None else load_glossary():
        cleaned = text
        for phrase in term.kecuali:
            cleaned = cleaned.replace(phrase, "")
        out += [Misuse(term.istilah, m.group(0)) for p in term.patterns() for m in p.finditer(cleaned)]
    return out
