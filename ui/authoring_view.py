"""The trainer's authoring parts: problems of a YAML file, the trainee's preview with the key aside, the cohort library."""

from __future__ import annotations

from collections.abc import Iterator

import streamlit as st

from bimtek.content import Problem, Scenario, parse_scenario_text
from bimtek.errors import BimtekError
from bimtek.rules import get_rule
from bimtek.storage import cohorts
from bimtek.storage.accounts import TrainerInfo
from bimtek.variants import VariantSet, generate_variants, scenario_yaml
from ui import identity, plain, state
from ui.case_view import describe, render_case_file
from ui.claim_view import render_claim
from ui.content import scenarios_result

PASTED = "tempel.yaml"


def read_source() -> tuple[str, str] | None:
    """(file name, YAML text) from the upload, else from the text area; None when both are empty."""
    upload = st.file_uploader("Unggah berkas skenario (.yaml)", type=["yaml", "yml"], key=state.AUTHOR_UPLOAD)
    pasted = st.text_area("... atau tempel isi YAML di sini", height=240, key=state.AUTHOR_TEXT)
    if upload is not None:
        try:
            return upload.name, upload.getvalue().decode("utf-8")
        except UnicodeDecodeError:
            return upload.name, "\x00"  # parse_scenario_text names it as invalid YAML
    if pasted.strip():
        return PASTED, pasted
    return None


def check_text(name: str, text: str) -> tuple[Scenario | None, list[Problem]]:
    scenario, problems = parse_scenario_text(text, name)
    shipped = {s.id for s in scenarios_result().scenarios}
    if scenario is not None and scenario.id in shipped:
        problems = [*problems, Problem(name, "id", f"'{scenario.id}' sudah dipakai skenario bawaan; pakai id lain")]
    return scenario, problems


def render_problems(problems: list[Problem]) -> None:
    st.error(f"{len(problems)} masalah ditemukan; skenario belum dapat dipakai. Perbaiki lalu periksa lagi.")
    st.code("\n".join(str(p) for p in problems), language=None)


def render_key(scenario: Scenario) -> None:
    k = scenario.kunci
    with st.expander("Kunci jawaban (hanya narasumber; peserta melihatnya setelah mengirim jawaban)"):
        if k.cacat:
            st.markdown("\n".join(f"- **{c}** {get_rule(c).title}" for c in k.cacat))
        else:
            st.markdown("Klaim sudah benar (tidak ada cacat).")
        st.markdown(plain.authored(k.penjelasan))
        if k.tidak_dapat_diperbaiki:
            st.markdown("**Jawaban yang tepat: klaim tidak diajukan.**")
        for title, value in (("Perbaikan", k.perbaikan), ("Harus", k.harus), ("Fakta", k.fakta)):
            if value:
                st.caption(title)
                st.json(value)
        if k.diagnosa_didukung:
            st.caption(f"Diagnosa yang didukung rekam medis: {', '.join(k.diagnosa_didukung)}")


def _strings(value: object) -> Iterator[str]:
    """Every text in a dumped scenario (nested dicts and lists), where an author could have put markdown."""
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from _strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from _strings(item)


def render_preview(scenario: Scenario) -> None:
    """The case as the trainee's case page shows it (same components), with the key in its own expander."""
    st.subheader(f"Pratinjau: {plain.authored(scenario.judul)}")
    outside = plain.remote_refs("\n".join(_strings(scenario.model_dump(mode="json"))))
    if outside:
        st.warning(
            f"Skenario ini memuat {len(outside)} gambar, tautan atau alamat di luar aplikasi. Peserta melihatnya "
            "hanya sebagai teks (tidak dimuat dan tidak dapat diklik); hapus atau ganti bila tidak perlu:\n"
            + "\n".join(f"- {plain.md(ref, limit=300)}" for ref in outside),
            icon=":material/link_off:",
        )
    st.caption(f"{describe(scenario)} · target {scenario.target_minutes} menit · id `{scenario.id}`")
    st.markdown(scenario.cerita)
    claim_col, file_col = st.columns([3, 2])
    with claim_col:
        st.markdown("**Klaim sebagaimana diajukan**")
        render_claim(scenario.klaim)
    with file_col:
        st.markdown("**Berkas kasus di fasilitas**")
        render_case_file(scenario)
    render_key(scenario)


