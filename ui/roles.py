"""Who may open what: the sidebar's sections per role, and the server-side gate of every trainer page."""

from __future__ import annotations

import streamlit as st
from streamlit.navigation.page import StreamlitPage

from bimtek.storage.accounts import TrainerInfo
from ui import identity, nav

REFUSED = "Halaman ini khusus narasumber. Masuk sebagai narasumber di halaman Masuk untuk membukanya."


def layout(*, trainer: bool, guest: bool = False) -> dict[str, list[tuple[str, bool]]]:
    """Section -> [(page path, visible)], in the sidebar's order, each section's pages in its working order.

    Trainer pages stay routable for everyone (a direct URL reaches the page, which refuses it), but only a signed-in
    trainer sees them: for anyone else they are hidden under "Akun", so no empty "Narasumber" heading shows. The
    detail pages of one case or one module are reached from their lists, never from the sidebar. A guest finds
    "Akun" (Masuk) first, above the fold of a 768-pixel screen; someone signed in finds it last.
    """
    sections: dict[str, list[tuple[str, bool]]] = {}
    in_order = [
        *(p for paths in nav.SECTIONS.values() for p in paths),
        *(p for p in nav.PAGES if nav.section_of(p) == "Belajar" and p not in nav.SECTIONS["Belajar"]),
    ]
    for path in in_order:
        hidden = path in nav.TRAINER_PAGES and not trainer
        visible = not hidden and path not in nav.DETAIL_PAGES
        sections.setdefault("Akun" if hidden else nav.section_of(path), []).append((path, visible))
    order = list(nav.SECTIONS)
    if guest and not trainer:
        order.remove("Akun")
        order.insert(0, "Akun")
    return {name: sections[name] for name in sorted(sections, key=lambda n: order.index(n) if n in order else 0)}


def navigation_pages(*, trainer: bool, guest: bool = False) -> dict[str, list[StreamlitPage]]:
    """st.navigation's dict form of layout(); the first page of nav.PAGES is the default."""
    first = next(iter(nav.PAGES))
    return {
        name: [
            st.Page(
                path,
                title=nav.PAGES[path][0],
                icon=nav.PAGES[path][1],
                default=path == first,
                visibility="visible" if visible else "hidden",
            )
            for path, visible in pages
        ]
        for name, pages in layout(trainer=trainer, guest=guest).items()
    }


def require_trainer() -> TrainerInfo:
    """The signed-in trainer; anyone else gets an Indonesian refusal and the page stops here (server side)."""
    trainer = identity.current_trainer()
    if trainer is None:
        st.error(REFUSED, icon=":material/lock:")
        st.page_link(nav.MASUK, label="Ke halaman Masuk", icon=":material/login:")
        st.stop()
    return trainer
