"""Issue 10 point 8: text from URLs and authors is shown as text (ui/plain.py), never as markdown, a link or an image."""

from __future__ import annotations

import pytest
from markdown_it import MarkdownIt

from tests.ui.conftest import problems, run_page
from ui import identity, nav, plain

GFM = MarkdownIt("commonmark")  # CommonMark, as Streamlit's renderer parses it (without its extensions)

HOSTILE = [
    "![x](https://pelacak.example/p.png)",
    "[klik](http://phish.example)",
    "<img src=https://pelacak.example/p.png>",
    "**tebal** _miring_ `kode` $x^2$",
    ":red[merah] :material/home:",
    "# judul",
]


@pytest.mark.parametrize("value", HOSTILE)
def test_an_escaped_value_renders_as_exactly_its_own_text(value):
    html = GFM.render(plain.md(value))
    assert "<img" not in html and "<a " not in html and "<strong>" not in html and "<em>" not in html
    assert "<code>" not in html and "<h1>" not in html


def test_authored_markdown_keeps_formatting_and_relative_links_but_not_outside_ones():
    text = "**Penting**: baca [modul piutang](/modul?modul=piutang), bukan ![x](https://pelacak.example/p.png)."
    html = GFM.render(plain.authored(text))
    assert "<strong>Penting</strong>" in html and '<a href="/modul?modul=piutang">' in html
    assert "<img" not in html and "pelacak.example" in html
    assert plain.remote_refs(text) == ["![x](https://pelacak.example/p.png)"]


def test_a_profile_id_from_the_link_is_echoed_as_text():
    at = run_page(nav.BERANDA, query={identity.QUERY_KEY: "![x](https://pelacak.example/p.png)"})
    assert not at.exception, problems(at)
    [warning] = [w.value for w in at.sidebar.warning]
    assert "<img" not in GFM.render(warning) and "pelacak.example" in warning


def test_a_certificate_code_from_the_link_is_echoed_as_text():
    at = run_page(nav.VERIFIKASI, query={"kode": "[palsu](http://phish.example)"})
    assert not at.exception, problems(at)
    [error] = [e.value for e in at.error]
    assert "tidak ditemukan" in error and "<a " not in GFM.render(error)


def test_a_join_code_from_the_qr_link_is_echoed_as_text_when_it_is_wrong():
    from tests.ui.test_identity import submit
    from ui import state

    at = run_page(nav.MASUK, query={state.JOIN_QUERY: "[x](//a.b)"})
    submit(at, state.JOIN_SUBMIT, **{state.JOIN_NAME: "Rina", state.JOIN_PIN: "4821"})
    [error] = [e.value for e in at.error if "tidak ditemukan" in e.value]
    assert "<a " not in GFM.render(error)