def render_add(trainer: TrainerInfo, scenario: Scenario, text: str, key: str) -> None:
    """'Tambahkan ke pustaka kohort': the YAML text is stored for one of the trainer's cohorts."""
    mine = cohorts.trainer_cohorts(identity.store(), trainer.id)
    if not mine:
        st.info("Anda belum memiliki kelas. Buat kelas dulu agar skenario dapat ditambahkan ke pustakanya.")
        return
    by_id = {c.id: c for c in mine}
    cohort_id = st.selectbox(
        "Kelas",
        list(by_id),
        format_func=lambda i: f"{by_id[i].name} ({by_id[i].join_code})",
        key=state.AUTHOR_COHORT + key,
    )
    if st.button("Tambahkan ke pustaka kohort", key=key, type="primary"):
        try:
            cohorts.add_library_scenario(identity.store(), cohort_id, scenario.id, text, trainer.id)
        except BimtekError as err:
            st.error(str(err))
        else:
            st.success(f"'{scenario.judul}' ditambahkan ke pustaka kelas {by_id[cohort_id].name}.")


def _sources(uploaded: Scenario | None) -> dict[str, Scenario]:
    clean = [s for s in scenarios_result().scenarios if not s.kunci.cacat]
    if uploaded is not None and not uploaded.kunci.cacat:
        clean.insert(0, uploaded)
    return {s.id: s for s in clean}


@st.cache_resource(show_spinner=False, max_entries=16)
def _variants(source_yaml: str, seed: int) -> VariantSet:
    scenario, _ = parse_scenario_text(source_yaml, "sumber.yaml")
    assert scenario is not None
    return generate_variants(scenario, seed)


def render_generator(trainer: TrainerInfo, uploaded: Scenario | None) -> None:
    st.header("Generator varian")
    st.markdown(
        "Pilih klaim yang **benar** (kunci.cacat kosong). Generator membuat varian bercacat — tanda tangan hilang, "
        "hasil lab dilepas, tanggal lewat batas, baris tarif salah, field P-Care kosong — masing-masing dengan "
        "kuncinya. Varian yang cacatnya tidak dikenali verifikator persis seperti kuncinya dibuang, dengan alasannya."
    )
    sources = _sources(uploaded)
    source_id = st.selectbox(
        "Klaim sumber", list(sources), format_func=lambda i: sources[i].judul, key=state.AUTHOR_SOURCE
    )
    seed = int(st.number_input("Nomor varian", min_value=0, value=0, step=1, key=state.AUTHOR_SEED))
    result = _variants(scenario_yaml(sources[source_id]), seed)
    st.caption(f"{len(result.variants)} varian dibuat; {len(result.dropped)} dibuang.")
    for d in result.dropped:
        st.warning(f"Dibuang: {d.label} — {d.reason}")
    if not result.variants:
        return
    by_id = {v.scenario.id: v for v in result.variants}
    chosen = st.selectbox(
        "Varian",
        list(by_id),
        format_func=lambda i: f"{by_id[i].label} ({', '.join(by_id[i].scenario.kunci.cacat)})",
        key=state.AUTHOR_VARIANT,
    )
    variant = by_id[chosen]
    text = variant.to_yaml()
    st.download_button(
        "Unduh YAML varian",
        text,
        file_name=f"{variant.scenario.id}.yaml",
        mime="application/x-yaml",
        key=state.AUTHOR_VARIANT_DOWNLOAD + chosen,
    )
    render_add(trainer, variant.scenario, text, state.AUTHOR_VARIANT_ADD + chosen)
    render_preview(variant.scenario)
