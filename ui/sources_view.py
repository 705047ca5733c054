"""The Sumber & Regulasi page's parts: every cited source with its status and where the product cites it."""

from __future__ import annotations

import streamlit as st

from bimtek.rules import all_rules
from bimtek.sources import Jenis, SourceUse, Status, citing_places, source_uses
from ui.content import scenarios_result
from ui.module_view import modules_result

STATUS_BADGE = {
    Status.BERLAKU: ":green-badge[Berlaku]",
    Status.DICABUT: ":red-badge[Dicabut]",
    Status.BELUM_PASTI: ":orange-badge[Belum pasti]",
}


def current_uses() -> list[SourceUse]:
    """The registry with its uses computed from the shipped modules, scenarios and rules."""
    places = citing_places(modules_result().modules, scenarios_result().scenarios, all_rules())
    return source_uses(places)


def _where(label: str, titles: tuple[str, ...]) -> str:
    return f"**{label}**: " + "; ".join(titles) if titles else ""


def render_source(use: SourceUse) -> None:
    s = use.source
    heading = s.instrumen or s.judul
    with st.container(border=True):
        st.markdown(f"{STATUS_BADGE[s.status]} **{heading}**")
        details = [s.judul] if s.instrumen else []
        details.append(", ".join(str(x) for x in (s.penerbit, s.tahun) if x))
        st.markdown("  \n".join(details))
        if s.catatan:
            st.caption(s.catatan)
        if s.url:
            st.markdown(f"[Buka sumber]({s.url})")
        lines = [
            _where("Modul", use.modules),
            _where("Studi kasus", use.scenarios),
            _where("Aturan verifikasi", use.rules),
        ]
        used = [line for line in lines if line]
        st.markdown("\n\n".join(used) if used else "_Belum dikutip oleh modul, studi kasus, atau aturan._")


def render_sources(uses: list[SourceUse], query: str, status: list[str]) -> int:
    """Renders the sources matching the search and status filter, grouped by kind; returns how many."""
    q = query.strip().casefold()
    shown = 0
    for jenis in Jenis:
        group = [
            u
            for u in uses
            if u.source.jenis == jenis
            and (not status or u.source.status.label in status)
            and (not q or q in f"{u.source.instrumen} {u.source.judul} {u.source.penerbit}".casefold())
        ]
        if not group:
            continue
        st.subheader(jenis.label)
        for use in group:
            render_source(use)
        shown += len(group)
    return shown
