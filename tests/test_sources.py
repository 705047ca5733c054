"""The source registry behind the Sumber & Regulasi page: complete for what the content cites, uses computed."""

from __future__ import annotations

import re

from bimtek.modules import load_modules
from bimtek.sources import Status, citing_places, load_sources, source_by_id, source_uses
from tests.user_text import content_texts, page_texts

INSTRUMENT = re.compile(
    r"\b(Perpres|Permenkes|Permendagri|Peraturan BPJS(?: Kesehatan)?) (?:Nomor |No\.? ?)?(\d+)(?:/| Tahun )(\d{4})"
)


def test_every_instrument_the_content_names_is_in_the_registry() -> None:
    sources = load_sources()
    missing = set()
    for _, text in [*content_texts(), *page_texts()]:
        for match in INSTRUMENT.finditer(text):
            if not any(s.cited_in(match.group(0)) for s in sources):
                missing.add(match.group(0))
    assert not missing, sorted(missing)


def test_the_kmk_on_clinical_practice_is_current_and_its_predecessors_revoked() -> None:
    registry = source_by_id()
    assert registry["kmk-1186-2022"].status == Status.BERLAKU
    assert registry["kmk-514-2015"].status == Status.DICABUT and "1186/2022" in registry["kmk-514-2015"].catatan
    assert registry["pmk-5-2014"].status == Status.DICABUT
    assert registry["perpres-32-2014"].status == Status.BELUM_PASTI


def test_uses_are_computed_from_what_the_content_and_rules_say() -> None:
    modules = load_modules().modules
    uses = {u.source.id: u for u in source_uses(citing_places(modules, [], []))}
    assert "Regulasi Klaim FKTP" in uses["kmk-1186-2022"].modules
    assert "Jenis-Jenis Klaim di FKTP" in uses["perpres-82-2018"].modules  # Pasal 52: KLB outside the benefit
    assert not uses["se-mendagri-900-2280"].used
    one = [m for m in modules if m.id == "tarif"]
    only = {u.source.id for u in source_uses(citing_places(one, [], [])) if u.used}
    assert "pmk-3-2023" in only and "kmk-1186-2022" not in only


def test_short_and_full_citations_are_both_recognised() -> None:
    pmk = source_by_id()["pmk-3-2023"]
    assert pmk.cited_in("Permenkes 3/2023 Ps 20") and pmk.cited_in("Permenkes Nomor 3 Tahun 2023 Pasal 20")
    assert not pmk.cited_in("Permenkes Nomor 3 Tahun 2022")
