"""Simulasi KBK: from the three KBK indicators to the score, the payout and the kapitasi actually paid."""

import datetime as dt

import pandas as pd
import streamlit as st

from bimtek.accounting import kapitasi_amount, kapitasi_rate
from bimtek.fmt import rupiah
from bimtek.kbk import KBK_INDICATORS, KBK_MIN_PESERTA, kbk_applies, kbk_score
from ui import state
from ui.kbk_chart import kbk_charts

TYPES = {"puskesmas": "Puskesmas", "klinik_pratama": "Klinik pratama", "rs_d_pratama": "RS D pratama"}
RATIOS = {"<=5000": "1 dokter : ≤5.000 peserta", ">5000": "1 dokter : >5.000 peserta", "tanpa_dokter": "Tanpa dokter"}


def number(value: float) -> str:
    return f"{value:g}".replace(".", ",")


def thousands(value: int) -> str:
    return f"{value:,}".replace(",", ".")


st.title("Simulasi KBK")
st.markdown(
    "Kapitasi Berbasis Kinerja (KBK) menyesuaikan kapitasi yang dibayar dengan tiga indikator: Angka Kontak (AK), "
    "Rasio Rujukan Rawat Jalan Kasus Non Spesialistik (RRNS) dan Rasio Peserta Prolanis Terkendali (RPPT). Ubah "
    "angkanya dan lihat skor, persentase yang dibayar, dan kapitasi sebulan."
)
c1, c2, c3 = st.columns(3)
jenis = c1.selectbox("Jenis fasilitas", list(TYPES), format_func=TYPES.__getitem__, key=state.KBK_TYPE)
ratios = [r for r in RATIOS if jenis == "puskesmas" or r != "tanpa_dokter"]
rasio = c2.selectbox("Ketersediaan dokter", ratios, format_func=RATIOS.__getitem__, key=state.KBK_RATIO)
gigi = c3.checkbox("Ada dokter gigi", value=True, key=state.KBK_DENTIST)
c1, c2, c3, c4 = st.columns(4)
peserta = int(c1.number_input("Peserta terdaftar", 0, 1_000_000, 8000, step=100, key=state.KBK_PARTICIPANTS))
ak = c2.number_input("Angka kontak (‰)", 0.0, 1000.0, 150.0, step=0.5, key=state.KBK_AK)
rrns = c3.number_input("Rujukan non-spesialistik (%)", 0.0, 100.0, 2.0, step=0.1, key=state.KBK_RRNS)
rppt = c4.number_input("Prolanis terkendali (%)", 0.0, 100.0, 5.0, step=0.5, key=state.KBK_RPPT)

rate = kapitasi_rate(jenis, rasio, gigi, dt.date.today())
if rate is None:
    st.error(f"Tabel tarif kapitasi tidak memuat {TYPES[jenis]} dengan '{RATIOS[rasio]}'; pilih kombinasi lain.")
    st.stop()
result = kbk_score(ak, rrns, rppt, puskesmas=jenis == "puskesmas")
full = kapitasi_amount(peserta, rate, 100)
paid = kapitasi_amount(peserta, rate, result.payout_percent)

cols = st.columns([1, 1, 1, 1.6])
cols[0].metric("Skor KBK", number(result.score))
cols[1].metric("Kapitasi dibayar", f"{number(result.payout_percent)}%")
cols[2].metric("Tarif kapitasi", rupiah(rate))
cols[3].metric("Kapitasi sebulan", rupiah(paid), delta=rupiah(paid - full) if paid != full else None)
st.markdown(
    f"{thousands(peserta)} peserta × {rupiah(rate)} × {number(result.payout_percent)}% = **{rupiah(paid)}** "
    f"(kapitasi penuh {rupiah(full)}, berkurang {rupiah(full - paid)})."
)
if not kbk_applies(peserta):
    st.info(
        f"KBK diterapkan pada FKTP dengan PKS ≥1 tahun, ≥{thousands(KBK_MIN_PESERTA)} peserta dan koneksi data "
        "(Peraturan BPJS Kesehatan Nomor 7 Tahun 2019). Dengan peserta sebanyak ini penyesuaian KBK mungkin tidak berlaku; angka di atas berlaku bila "
        "diterapkan (belum pasti)."
    )
values = {"ak": ak, "rrns": rrns, "rppt": rppt}
st.table(
    pd.DataFrame(
        [
            {
                "Indikator": ind.label,
                "Nilai": f"{number(values[k])}{ind.unit}",
                "Rating": result.ratings[k],
                "Bobot": f"{ind.weight:.0%}",
                "Kontribusi": number(round(ind.weight * result.ratings[k], 2)),
            }
            for k, ind in KBK_INDICATORS.items()
        ]
    ).set_index("Indikator")
)
for chart in kbk_charts(values, result.ratings):
    st.altair_chart(chart, width="stretch")
st.caption(
    "Skor = Σ(bobot × rating), maksimal 4. Dibayar: skor 4 → 100%; 3–<4 → Puskesmas 95% / klinik-RS D 97%; "
    "2–<3 → 90% / 96%; 1–<2 → 85% / 95%. AK menghitung peserta sekali per bulan (kontak sakit maupun sehat yang "
    "tercatat di P-Care); rujukan dengan alasan TACC tidak dihitung dalam RRNS."
)
st.caption(
    "Sumber: Peraturan BPJS Kesehatan Nomor 7 Tahun 2019 tentang Kapitasi Berbasis Kinerja (indikator, ambang "
    "rating, bobot dan persentase pembayaran, sebagaimana dipaparkan dalam bahan sosialisasi KBK). Tarif kapitasi: "
    "Permenkes Nomor 3 Tahun 2023 Pasal 6 ayat (1)."
)
