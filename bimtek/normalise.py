"""One normalisation at the boundary: the claim model's validators call these, so YAML, JSON, CSV and XLSX claims
reach the rules in one form. Rules never re-normalise.

- ICD-10 codes: trimmed, upper-cased, inner spaces removed, the dot restored (`a910` -> `A91.0`, `k297` -> `K29.7`).
- Code-list and service values: trimmed, lower-cased, spaces/hyphens as underscores (`ANC Bidan` -> `anc_bidan`).
- Lab names: case- and synonym-insensitive (`PLT`, `platelets` -> `trombosit`); units read and the value converted
  to the canonical unit (`90` `10^3/µL` -> `90000` `/µL`); reference data in bimtek/reference/data/lab.yaml.
- Therapy routes and drug classes: synonyms to one word (`IM`, `suntik` -> `injeksi`; `drip` -> `infus`);
  reference data in bimtek/reference/data/kosakata.yaml.

Everything is a dict look-up or a precompiled regex behind lru_cache: the model validates 100,000 claims a batch.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import yaml

from bimtek.reference import DATA_DIR

_ICD = re.compile(r"^([A-Z][0-9]{2})\.?([0-9A-Z]{0,2})$")
_SPACES = re.compile(r"\s+")
_SEPARATORS = re.compile(r"[\s\-_.]+")
_SLUG = re.compile(r"[\s\-]+")
_POSITIVE = frozenset({"positif", "positive", "pos", "+", "ya", "ada", "ditemukan", "reaktif", "reactive"})
_NEGATIVE = frozenset({"negatif", "negative", "neg", "-", "tidak", "tidak ada", "non reaktif", "nonreaktif"})


@lru_cache(maxsize=65536)
def icd10(code: str) -> str:
    """`a910` -> `A91.0`; `k29.7 ` -> `K29.7`; `A91.` -> `A91`. Anything else is only trimmed and upper-cased."""
    text = _SPACES.sub("", code).upper()
    match = _ICD.match(text)
    if match is None:
        return text
    head, tail = match.groups()
    return f"{head}.{tail}" if tail else head


@lru_cache(maxsize=4096)
def slug(value: str) -> str:
    """A code-list value: trimmed, lower-cased, spaces and hyphens as underscores (`ANC Bidan` -> `anc_bidan`)."""
    return _SLUG.sub("_", value.strip().lower())


def _key(value: str) -> str:
    """A vocabulary key: lower-case, spaces/hyphens/dots/underscores removed (`I.M.` -> `im`)."""
    return _SEPARATORS.sub("", value.lower())


@dataclass(frozen=True)
class LabKind:
    name: str
    label: str
    unit: str  # canonical unit ("" for a qualitative finding)
    factors: dict[str, float]  # unit key -> factor to the canonical unit
    unit_names: tuple[str, ...]  # the accepted units as lab.yaml spells them, for messages
    low: float | None
    high: float | None
    qualitative: bool

    def accepted_units(self) -> str:
        return ", ".join(dict.fromkeys([self.unit, *self.unit_names]))


@dataclass(frozen=True)
class Vocabulary:
    labs: dict[str, LabKind]
    lab_synonyms: dict[str, str]  # key -> canonical lab name
    routes: dict[str, str]  # key -> canonical route
    route_names: tuple[str, ...]
    injected_routes: frozenset[str]
    classes: dict[str, str]  # key -> canonical drug class
    documents: dict[str, str]  # slug -> canonical document type
    injection_words: re.Pattern[str]
    indication_words: dict[str, re.Pattern[str]]  # drug class -> words in a name


def _words(words: list[str]) -> re.Pattern[str]:
    alternatives = sorted((re.escape(w.lower()).replace(r"\ ", r"[\s\-_]*") for w in words), key=len, reverse=True)
    return re.compile(r"(?<![a-z0-9])(?:" + "|".join(alternatives) + r")(?![a-z0-9])")


@lru_cache(maxsize=1)
def vocabulary() -> Vocabulary:
    with (DATA_DIR / "lab.yaml").open(encoding="utf-8") as fh:
        lab = yaml.safe_load(fh)
    with (DATA_DIR / "kosakata.yaml").open(encoding="utf-8") as fh:
        words = yaml.safe_load(fh)
    labs: dict[str, LabKind] = {}
    synonyms: dict[str, str] = {}
    for name, body in lab["pemeriksaan"].items():
        low, high = body.get("rentang") or (None, None)
        labs[name] = LabKind(
            name=name,
            label=body["label"],
            unit=body.get("satuan_baku", ""),
            factors={_unit_key(u): float(f) for u, f in (body.get("satuan") or {}).items()},
            unit_names=tuple(body.get("satuan") or ()),
            low=low,
            high=high,
            qualitative=bool(body.get("kualitatif")),
        )
        for word in [name, *body["sinonim"]]:
            synonyms[_key(word)] = name
    routes = {_key(w): route for route, ws in words["rute"].items() for w in [route, *ws]}
    classes = {_key(w): cls for cls, ws in words["golongan"].items() for w in [cls, *ws]}
    documents = {slug(alias): target for alias, target in words["dokumen"].items()}
    return Vocabulary(
        labs=labs,
        lab_synonyms=synonyms,
        routes=routes,
        route_names=tuple(words["rute"]),
        injected_routes=frozenset(words["rute_suntik"]),
        classes=classes,
        documents=documents,
        injection_words=_words(words["kata_suntik"]),
        indication_words={cls: _words(ws) for cls, ws in words["kata_perlu_indikasi"].items()},
    )


@lru_cache(maxsize=4096)
def lab_name(value: str) -> str:
    """The canonical lab name for a synonym (`PLT` -> `trombosit`); an unknown name as a slug (rule KD05 flags it)."""
    return vocabulary().lab_synonyms.get(_key(value), slug(value))


@lru_cache(maxsize=1024)
def _unit_key(unit: str) -> str:
    text = _SPACES.sub("", unit).lower().replace("µ", "u").replace("μ", "u").replace("³", "^3").replace("×", "x")
    text = text.replace("mm^3", "ul").replace("mm3", "ul").replace("10e3", "10^3").replace("10**3", "10^3")
    text = text.replace("10^9/l", "10^3/ul") if text.startswith("10^9") and "/ul" not in text else text
    return text.lstrip("x*")


@lru_cache(maxsize=4096)
def lab_unit(name: str, unit: str) -> tuple[str, float] | None:
    """(canonical unit, factor) for a unit of a known lab; None for a unit the table does not know (rule KD06).

    An empty unit is read as the canonical unit: the plausible range (rule EV03) catches a value in another unit.
    """
    kind = vocabulary().labs.get(name)
    if kind is None:
        return None
    key = _unit_key(unit)
    if not key or key == _unit_key(kind.unit):
        return kind.unit, 1.0
    if kind.qualitative:
        return (kind.unit, 1.0) if key in _POSITIVE | _NEGATIVE else None
    factor = kind.factors.get(key)
    return None if factor is None else (kind.unit, factor)


@lru_cache(maxsize=8192)
def lab_reading(jenis: str, satuan: str) -> tuple[str, str, float, bool]:
    """(canonical name, unit, factor, qualitative) for a lab entry; the unit as given and factor 1 when unknown."""
    name = lab_name(jenis)
    unit = lab_unit(name, satuan)
    kind = vocabulary().labs.get(name)
    qualitative = kind is not None and kind.qualitative
    return (name, satuan.strip(), 1.0, qualitative) if unit is None else (name, unit[0], unit[1], qualitative)


def qualitative_value(value: Any) -> Any:
    """`positif`/`+`/`ya` -> 1.0 and `negatif`/`-`/`tidak` -> 0.0; anything else unchanged (pydantic reads it)."""
    if isinstance(value, str):
        word = value.strip().lower()
        if word in _POSITIVE:
            return 1.0
        if word in _NEGATIVE:
            return 0.0
    return value


@lru_cache(maxsize=1024)
def route(value: str) -> str:
    """The canonical route for a synonym (`IM`, `suntik` -> `injeksi`); an unknown route as a slug (rule KD08)."""
    return vocabulary().routes.get(_key(value), slug(value))


@lru_cache(maxsize=1024)
def drug_class(value: str) -> str:
    """The canonical drug class for a synonym (`Fe`, `iron` -> `zat_besi`); other classes as a slug."""
    return vocabulary().classes.get(_key(value), slug(value))


@lru_cache(maxsize=1024)
def document_type(value: str) -> str:
    """A document type as a slug, aliases resolved (`Resume Medis` -> `resume_medis`, `informed consent` -> `consent`)."""
    key = slug(value)
    return vocabulary().documents.get(key, key)


@lru_cache(maxsize=8192)
def needs_indication(name: str) -> str | None:
    """The drug class ('vitamin', 'zat_besi') a therapy/procedure name mentions, if any."""
    text = name.lower()
    for cls, pattern in vocabulary().indication_words.items():
        if pattern.search(text):
            return cls
    return None


@lru_cache(maxsize=8192)
def names_injection(name: str) -> bool:
    """Whether a therapy/procedure name says it is injected or infused (`Injeksi ...`, `... IM`, `drip ...`)."""
    return vocabulary().injection_words.search(name.lower()) is not None
