"""Input widgets of the answer form for the claim file: evidence (only what exists) and the submission."""

from __future__ import annotations

from typing import Any

import streamlit as st

from bimtek.claim import JenisKlaim
from bimtek.content import Scenario
from bimtek.fmt import tanggal
from bimtek.reference import load_reference
from ui import answer, state
from ui.form_kunjungan import KEEP, date_field
from ui.labels import JENIS_KLAIM, angka, dokumen_label, layanan_label


def evidence_fields(scenario: Scenario) -> dict[str, Any]:
    st.markdown("**Lampiran hasil lab** — centang hasil yang ada di klaim atau di berkas kasus")
    labs = answer.attachable_labs(scenario)
    if not labs:
        st.caption("Tidak ada hasil lab di klaim maupun di berkas kasus.")
    ticked = [
        st.checkbox(
            f"{o.item.jenis.capitalize()} {angka(o.item.nilai)} {o.item.satuan} — {tanggal(o.item.tanggal)} ({o.source})",  # type: ignore[union-attr]
            value=o.in_claim,
            key=f"{state.LAB_PREFIX}{i}",
            persist_state=KEEP,
        )
        for i, o in enumerate(labs)
    ]
    st.markdown("**Dokumen** — centang dokumen yang ada di klaim atau di berkas kasus")
    docs = answer.attachable_documents(scenario)
    ticked_docs = [
        st.checkbox(
            f"{dokumen_label(o.item.jenis)} — {'ditandatangani' if o.item.ditandatangani else 'belum ditandatangani'} ({o.source})",  # type: ignore[union-attr]
            value=o.in_claim,
            key=f"{state.DOKUMEN_PREFIX}{i}",
            persist_state=KEEP,
        )
        for i, o in enumerate(docs)
    ]
    filed = answer.attached_documents(docs, ticked_docs)
    return {"lab": answer.attached_labs(labs, ticked), **answer.document_changes(scenario, filed)}


def prolanis_fields(scenario: Scenario) -> dict[str, Any]:
    """A Prolanis activity's photos (only those that exist) and its snack cost; nothing for other claims."""
    k = scenario.klaim.kegiatan_prolanis
    if k is None:
        return {}
    st.markdown("**Kegiatan Prolanis** — centang foto kegiatan yang dilampirkan")
    photos = answer.attachable_photos(scenario)
    ticked = [
        st.checkbox(
            f"{o.item.berkas or o.item.sha256[:12]} ({o.source})",  # type: ignore[union-attr]
            value=o.in_claim,
            key=f"{state.FOTO_PREFIX}{i}",
            persist_state=KEEP,
        )
        for i, o in enumerate(photos)
    ]
    konsumsi = st.number_input(
        "Biaya konsumsi (Rp)", min_value=0, value=k.biaya_konsumsi, step=1000, key=state.KONSUMSI, persist_state=KEEP
    )
    return {
        "kegiatan_prolanis.foto": answer.kept([o.item for o in photos], ticked),
        "kegiatan_prolanis.biaya_konsumsi": int(konsumsi),
    }


def pengajuan_fields(scenario: Scenario) -> dict[str, Any]:
    p = scenario.klaim.pengajuan
    ref = load_reference()
    out: dict[str, Any] = {}
    st.markdown("**Pengajuan**")
    c1, c2, c3 = st.columns(3)
    with c1:
        kinds = [j.value for j in JenisKlaim]
        out["pengajuan.jenis_klaim"] = st.selectbox(
            "Jenis klaim",
            kinds,
            index=kinds.index(p.jenis_klaim.value),
            format_func=lambda k: JENIS_KLAIM[k],
            key=state.JENIS_KLAIM,
            persist_state=KEEP,
        )
    with c2:
        lines = list(ref.services) + ([p.layanan] if p.layanan not in ref.services else [])
        out["pengajuan.layanan"] = st.selectbox(
            "Layanan",
            lines,
            index=lines.index(p.layanan),
            format_func=layanan_label,
            key=state.LAYANAN,
            persist_state=KEEP,
        )
    with c3:
        out["pengajuan.tgl_pengajuan"] = date_field("Tgl pengajuan", state.TGL_PENGAJUAN, p.tgl_pengajuan)
    c1, c2, c3, c4 = st.columns(4)
    with c1:
        out["pengajuan.jumlah_diajukan"] = st.number_input(
            "Jumlah diajukan (Rp)",
            min_value=0,
            value=p.jumlah_diajukan,
            step=1000,
            key=state.JUMLAH,
            persist_state=KEEP,
        )
    with c2:
        out["pengajuan.lama_rawat_hari"] = st.number_input(
            "Lama rawat (hari)", min_value=0, value=p.lama_rawat_hari, step=1, key=state.LAMA_RAWAT, persist_state=KEEP
        )
    with c3:
        out["pengajuan.hari_poned"] = st.number_input(
            "Hari PONED", min_value=0, value=p.hari_poned, step=1, key=state.HARI_PONED, persist_state=KEEP
        )
    with c4:
        out["pengajuan.kunjungan_ke"] = st.number_input(
            "Kunjungan ke-", min_value=0, value=p.kunjungan_ke, step=1, key=state.KUNJUNGAN_KE, persist_state=KEEP
        )
    tim = p.tim_persalinan
    c1, c2 = st.columns(2)
    with c1:
        choices: list[bool | None] = [None, True, False]
        ada = st.selectbox(
            "Tim persalinan: ada dokter?",
            choices,
            index=choices.index(tim.ada_dokter if tim else None),
            format_func=lambda v: {None: "(tidak diisi)", True: "Ya", False: "Tidak"}[v],
            key=state.TIM_DOKTER,
            persist_state=KEEP,
        )
    with c2:
        nakes = st.number_input(
            "Jumlah nakes dalam tim",
            min_value=0,
            value=tim.jumlah_nakes if tim else None,
            step=1,
            key=state.TIM_NAKES,
            persist_state=KEEP,
        )
    out["pengajuan.tim_persalinan"] = answer.tim_value(ada, int(nakes) if nakes is not None else None)
    return out
