"""The rule catalogue (generated from the registry) and the reference lists, as the Katalog page shows them."""

from __future__ import annotations

import re
from typing import Any

import pandas as pd
import streamlit as st

from bimtek.fmt import rupiah
from bimtek.reference import load_reference
from ui.labels import STATUS_COLOURS, layanan_label

UNCERTAIN = "Sumber belum pasti"


def status_words(status: str) -> str:
    """A reference file's status ('confirmed', '1-4 confirmed; -1/0 uncertain') in the words users read."""
    return re.sub(r"\bconfirmed\b", "pasti", re.sub(r"\buncertain\b", "belum pasti", status))


CODE_LISTS = [
    ("kd_sadar", "Kesadaran (kdSadar)"),
    ("kd_tkp", "Tempat kunjungan (kdTkp)"),
    ("kd_poli", "Poli FKTP (kdPoli)"),
    ("kd_status_pulang_rawat_jalan", "Status pulang rawat jalan"),
    ("kd_status_pulang_rawat_inap", "Status pulang rawat inap"),
    ("kd_tacc", "TACC rujukan"),
]


def matches(row: dict[str, Any], query: str) -> bool:
    """Case-insensitive search over the texts a trainer would look a rule up by."""
    q = query.strip().lower()
    fields = ("code", "title", "family_label", "regulation", "rationale", "fix_hint", "severity_label")
    return not q or any(q in str(row.get(f, "")).lower() for f in fields)


def render_rules(rows: list[dict[str, Any]], query: str) -> int:
    """Rules grouped by family; returns how many matched. The rows' anti_pattern/best_practice are English
    developer text (rule docstrings), so they are not shown to users."""
    shown = [r for r in rows if matches(r, query)]
    families = list(dict.fromkeys(r["family_label"] for r in shown))
    for family in families:
        st.subheader(family)
        for row in (r for r in shown if r["family_label"] == family):
            colour = STATUS_COLOURS.get(row["severity"], "gray")
            label = f"{row['code']} — {row['title']} :{colour}-badge[{row['severity_label']}]"
            if row.get("uncertain"):
                label += f" :gray-badge[:material/help: {UNCERTAIN}]"
            with st.expander(label, expanded=bool(query.strip())):
                st.markdown(f"**Dasar ({row['dasar_label']}):** {row['regulation']}")
                st.markdown(f"**Mengapa:** {row['rationale']}")
                st.markdown(f"**Cara memperbaiki:** {row['fix_hint']}")
    return len(shown)


def render_code_lists() -> None:
    ref = load_reference()
    for name, title in CODE_LISTS:
        codes = ref.code_lists[name]
        st.markdown(f"**{title}**")
        st.dataframe(pd.DataFrame({"Kode": list(codes.codes), "Arti": list(codes.codes.values())}), hide_index=True)
        st.caption(f"Sumber: {codes.source} · status: {_status(codes.status)}")


def _status(status: str) -> str:
    """The reference data's confirmed/uncertain status in the user's words."""
    return {"uncertain": UNCERTAIN, "confirmed": "Terkonfirmasi"}.get(status, status_words(status))


def _range(bounds: tuple[int, int] | None) -> str:
    return f"{rupiah(bounds[0])}-{rupiah(bounds[1])}" if bounds else "-"


def _amount(value: int | None) -> str:
    return rupiah(value) if value is not None else "-"


def render_tariffs() -> None:
    ref = load_reference()
    reg = ref.regulations["pmk_3_2023"]
    st.markdown(f"**Tarif non-kapitasi — {reg.nama}**")
    st.caption(f"Berlaku mulai {reg.berlaku_mulai:%d-%m-%Y}. {reg.catatan}")
    rows = [
        {
            "Layanan": layanan_label(t.layanan),
            "Puskesmas": _amount(t.puskesmas),
            "Selain Puskesmas": _amount(t.selain_puskesmas),
            "Jenis tarif": t.jenis_tarif.replace("_", " "),
            "Pasal": t.pasal,
            "Sumber": t.sumber,
            "Status": _status(t.status),
        }
        for t in ref.tariffs
        if t.regulasi == "pmk_3_2023"
    ]
    st.dataframe(pd.DataFrame(rows), hide_index=True)
    st.markdown("**Kapitasi per peserta per bulan (Permenkes 3/2023 Ps 6(1))**")
    kapitasi = [
        {
            "Jenis FKTP": k["jenis"].replace("_", " "),
            "Rasio dokter": k["rasio_dokter"].replace("_", " "),
            "Dokter gigi": "Ya" if k["dokter_gigi"] else "Tidak",
            "Tarif": rupiah(k["tarif"]),
            "Rentang (Pasal 5)": _range(ref.kapitasi_range(k["jenis"], reg.berlaku_mulai)),
            "Sumber": k["sumber"],
            "Status": _status(k["status"]),
        }
        for k in ref.kapitasi
        if k["regulasi"] == "pmk_3_2023"
    ]
    st.dataframe(pd.DataFrame(kapitasi), hide_index=True)


def render_deadlines() -> None:
    rows = [
        {
            "Ketentuan": d["keterangan"],
            "Sumber": d["sumber"],
            "Status": _status(d["status"]),
        }
        for d in load_reference().deadlines.values()
    ]
    st.dataframe(pd.DataFrame(rows), hide_index=True)
