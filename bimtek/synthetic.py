"""Synthetic claims: a reproducible month of FKTP claims with a realistic mix of services and common defects.

`generate_batch(n, seed)` returns each claim with the defects injected into it and the rule codes the
verifier is expected to report, so tests (and the "simulated month" exercise) can hold the two together.
Claims of one batch share immutable parts (facility, documents, therapies, vital-sign sets): treat them as
values and change them with `bimtek.claim.patch_claim`, never by assignment.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import random
from dataclasses import dataclass, field
from typing import Any

from bimtek.claim import (
    BerkasPengajuan,
    Claim,
    Dokumen,
    Fasilitas,
    HasilLab,
    JenisFaskes,
    Kunjungan,
    Pengajuan,
    Peserta,
    Rujukan,
    TandaVital,
    TimPersalinan,
)
from bimtek.claim import Terapi as T
from bimtek.deadlines import add_months
from bimtek.reference import load_reference
from bimtek.synthetic_defects import DEFECTS, Draft, pick_defects
from bimtek.verification import paused_gc

DEFAULT_MONTH = dt.date(2026, 10, 1)
DEFAULT_DEFECT_RATE = 0.22  # share of claims with at least one defect (the brief asks for 15-30%)
DUPLICATE_SHARE = 0.05  # of defective claims: the same service claimed again for the same participant

# Clinical pools. Every code is in the shipped ICD-10 list and supports its service line (layanan.yaml).
_PCT = T(nama="Paracetamol 500 mg", golongan="analgetik")
_FE = T(nama="Tablet tambah darah", golongan="zat_besi")
_UMUM = [  # (diagnosa, keluhan, terapi)
    ("J06.9", "Batuk pilek dan nyeri tenggorokan 3 hari", (_PCT,)),
    ("K30", "Nyeri ulu hati dan perut kembung", (T(nama="Antasida doen", golongan="antasida"),)),
    ("I10", "Pusing, kontrol tekanan darah", (T(nama="Amlodipin 5 mg", golongan="antihipertensi"),)),
    ("E11.9", "Kontrol gula darah, sering haus", (T(nama="Metformin 500 mg", golongan="antidiabetes"),)),
    ("A09.0", "Mencret 4 kali sejak kemarin", (T(nama="Oralit", golongan="cairan"), T(nama="Zinc 20 mg"))),
    ("B35.4", "Gatal melingkar di perut", (T(nama="Salep mikonazol", rute="topikal", golongan="antijamur"),)),
    ("M79.1", "Pegal dan nyeri otot setelah bekerja", (_PCT,)),
    ("J18.9", "Demam dan batuk berdahak 5 hari", (T(nama="Amoksisilin 500 mg", golongan="antibiotik"), _PCT)),
    # an injection the anaemia diagnosis justifies: a near miss for rule KL01
    ("D64.9", "Lemas, pusing dan pucat", (T(nama="Injeksi vitamin B12", rute="injeksi", golongan="vitamin"), _FE)),
]
_GIGI = [("K02.1", "Gigi berlubang dan ngilu"), ("K04.0", "Gigi berdenyut nyeri semalam"), ("K05.1", "Gusi berdarah")]
_RUJUK = [  # (diagnosa, keluhan, spesialis, TACC): E11 is on the non-specialist list, so its referral needs TACC
    ("I50.9", "Sesak napas saat aktivitas dan kaki bengkak", "JAN", (-1, None)),
    ("E11.5", "Luka kaki tidak sembuh, riwayat diabetes", "PDL", (3, "Komplikasi ulkus diabetik")),
]
_RANAP = [
    ("A91", "Demam tinggi mendadak 3 hari, mimisan"),
    ("A09.0", "Mencret lebih dari 8 kali, lemas"),
    ("A01.0", "Demam 7 hari naik turun, mual"),
]
_WOMEN = ["Siti", "Dewi", "Rina", "Ayu", "Sri", "Nur", "Yanti", "Lina", "Putri", "Fitri", "Wulan", "Ratna"]
_MEN = ["Wahyu", "Budi", "Agus", "Joko", "Eko", "Rudi", "Andi", "Rizky", "Ahmad", "Dian", "Bambang", "Hendra"]
_SURNAMES = ["Lestari", "Santoso", "Hidayat", "Saputra", "Rahmawati", "Pratama", "Kurniawan", "Nugroho", "Wijaya"]
_PLACES = ["Sukamaju", "Mekarsari", "Cibening", "Tanjungsari", "Karanganyar", "Sidomulyo", "Bojongsari"]

_FACILITY_TYPES = {
    "puskesmas": 40, "klinik_pratama": 30, "praktik_dokter": 15, "praktik_bidan": 10, "praktik_dokter_gigi": 5,
}  # fmt: skip
# Service mix per facility type (relative weights); kapitasi lines are P-Care entries the facility checks too.
# Skrining and PRB lab lines have no Puskesmas tariff (Permenkes 3/2023 table), so Puskesmas do not bill them.
_MIX: dict[str, dict[str, float]] = {
    "puskesmas": {
        "rawat_jalan": 36, "promotif": 5, "anc_bidan": 12, "anc_dokter": 6, "pnc": 8, "kb_suntik": 8,
        "kb_implan": 3, "kb_iud": 2, "persalinan_tim_dokter": 5, "persalinan_poned_2hari": 2,
        "persalinan_poned_3hari": 1, "rawat_inap": 6, "pra_rujukan": 1,
    },
    "klinik_pratama": {
        "rawat_jalan": 35, "anc_dokter": 8, "anc_dokter_usg": 6, "anc_bidan": 6, "pnc": 6, "kb_suntik": 8,
        "kb_implan": 3, "kb_iud": 3, "persalinan_tim_dokter": 3, "persalinan_tanpa_dokter": 3, "rawat_inap": 5,
        "lab_prb_hba1c": 3, "lab_prb_gula_darah": 3,
    },
    "praktik_dokter": {
        "rawat_jalan": 60, "anc_dokter": 10, "kb_suntik": 8, "skrining_gula_darah": 6, "lab_prb_gula_darah": 6,
    },
    "praktik_bidan": {"anc_bidan": 35, "pnc": 20, "kb_suntik": 25, "kb_implan": 8, "persalinan_tanpa_dokter": 10},
    "praktik_dokter_gigi": {"rawat_jalan": 80, "protesa_gigi_1_rahang": 12, "protesa_gigi_2_rahang": 8},
}  # fmt: skip
_DELIVERY_DAYS = {
    "persalinan_tim_dokter": 1, "persalinan_tanpa_dokter": 1, "persalinan_poned_2hari": 2, "persalinan_poned_3hari": 3,
}  # fmt: skip
_BY_BIDAN = {"anc_bidan", "pnc", "kb_suntik", "kb_implan", "persalinan_tanpa_dokter"}
_SIGNED = {"resume_medis", "partograf", "consent", "bukti_pelayanan"}  # documents whose signature the rules check


@dataclass(frozen=True)
class SyntheticClaim:
    """One generated claim, the defects injected into it (DEFECTS keys) and the rule codes they should trip."""

    claim: Claim
    cacat: tuple[str, ...]
    aturan: tuple[str, ...]
    asli: Claim | None = None  # with keep_original: the claim as the facility's records have it, before the defects


@dataclass(frozen=True)
class _Facility:
    fas: Fasilitas
    without_induk: Fasilitas | None
    staff: dict[str, str]  # pemeriksa -> kd_dokter
    services: tuple[str, ...]
    weights: tuple[float, ...]
    sent: dt.date  # the day the facility sends the month's batch


@dataclass
class _Pools:
    vitals: list[TandaVital]
    fever: list[TandaVital]
    cards: set[str] = field(default_factory=set)
    documents: dict[tuple[str, bool], Dokumen] = field(default_factory=dict)
    # The month's submission file (Peraturan BPJS Kesehatan 7/2018 Ps 12), complete; shared by every claim.
    berkas: BerkasPengajuan = field(
        default_factory=lambda: BerkasPengajuan(
            dokumen=[
                Dokumen(jenis="fpk", ditandatangani=True),
                Dokumen(jenis="rekapitulasi"),
                Dokumen(jenis="kuitansi", ditandatangani=True, bermeterai=True),
                Dokumen(jenis="sptjm", ditandatangani=True, bermeterai=True),
            ]
        )
    )


def generate_claims(n: int, seed: int, **options: Any) -> list[Claim]:
    """`n` claims for one seed (same seed, same claims); the options are those of `generate_batch`."""
    return [item.claim for item in generate_batch(n, seed, **options)]


def generate_batch(
    n: int,
    seed: int,
    *,
    bulan: dt.date = DEFAULT_MONTH,
    defect_rate: float = DEFAULT_DEFECT_RATE,
    faskes: int | None = None,
    keep_original: bool = False,
) -> list[SyntheticClaim]:
    """A month of claims: services in `bulan`, sent early the next month, about `defect_rate` of them defective.

    `faskes` facilities share the claims; by default one per 100 claims (at most 60), so a 30-60 claim month
    belongs to a single facility, as when a facility checks its own month. `keep_original` also keeps each
    claim as it was before its defects (`SyntheticClaim.asli`); it draws nothing, so the claims do not change.
    """
    rng = random.Random(seed)
    month = bulan.replace(day=1)
    facilities = [_facility(rng, i, month) for i in range(faskes or max(1, min(60, n // 100)))]
    pools = _Pools([_vital(rng, fever=False) for _ in range(40)], [_vital(rng, fever=True) for _ in range(20)])
    out: list[SyntheticClaim] = []
    clean_billed: list[int] = []
    with paused_gc():  # bulk construction of acyclic objects
        for i in range(n):
            draft = _draft(rng, facilities[rng.randrange(len(facilities))], i, month, pools)
            kinds: list[str] = []
            if rng.random() < defect_rate:
                if clean_billed and rng.random() < DUPLICATE_SHARE:
                    out.append(_duplicate(out[rng.choice(clean_billed)].claim, i, keep_original))
                    continue
                kinds = pick_defects(rng, draft, 2 if rng.random() < 0.2 else 1)
            before = _snapshot(draft) if keep_original and kinds else None
            codes = {code for kind in kinds for code in DEFECTS[kind].apply(draft, rng)}
            if not kinds and draft.billed:
                clean_billed.append(len(out))
            claim = _build(draft, pools)
            asli = (claim if before is None else _build(before, pools)) if keep_original else None
            out.append(SyntheticClaim(claim, tuple(kinds), tuple(sorted(codes)), asli))
    return out


def _snapshot(d: Draft) -> Draft:
    """A copy the defects cannot reach: they replace values or edit these dicts, never nested models."""
    return dataclasses.replace(
        d,
        peserta=dict(d.peserta),
        kunjungan=dict(d.kunjungan),
        pengajuan=dict(d.pengajuan),
        dokumen=dict(d.dokumen),
        lab=list(d.lab),
    )


def _duplicate(original: Claim, i: int, keep_original: bool) -> SyntheticClaim:
    pengajuan = original.pengajuan.model_copy(update={"no_klaim": f"K-{i + 1:06d}"})
    claim = original.model_copy(update={"pengajuan": pengajuan})
    return SyntheticClaim(claim, ("klaim_ganda",), ("DP01",), claim if keep_original else None)


def _facility(rng: random.Random, index: int, month: dt.date) -> _Facility:
    jenis = rng.choices(list(_FACILITY_TYPES), weights=list(_FACILITY_TYPES.values()))[0]
    person = f"{rng.choice(_WOMEN + _MEN)} {rng.choice(_SURNAMES)}"
    nama = {
        "puskesmas": f"Puskesmas {rng.choice(_PLACES)}",
        "klinik_pratama": f"Klinik Pratama {rng.choice(_PLACES)} Sehat",
        "praktik_dokter": f"Praktik dr. {person}",
        "praktik_bidan": f"Praktik Bidan {rng.choice(_WOMEN)} {rng.choice(_SURNAMES)}",
        "praktik_dokter_gigi": f"Praktik drg. {person}",
    }[jenis]
    kode = f"{rng.randrange(100, 9999):04d}{jenis[0].upper()}{index + 1:03d}"
    poned = jenis == "puskesmas" and rng.random() < 0.5
    inpatient = jenis in ("puskesmas", "klinik_pratama") and rng.random() < 0.6
    rate = rng.choice([200_000, 250_000, 300_000]) if inpatient else None
    induk = f"{kode[:4]}P{rng.randrange(1, 99):03d}" if jenis == "praktik_bidan" else None
    fas = Fasilitas(
        kode=kode, nama=nama, jenis=JenisFaskes(jenis), poned=poned, tarif_rawat_inap_per_hari=rate, kode_induk=induk
    )
    mix = {s: w for s, w in _MIX[jenis].items() if (s != "rawat_inap" or rate) and ("poned" not in s or poned)}
    return _Facility(
        fas=fas,
        without_induk=fas.model_copy(update={"kode_induk": None}) if induk else None,
        staff={p: f"{rng.randrange(100000, 999999)}" for p in ("dokter", "bidan", "dokter_gigi")},
        services=tuple(mix),
        weights=tuple(mix.values()),
        sent=add_months(month, 1).replace(day=rng.randrange(2, 10)),
    )


def _vital(rng: random.Random, fever: bool) -> TandaVital:
    return TandaVital(
        sistole=rng.randrange(100, 145),
        diastole=rng.randrange(60, 95),
        berat_badan=rng.randrange(42, 85),
        tinggi_badan=rng.randrange(145, 178),
        resp_rate=rng.randrange(16, 24),
        heart_rate=rng.randrange(68, 110),
        suhu=round(rng.uniform(38.0, 39.6) if fever else rng.uniform(36.2, 37.4), 1),
    )


def _card(rng: random.Random, cards: set[str]) -> str:
    while (card := f"000{rng.randrange(10**10):010d}") in cards:
        pass
    cards.add(card)
    return card


def _poli(layanan: str, jenis_faskes: str) -> str:
    if jenis_faskes == "praktik_dokter_gigi":
        return "002"
    if layanan.startswith("kb_"):
        return "008"
    if layanan.startswith(("anc_", "pnc", "pra_rujukan", "persalinan", "skrining_iva")):
        return "003"
    return "001"


def _jenis_klaim(layanan: str) -> str:
    if layanan in ("rawat_jalan", "promotif"):
        return "kapitasi"
    if layanan.startswith(("lab_prb", "skrining")):
        return "program_khusus"  # PRB/Prolanis and screening (Peraturan BPJS 2/2019)
    # ANC, PNC, KB, persalinan, pra-rujukan and RITP are paid per service as non-kapitasi (Permenkes 3/2023
    # Ps 19-22), although seed 000's table files KB and KIA under "program khusus" (issue 9).
    return "non_kapitasi"


def _draft(rng: random.Random, fac: _Facility, i: int, month: dt.date, pools: _Pools) -> Draft:
    layanan = rng.choices(fac.services, weights=fac.weights)[0]
    last_day = add_months(month, 1) - dt.timedelta(days=1)
    day = month + dt.timedelta(days=rng.randrange(last_day.day - 3))
    woman = layanan != "rawat_jalan" or rng.random() < 0.55
    jenis = fac.fas.jenis
    pemeriksa = "dokter"
    if jenis == "praktik_dokter_gigi":
        pemeriksa = "dokter_gigi"
    elif layanan in _BY_BIDAN or jenis == "praktik_bidan":
        pemeriksa = "bidan"
    draft = Draft(
        fas=fac.fas,
        without_induk=fac.without_induk,
        layanan=layanan,
        peserta={
            "no_kartu": _card(rng, pools.cards),
            "nama": f"{rng.choice(_WOMEN if woman else _MEN)} {rng.choice(_SURNAMES)}",
            "aktif": True,
        },
        kunjungan={
            "no_kunjungan": f"{fac.fas.kode}{month:%m%y}Y{i + 1:06d}",
            "tgl_daftar": day,
            "tgl_entri": day,
            "kd_tkp": "20" if layanan in _DELIVERY_DAYS or layanan == "rawat_inap" else "10",
            "kd_poli": _poli(layanan, jenis),
            "kd_sadar": "01",
            "vital": pools.vitals[rng.randrange(len(pools.vitals))],
            "kd_status_pulang": "3",
            "kd_dokter": fac.staff[pemeriksa],
            "pemeriksa": pemeriksa,
        },
        pengajuan={
            "no_klaim": f"K-{i + 1:06d}",
            "jenis_klaim": _jenis_klaim(layanan),
            "layanan": layanan,
            "tgl_pengajuan": fac.sent,
        },
    )
    _fill_clinical(rng, draft, pools)
    if draft.billed:
        draft.dokumen = {"bukti_pelayanan": True}
        draft.dokumen.update({d: d in _SIGNED for d in load_reference().services[layanan].dokumen_wajib})
        draft.pengajuan["jumlah_diajukan"] = draft.tariff()
    return draft


def _fill_clinical(rng: random.Random, d: Draft, pools: _Pools) -> None:
    """Diagnosis, complaint, therapy and the service-specific fields a correct claim of this line carries."""
    k, p, layanan = d.kunjungan, d.pengajuan, d.layanan
    if layanan == "rawat_jalan" and d.fas.jenis == "praktik_dokter_gigi":
        diag, keluhan = rng.choice(_GIGI)
        k.update(diagnosa=[diag], keluhan=keluhan, terapi=[_PCT])
    elif layanan == "rawat_jalan" and rng.random() < 0.08:
        diag, keluhan, spesialis, (tacc, alasan) = rng.choice(_RUJUK)
        k.update(diagnosa=[diag], keluhan=keluhan, kd_status_pulang="4")
        k["rujukan"] = Rujukan(kd_ppk="0114R001", spesialis=spesialis, kd_tacc=tacc, alasan_tacc=alasan)
    elif layanan == "rawat_jalan":
        diag, keluhan, terapi = rng.choice(_UMUM)
        k.update(diagnosa=[diag], keluhan=keluhan, terapi=list(terapi))
    elif layanan == "promotif":
        k.update(kd_tkp="50", diagnosa=["Z00.0"], keluhan="Pemeriksaan kesehatan Posbindu", kd_status_pulang=None)
    elif layanan == "pra_rujukan":
        k.update(diagnosa=["O14.1"], keluhan="Hamil 34 minggu, tekanan darah 170/110", kd_status_pulang="4")
        k["rujukan"] = Rujukan(kd_ppk="0114R001", spesialis="OBG", kd_tacc=3, alasan_tacc="Preeklamsia berat")
    elif layanan.startswith("anc_"):
        weeks = rng.randrange(8, 38)
        k.update(diagnosa=[rng.choice(["Z34.0", "Z34.8"])], keluhan=f"Periksa hamil, usia kehamilan {weeks} minggu")
        k["terapi"], p["kunjungan_ke"] = [_FE], rng.randrange(1, 7)
    elif layanan == "pnc":
        k.update(diagnosa=["Z39.2"], keluhan="Kontrol nifas", terapi=[_FE])
        p["kunjungan_ke"] = rng.randrange(1, 5)
    elif layanan.startswith("kb_"):
        k["diagnosa"] = [{"kb_iud": "Z30.1", "kb_implan": "Z30.8"}.get(layanan, "Z30.4")]
        k["keluhan"] = "Ingin melanjutkan KB suntik" if layanan == "kb_suntik" else "Ingin KB jangka panjang"
    elif layanan in _DELIVERY_DAYS:
        days = _DELIVERY_DAYS[layanan]
        k.update(diagnosa=["O80.0" if days == 1 else "O72.1"], kd_status_pulang="0")
        k["keluhan"] = "Hamil 39 minggu, kenceng-kenceng teratur sejak subuh"
        k["tgl_pulang"] = k["tgl_entri"] = k["tgl_daftar"] + dt.timedelta(days=days)
        if days == 1:
            with_doctor = layanan == "persalinan_tim_dokter"
            p["tim_persalinan"] = TimPersalinan(ada_dokter=with_doctor, jumlah_nakes=3 if with_doctor else 2)
        else:
            p["hari_poned"] = days
    elif layanan == "rawat_inap":
        diag, keluhan = rng.choice(_RANAP)
        days = rng.randrange(2, 5)
        k.update(diagnosa=[diag], keluhan=keluhan, kd_status_pulang="0", vital=rng.choice(pools.fever))
        k["terapi"] = [T(nama="Infus RL 20 tpm", rute="infus", golongan="cairan"), _PCT]
        k["tgl_pulang"] = k["tgl_entri"] = k["tgl_daftar"] + dt.timedelta(days=days)
        p["lama_rawat_hari"] = days
        if diag == "A91":  # EV01: platelets below 100.000/uL and a haematocrit rise >= 20% on the second day
            start = k["tgl_daftar"]
            baseline = rng.randrange(36, 42)
            d.lab = [
                HasilLab(jenis="hematokrit", nilai=baseline, satuan="%", tanggal=start),
                HasilLab(
                    jenis="hematokrit",
                    nilai=round(baseline * rng.uniform(1.21, 1.3)),
                    satuan="%",
                    tanggal=start + dt.timedelta(days=1),
                ),
                HasilLab(jenis="trombosit", nilai=rng.randrange(120, 160) * 1000, satuan="/uL", tanggal=start),
                HasilLab(
                    jenis="trombosit",
                    nilai=rng.randrange(40, 95) * 1000,
                    satuan="/uL",
                    tanggal=start + dt.timedelta(days=1),
                ),
            ]
    elif layanan.startswith("protesa"):
        k.update(diagnosa=["K08.1"], keluhan="Gigi hilang, sulit mengunyah")
    else:  # screening and PRB laboratory lines
        screening = {"skrining_iva": "Z12.4", "skrining_gula_darah": "Z13.1", "lab_prb_hba1c": "E11.9"}
        k.update(diagnosa=[screening.get(layanan) or rng.choice(["E11.9", "I10"])], keluhan="Pemeriksaan rutin program")
    k["anamnesa"] = k["keluhan"]


def _build(d: Draft, pools: _Pools) -> Claim:
    docs = [pools.documents.setdefault(key, Dokumen(jenis=key[0], ditandatangani=key[1])) for key in d.dokumen.items()]
    return Claim(
        fasilitas=d.fas,
        peserta=Peserta(**d.peserta),
        kunjungan=Kunjungan(**d.kunjungan),
        lab=d.lab,
        dokumen=docs,
        berkas_pengajuan=pools.berkas if d.billed else None,
        pengajuan=Pengajuan(**d.pengajuan),
    )
